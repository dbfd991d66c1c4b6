package io.sigload.perf;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long {@code sigload bench} measures. All profiles add {@code -prof gc} (allocation per
 * operation is the stable number on a noisy machine).
 */
public enum BenchProfile {
    /** Plumbing check (1 fork, 1 warmup, 1 measurement, 0.5 s each): numbers are not meaningful. */
    SMOKE(1, 1, TimeValue.milliseconds(500), 1, TimeValue.milliseconds(500)),
    /** CI gate: 2 forks x (3 x 1 s warmup + 5 x 1 s measurement), about 20 s per benchmark. */
    CI(2, 3, TimeValue.seconds(1), 5, TimeValue.seconds(1)),
    /** Careful numbers: 3 forks x (5 x 2 s warmup + 10 x 2 s measurement), about 95 s per benchmark. */
    FULL(3, 5, TimeValue.seconds(2), 10, TimeValue.seconds(2));

    final int forks;
    final int warmupIterations;
    final TimeValue warmupTime;
    final int iterations;
    final TimeValue time;

    BenchProfile(int forks, int warmupIterations, TimeValue warmupTime, int iterations, TimeValue time) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.iterations = iterations;
        this.time = time;
    }

    /** e.g. {@code -f 2 -wi 3 -w 1 s -i 5 -r 1 s -prof gc}. */
    public String describe() {
        return "-f " + forks + " -wi " + warmupIterations + " -w " + warmupTime + " -i " + iterations + " -r " + time
                + " -prof gc";
    }
}
