package io.sigload.gate;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Confidence interval of the ratio {@code mean(current) / mean(baseline)} by a two-stage
 * (hierarchical) percentile bootstrap over JMH's raw iteration scores.
 *
 * <p>Each resample draws, on each side independently, as many forks as it has with replacement,
 * then within each drawn fork as many iterations as it has with replacement, and takes the mean
 * of everything drawn. Resampling forks first keeps fork-to-fork differences (JIT decisions,
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

    /** Lower and upper bound of the interval, and the point estimate. */
    public record Interval(double point, double lower, double upper) {
    }

    /**
     * The interval of {@code mean(current)/mean(baseline)}.
     *
     * @param baseline per fork, per iteration (non-empty)
     * @param current per fork, per iteration (non-empty)
     * @param confidence e.g. 0.99
     */
    public static Interval ratio(List<List<Double>> baseline, List<List<Double>> current, double confidence,
            int resamples, long seed) {
        double[][] b = toArrays(baseline);
        double[][] c = toArrays(current);
        double point = mean(c) / mean(b);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            double mb = resampledMean(b, rnd);
            double mc = resampledMean(c, rnd);
            ratios[i] = mc / mb;
        }
        Arrays.sort(ratios);
        double alpha = 1 - confidence;
        int lo = (int) Math.floor(alpha / 2 * resamples);
        int hi = (int) Math.ceil((1 - alpha / 2) * resamples) - 1;
        lo = Math.clamp(lo, 0, resamples - 1);
        hi = Math.clamp(hi, 0, resamples - 1);
        return new Interval(point, ratios[lo], ratios[hi]);
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

    static double mean(double[][] forks) {
        double sum = 0;
        int n = 0;
        for (double[] f : forks) {
            for (double v : f) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }

    private static double resampledMean(double[][] forks, SplittableRandom rnd) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < forks.length; k++) {
            double[] fork = forks[rnd.nextInt(forks.length)];
            for (int j = 0; j < fork.length; j++) {
                sum += fork[rnd.nextInt(fork.length)];
                n++;
            }
        }
        return sum / n;
    }
}
