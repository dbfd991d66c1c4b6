package io.sigload.gate;

import java.util.Arrays;

/**
 * The change between two small sets of repeated runs, from the spread between runs: the
 * Hodges-Lehmann estimate of the log-ratio {@code ln(current) - ln(baseline)} (the median of all
 * {@code n·m} pairwise differences) and its distribution-free confidence interval from the exact
 * Mann-Whitney distribution (Hollander and Wolfe, <i>Nonparametric Statistical Methods</i>, 3rd ed.,
 * §4.3): the interval is {@code [d(k), d(nm+1-k)]} of the sorted pairwise differences, with
 * {@code k} the largest rank whose two-sided tail probability is at most {@code 1 - confidence}.
 *
 * <p>It assumes only that the runs of a side are exchangeable (interleaved runs of one build), not
 * any distribution: one run's latency outlier moves the interval by one rank, not by its size.
 * When the sides are too small for the confidence asked ({@code 2/C(n+m, n) > 1 - confidence},
 * e.g. fewer than 5 runs a side at 99%), there is no interval: {@link #of} returns {@code null}.
 *
 * <p>Stateless and thread-safe.
 */
public final class RankInterval {
    private RankInterval() {
    }

    /**
     * A ratio {@code current / baseline} with its interval.
     *
     * @param point Hodges-Lehmann estimate of the ratio
     * @param lower lower end of the interval (ratio)
     * @param upper upper end (ratio)
     * @param achieved the confidence actually achieved ({@code >= } the one asked, ranks are discrete)
     */
    public record Ratio(double point, double lower, double upper, double achieved) {
    }

    /**
     * The interval of {@code current / baseline}.
     *
     * @param baseline the baseline runs' values, each {@code > 0}
     * @param current the current runs' values, each {@code > 0}
     * @param confidence e.g. 0.99
     * @return the ratio, or {@code null} when the runs are too few for the confidence
     * @throws IllegalArgumentException on a value {@code <= 0} or not finite
     */
    public static Ratio of(double[] baseline, double[] current, double confidence) {
        int n = current.length;
        int m = baseline.length;
        int k = rank(n, m, confidence);
        if (k < 1) {
            return null;
        }
        double[] d = new double[n * m];
        int i = 0;
        for (double c : current) {
            for (double b : baseline) {
                if (!(b > 0 && c > 0) || !Double.isFinite(b) || !Double.isFinite(c)) {
                    throw new IllegalArgumentException("values must be finite and > 0, got " + b + " and " + c);
                }
                d[i++] = Math.log(c) - Math.log(b);
            }
        }
        Arrays.sort(d);
        int len = d.length;
        double median = len % 2 == 1 ? d[len / 2] : (d[len / 2 - 1] + d[len / 2]) / 2;
        return new Ratio(Math.exp(median), Math.exp(d[k - 1]), Math.exp(d[len - k]), 1 - 2 * lowerTail(n, m, k - 1));
    }

    /** Runs a side needs (both sides equal) for an interval at {@code confidence}. */
    public static int runsNeeded(double confidence) {
        for (int n = 1; n < 100; n++) {
            if (rank(n, n, confidence) >= 1) {
                return n;
            }
        }
        return 100;
    }

    /**
     * The largest {@code k} with {@code 2·P(U <= k-1) <= 1 - confidence} (U the Mann-Whitney
     * statistic of sizes n and m under no difference), or 0 when even {@code k = 1} fails.
     */
    static int rank(int n, int m, double confidence) {
        if (n < 1 || m < 1) {
            return 0;
        }
        double alpha = 1 - confidence;
        int k = 0;
        while (k < n * m / 2 && 2 * lowerTail(n, m, k) <= alpha + 1e-12) {
            k++;
        }
        return k;
    }

    /**
     * {@code P(U <= u)} by the recurrence {@code c(n, m, u) = c(n-1, m, u-m) + c(n, m-1, u)}
     * (the largest value is a current one, beating all m baseline values, or a baseline one).
     */
    static double lowerTail(int n, int m, int u) {
        if (u < 0) {
            return 0;
        }
        double[][][] c = new double[n + 1][m + 1][];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                double[] row = new double[i * j + 1];
                if (i == 0 || j == 0) {
                    row[0] = 1;
                } else {
                    for (int s = 0; s <= i * j; s++) {
                        double a = s - j >= 0 && s - j < c[i - 1][j].length ? c[i - 1][j][s - j] : 0;
                        double b = s < c[i][j - 1].length ? c[i][j - 1][s] : 0;
                        row[s] = a + b;
                    }
                }
                c[i][j] = row;
            }
        }
        double total = 0;
        double below = 0;
        double[] dist = c[n][m];
        for (int s = 0; s < dist.length; s++) {
            total += dist[s];
            if (s <= u) {
                below += dist[s];
            }
        }
        return below / total;
    }
}
