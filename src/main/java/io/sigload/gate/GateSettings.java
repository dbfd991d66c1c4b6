package io.sigload.gate;

/**
 * How strict the gate is. Every default of the gate lives here ({@link #defaults()}); the
 * {@code gate} command's options start from it.
 *
 * @param threshold minimum effect size for timings, as a fraction (0.10 = 10%): a change smaller
 *     than this is never a regression, however certain
 * @param allocThreshold minimum effect size for allocation per operation, as a fraction (0.05 = 5%)
 * @param allocAbsoluteBytes allocation changes smaller than this many bytes per operation are
 *     ignored (TLAB accounting makes near-zero allocation jitter by fractions of a byte)
 * @param confidence confidence level of the intervals, e.g. 0.99
 * @param resamples bootstrap resamples
 * @param seed bootstrap seed (fixed: same inputs, same verdict)
 * @param allowJdkMismatch compare results from different JDKs anyway (otherwise exit 2)
 * @param estimator what summarises each side's iteration scores (the minimum by default)
 * @param minForks JMH: forks each side needs before a time or allocation verdict is given
 * @param minIterations JMH: measurement iterations each fork needs likewise
 */
public record GateSettings(
        double threshold,
        double allocThreshold,
        double allocAbsoluteBytes,
        double confidence,
        int resamples,
        long seed,
        boolean allowJdkMismatch,
        Bootstrap.Estimator estimator,
        int minForks,
        int minIterations) {

    /** Default time threshold, as the {@code --threshold} option writes it. */
    public static final String DEFAULT_THRESHOLD = "10%";
    /** Default allocation threshold ({@code --alloc-threshold}). */
    public static final String DEFAULT_ALLOC_THRESHOLD = "5%";
    /** Default confidence ({@code --confidence}). */
    public static final String DEFAULT_CONFIDENCE = "99%";
    /** Default allocation changes ignored, bytes per operation. */
    public static final double DEFAULT_ALLOC_ABSOLUTE_BYTES = 8;
    /**
     * Forks a side needs, at least: with one fork the bootstrap cannot see how much a fresh JVM
     * moves the score (JIT decisions, code and heap layout), and identical builds have differed by
     * 32% (1 fork x 1 iteration, issue #15). The smoke profile (1 fork) therefore never gives a verdict.
     */
    public static final int DEFAULT_MIN_FORKS = 2;
    /** Measurement iterations a fork needs, at least (the warming and disturbance checks need a few). */
    public static final int DEFAULT_MIN_ITERATIONS = 3;
    /** Default {@code --interleave} rounds for JMH (each runs both jars, ABBA order). */
    public static final int DEFAULT_ROUNDS = 3;
    /**
     * Default {@code --interleave} runs per side for a scenario: 5, the fewest for which an
     * interval from the runs' spread reaches 99% (2/C(10,5) = 0.8%, {@link RankInterval}).
     */
    public static final int DEFAULT_SCENARIO_RUNS = 5;

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
        if (minForks < 1 || minIterations < 1) {
            throw new IllegalArgumentException("minForks and minIterations must be >= 1");
        }
    }

    /**
     * 10% time threshold, 5% allocation threshold (and 8 B/op), 99% intervals, 10,000 resamples,
     * minimum of the iteration scores, at least 2 forks x 3 iterations a side.
     */
    public static GateSettings defaults() {
        return new GateSettings(percent(DEFAULT_THRESHOLD), percent(DEFAULT_ALLOC_THRESHOLD), DEFAULT_ALLOC_ABSOLUTE_BYTES,
                percent(DEFAULT_CONFIDENCE), Bootstrap.RESAMPLES, Bootstrap.SEED, false, Bootstrap.Estimator.MIN,
                DEFAULT_MIN_FORKS, DEFAULT_MIN_ITERATIONS);
    }

    public GateSettings withThreshold(double t) {
        return new GateSettings(t, allocThreshold, allocAbsoluteBytes, confidence, resamples, seed, allowJdkMismatch,
                estimator, minForks, minIterations);
    }

    public GateSettings withAllocThreshold(double t) {
        return new GateSettings(threshold, t, allocAbsoluteBytes, confidence, resamples, seed, allowJdkMismatch,
                estimator, minForks, minIterations);
    }

    public GateSettings withConfidence(double c) {
        return new GateSettings(threshold, allocThreshold, allocAbsoluteBytes, c, resamples, seed, allowJdkMismatch,
                estimator, minForks, minIterations);
    }

    public GateSettings withEstimator(Bootstrap.Estimator e) {
        return new GateSettings(threshold, allocThreshold, allocAbsoluteBytes, confidence, resamples, seed,
                allowJdkMismatch, e, minForks, minIterations);
    }

    public GateSettings withAllowJdkMismatch(boolean allow) {
        return new GateSettings(threshold, allocThreshold, allocAbsoluteBytes, confidence, resamples, seed, allow,
                estimator, minForks, minIterations);
    }

    public GateSettings withMinSamples(int forks, int iterations) {
        return new GateSettings(threshold, allocThreshold, allocAbsoluteBytes, confidence, resamples, seed,
                allowJdkMismatch, estimator, forks, iterations);
    }

    /**
     * "10%", "10" or "0.5 %": a percentage as a fraction.
     *
     * @throws IllegalArgumentException when it is not a finite number >= 0
     */
    public static double percent(String text) {
        String t = text.strip();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v) && v >= 0) {
                return v / 100;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + text + "' is not a percentage (e.g. 10%)");
    }
}
