package io.sigload.perf;

import java.nio.file.Path;
import java.util.List;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@code sigload bench} runs.
 *
 * @param profile measurement lengths
 * @param includes benchmark regexes (JMH {@code find} on the full name); empty = all
 * @param excludes benchmark regexes to leave out
 * @param signers values of the {@code signer} parameter; empty = every installed in-process signer
 * @param floor also run {@code HmacFloorBench.reusedMac} when signers are run without it, so ratios have a floor
 * @param json where JMH writes its JSON result, or {@code null} for a temporary file
 * @param forks overrides the profile when not {@code null}; likewise the iterations and times below
 */
public record BenchPlan(
        BenchProfile profile,
        List<String> includes,
        List<String> excludes,
        List<String> signers,
        boolean floor,
        Path json,
        Integer forks,
        Integer warmupIterations,
        TimeValue warmupTime,
        Integer iterations,
        TimeValue time) {

    public BenchPlan {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
        signers = List.copyOf(signers);
    }

    /** A plan with the profile's settings and no overrides. */
    public static BenchPlan of(BenchProfile profile, List<String> includes, Path json) {
        return new BenchPlan(profile, includes, List.of(), List.of(), true, json, null, null, null, null, null);
    }
}
