package io.sigload.cli;

import io.sigload.gate.Bootstrap;
import io.sigload.perf.BenchProfile;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Choices as help prints them ({@code ${COMPLETION-CANDIDATES}}): lower case, as users type them
 * (enum options are parsed case-insensitively, {@link Main#commandLine}).
 */
final class Choices {
    private Choices() {
    }

    static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** {@code min, p10, median, mean}. */
    static final class Estimators implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return lower(Bootstrap.Estimator.values()).iterator();
        }
    }

    /** {@code smoke, ci, full}. */
    static final class BenchProfiles implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return lower(BenchProfile.values()).iterator();
        }
    }
}
