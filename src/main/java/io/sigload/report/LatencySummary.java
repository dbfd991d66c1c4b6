package io.sigload.report;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency phase, in microseconds (HdrHistogram, 3 significant digits).
 *
 * @param count how many values were recorded
 * @param p50 median, µs
 * @param p90 90th percentile, µs
 * @param p99 99th percentile, µs
 * @param p999 99.9th percentile, µs
 * @param max largest value, µs
 * @param mean mean, µs
 */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max, double mean) {
    /** An empty summary (nothing recorded). */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    /** Summarises a histogram of nanoseconds. */
    public static LatencySummary ofNanos(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getTotalCount(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)),
                us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)), us(h.getMaxValue()), h.getMean() / 1000.0);
    }

    private static double us(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }

    /** A percentile by name: {@code p50, p90, p99, p999, max, mean}. */
    public double get(String name) {
        return switch (name) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "p999", "p99.9" -> p999;
            case "max" -> max;
            case "mean" -> mean;
            default -> throw new IllegalArgumentException("unknown percentile " + name
                    + "; allowed: p50, p90, p99, p999, max, mean");
        };
    }
}
