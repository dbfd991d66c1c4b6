package io.sigload.gate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Confidence interval of the ratio {@code stat(current) / stat(baseline)} (stat: minimum, 10th percentile,
 * median or mean of the iteration scores, see {@link Estimator}) by a two-stage
 * (hierarchical) percentile bootstrap over JMH's raw iteration scores.
 *
 * <p>Each resample draws, on each side independently, as many forks as it has with replacement,
 * then within each drawn fork as many iterations as it has with replacement, and takes the
 * statistic of everything drawn. Resampling forks first keeps fork-to-fork differences (JIT decisions,
 * memory layout, a neighbour's compile on a shared machine) in the interval, which pooling all
 * iterations would hide. The interval is the percentile interval of the resampled ratios. The
 * seed is fixed, so the same files always give the same interval and verdict.
 *
 * <p>Limits: with 1 fork only within-fork noise is seen; with 2 forks the fork stage is coarse.
 * Drift between the baseline run and the current run is NOT in the interval unless both were
 * measured interleaved ({@code sigload gate --interleave}, whose rounds become extra forks).
 */
public final class Bootstrap {
    /** Default number of resamples. */
    public static final int RESAMPLES = 10_000;
    /** Default seed; fixed so verdicts are reproducible. */
    public static final long SEED = 0x5161_0ADL;

    private Bootstrap() {
    }

    /** Lower and upper bound of the interval, the point estimate, and each side's statistic. */
    public record Interval(double point, double lower, double upper, double baseline, double current) {
    }

    /**
     * What summarises a side's iteration scores. On a shared machine interference only ever adds
     * time, so iteration scores have a long right tail (here: single 500 ms iterations 10-100x the
     * typical one while a neighbour compiles). {@link #MIN} and {@link #P10} look only at the fast
     * end, where the code's own cost shows; the median ignores the tail but moves when a neighbour keeps the
     * machine busy for half a fork; the mean (JMH's score) follows every disturbance.
     */
    public enum Estimator {
        /**
         * The 10th percentile (nearest rank) of the iteration scores: a low-end estimator that rests
         * on a few iterations rather than one (see {@link #MIN}); needs several undisturbed
         * iterations per side.
         * Measured here under load 5-11 on 2 cores: the reused-Mac floor's fastest iterations stayed
         * within 5% across four runs while JMH's mean moved 2.4x. Lower is better only for time per
         * operation; for throughput modes the gate uses the 90th percentile ({@link #of} is
         * told the direction).
         */
        P10,
        /**
         * The fastest iteration (the slowest for throughput modes), the gate's default: the
         * estimator recommended for detecting regressions under noise that only adds time (J. Chen
         * and J. Revels, "Robust benchmarking in noisy environments", arXiv:1608.04295, 2016).
         * Needs only one undisturbed iteration per side, so it survives machines busy most of the
         * time; an iteration cannot be faster than the code allows, so a "lucky" one is rare.
         */
        MIN,
        /** The median of the iteration scores. */
        MEDIAN,
        /** The mean of the iteration scores (JMH's score). */
        MEAN;

        /** Whether the statistic looks at the fast end only (so slow, disturbed iterations cannot move it). */
        public boolean lowEnd() {
            return this == P10 || this == MIN;
        }

        double of(double[] values, int n) {
            return of(values, n, false);
        }

        /**
         * The statistic of {@code values[0, n)} (the array is reordered).
         *
         * @param higherIsBetter for throughput scores: {@link #P10} then takes the 90th percentile
         */
        double of(double[] values, int n, boolean higherIsBetter) {
            if (this == MEAN) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += values[i];
                }
                return sum / n;
            }
            Arrays.sort(values, 0, n);
            if (this == MIN) {
                return higherIsBetter ? values[n - 1] : values[0];
            }
            if (this == P10) {
                int rank = Math.max(1, (int) Math.ceil(0.10 * n));
                return higherIsBetter ? values[n - rank] : values[rank - 1];
            }
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }
    }

    /**
     * The interval of {@code mean(current)/mean(baseline)}.
     *
     * @param baseline per fork, per iteration (non-empty)
     * @param current per fork, per iteration (non-empty)
     * @param confidence e.g. 0.99
     */
    public static Interval ratio(List<List<Double>> baseline, List<List<Double>> current, double confidence,
            int resamples, long seed, Estimator estimator) {
        return ratio(baseline, current, confidence, resamples, seed, estimator, false);
    }

    /**
     * As {@link #ratio(List, List, double, int, long, Estimator)}, for scores where higher is
     * better (JMH throughput modes) when {@code higherIsBetter}.
     */
    public static Interval ratio(List<List<Double>> baseline, List<List<Double>> current, double confidence,
            int resamples, long seed, Estimator estimator, boolean higherIsBetter) {
        double[][] b = toArrays(baseline);
        double[][] c = toArrays(current);
        double sb = pooled(b, estimator, higherIsBetter);
        double sc = pooled(c, estimator, higherIsBetter);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] scratchB = new double[maxResampleSize(b)];
        double[] scratchC = new double[maxResampleSize(c)];
        for (int i = 0; i < resamples; i++) {
            double mb = resampled(b, rnd, estimator, higherIsBetter, scratchB);
            double mc = resampled(c, rnd, estimator, higherIsBetter, scratchC);
            ratios[i] = mc / mb;
        }
        Arrays.sort(ratios);
        double alpha = 1 - confidence;
        int lo = (int) Math.floor(alpha / 2 * resamples);
        int hi = (int) Math.ceil((1 - alpha / 2) * resamples) - 1;
        lo = Math.clamp(lo, 0, resamples - 1);
        hi = Math.clamp(hi, 0, resamples - 1);
        return new Interval(sc / sb, ratios[lo], ratios[hi], sb, sc);
    }

    private static double[][] toArrays(List<List<Double>> forks) {
        double[][] out = forks.stream().filter(f -> !f.isEmpty())
                .map(f -> f.stream().mapToDouble(Double::doubleValue).toArray())
                .toArray(double[][]::new);
        if (out.length == 0) {
            throw new IllegalArgumentException("no iterations");
        }
        return out;
    }

    static double pooled(double[][] forks, Estimator estimator, boolean higherIsBetter) {
        double[] all = Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
        return estimator.of(all, all.length, higherIsBetter);
    }

    private static int maxResampleSize(double[][] forks) {
        int max = Arrays.stream(forks).mapToInt(f -> f.length).max().orElse(0);
        return max * forks.length;
    }

    private static double resampled(double[][] forks, SplittableRandom rnd, Estimator estimator, boolean higherIsBetter,
            double[] scratch) {
        int n = 0;
        for (int k = 0; k < forks.length; k++) {
            double[] fork = forks[rnd.nextInt(forks.length)];
            for (int j = 0; j < fork.length; j++) {
                scratch[n++] = fork[rnd.nextInt(fork.length)];
            }
        }
        return estimator.of(scratch, n, higherIsBetter);
    }
}
