package io.sigload.cli;

import io.sigload.clock.Durations;
import io.sigload.skew.SkewSweep;
import java.time.Duration;

/** Skew range options ({@code skew --from/--to}, {@code compare --skew-from/--skew-to}) read as durations. */
final class SkewRange {
    private SkewRange() {
    }

    /**
     * One end of a range, e.g. {@code -2h}, {@code 90s}.
     *
     * @throws UsageException naming the option when the text is not a duration or beyond ±30 days
     */
    static Duration parse(String option, String text) {
        try {
            Duration d = Durations.parse(text);
            boolean negText = text.trim().startsWith("-");
            if (text.replaceAll("[^0-9]", "").length() > 12 || (negText && d.isPositive()) || (!negText && d.isNegative())) {
                throw new UsageException(option + " " + text + ": beyond ±30 days; clocks that far apart are not skew."
                        + " Try --from -2h --to 2h");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** Checks a whole range; a usage error saying what is allowed. */
    static void check(Duration from, Duration to) {
        try {
            SkewSweep.checkRange(from, to);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
