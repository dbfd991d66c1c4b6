package io.sigload.gate;

/**
 * How strict the gate is.
 *
 * @param threshold minimum effect size for timings, as a fraction (0.10 = 10%): a change smaller
 *     than this is never a regression, however certain
 * @param allocThreshold minimum effect size for allocation per operation, as a fraction (0.05 = 5%)
 * @param allocAbsoluteBytes allocation changes smaller than this many bytes per operation are
 *     ignored (TLAB accounting makes near-zero allocation jitter by fractions of a byte)
 * @param confidence confidence level of the bootstrap interval, e.g. 0.99
 * @param resamples bootstrap resamples
 * @param seed bootstrap seed (fixed: same inputs, same verdict)
 * @param allowJdkMismatch compare results from different JDKs anyway (otherwise exit 2)
 * @param estimator what summarises each side's iteration scores (the minimum by default)
 */
public record GateSettings(
        double threshold,
        double allocThreshold,
        double allocAbsoluteBytes,
        double confidence,
        int resamples,
        long seed,
        boolean allowJdkMismatch,
        Bootstrap.Estimator estimator) {

    public GateSettings {
        if (!(threshold > 0 && threshold < 10)) {
            throw new IllegalArgumentException("threshold must be > 0%, was " + threshold * 100 + "%");
        }
        if (!(allocThreshold >= 0)) {
            throw new IllegalArgumentException("alloc threshold must be >= 0%");
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0.5 and 1, was " + confidence);
        }
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be >= 100");
        }
    }

    /** 10% time threshold, 5% allocation threshold (and 8 B/op), 99% intervals, 10,000 resamples, minimum of the iteration scores. */
    public static GateSettings defaults() {
        return new GateSettings(0.10, 0.05, 8, 0.99, Bootstrap.RESAMPLES, Bootstrap.SEED, false, Bootstrap.Estimator.MIN);
    }

    public GateSettings withThreshold(double t) {
        return new GateSettings(t, allocThreshold, allocAbsoluteBytes, confidence, resamples, seed, allowJdkMismatch, estimator);
    }

    public GateSettings withAllocThreshold(double t) {
        return new GateSettings(threshold, t, allocAbsoluteBytes, confidence, resamples, seed, allowJdkMismatch, estimator);
    }
}
