package io.sigload.report;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sparse histogram of signed time offsets (milliseconds), immutable and mergeable: the shape every
 * diagnosis histogram has ({@link Evidence}). Bins are fixed, so histograms from different runs or
 * shards add bin by bin ({@link #plus}) and give exactly the histogram of the union:
 * <ul>
 *   <li>100 ms bins for offsets in {@code [-1000 s, +1000 s)} (the sub-second edges of clock skew and
 *       iat rounding);</li>
 *   <li>1 s bins outside (hours-off clocks and time zones, quarter hours to the second).</li>
 * </ul>
 * A bin is named by its lower edge in ms ({@link #binOf}); its width is {@link #width(long)}.
 * Statistics read a bin as its midpoint, so they are exact to half a bin (50 ms near zero).
 *
 * <p>JSON form ({@link Evidence#toJson}): {@code [[lowerEdgeMillis, count], ...]} in ascending order.
 *
 * @param edges lower edges of the non-empty bins, ascending, ms
 * @param counts the count of each bin, {@code > 0}
 */
public record OffsetHistogram(long[] edges, long[] counts) {
    /** The fine region's half-width, ms: {@code [-FINE_LIMIT, +FINE_LIMIT)} has 100 ms bins. */
    public static final long FINE_LIMIT = 1_000_000;
    /** Fine bin width, ms. */
    public static final long FINE = 100;
    /** Coarse bin width, ms. */
    public static final long COARSE = 1000;
    /** No values. */
    public static final OffsetHistogram EMPTY = new OffsetHistogram(new long[0], new long[0]);

    public OffsetHistogram {
        if (edges.length != counts.length) {
            throw new IllegalArgumentException("edges and counts differ in length");
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    /** The lower edge (ms) of the bin holding {@code millis}. */
    public static long binOf(long millis) {
        long w = millis >= -FINE_LIMIT && millis < FINE_LIMIT ? FINE : COARSE;
        return Math.floorDiv(millis, w) * w;
    }

    /** The width (ms) of the bin whose lower edge is {@code edge}. */
    public static long width(long edge) {
        return edge >= -FINE_LIMIT && edge < FINE_LIMIT ? FINE : COARSE;
    }

    /** Builds a histogram from bin edge → count (edges as given by {@link #binOf}). */
    public static OffsetHistogram of(Map<Long, Long> bins) {
        TreeMap<Long, Long> t = new TreeMap<>();
        bins.forEach((k, v) -> {
            if (v != null && v > 0) {
                t.merge(binOf(k), v, Long::sum);
            }
        });
        long[] e = new long[t.size()];
        long[] c = new long[t.size()];
        int i = 0;
        for (var x : t.entrySet()) {
            e[i] = x.getKey();
            c[i++] = x.getValue();
        }
        return new OffsetHistogram(e, c);
    }

    /** Bin edge → count, ascending. */
    public TreeMap<Long, Long> bins() {
        TreeMap<Long, Long> t = new TreeMap<>();
        for (int i = 0; i < edges.length; i++) {
            t.put(edges[i], counts[i]);
        }
        return t;
    }

    /** This histogram plus another, bin by bin. */
    public OffsetHistogram plus(OffsetHistogram o) {
        TreeMap<Long, Long> t = bins();
        for (int i = 0; i < o.edges.length; i++) {
            t.merge(o.edges[i], o.counts[i], Long::sum);
        }
        return of(t);
    }

    /** How many values. */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** A bin's midpoint, seconds. */
    private double mid(int i) {
        return (edges[i] + width(edges[i]) / 2.0) / 1000.0;
    }

    /** Values in {@code [loSeconds, hiSeconds)}, by bin midpoint. */
    public long countIn(double loSeconds, double hiSeconds) {
        long n = 0;
        for (int i = 0; i < edges.length; i++) {
            double m = mid(i);
            if (m >= loSeconds && m < hiSeconds) {
                n += counts[i];
            }
        }
        return n;
    }

    /**
     * The {@code q}-quantile in seconds (bin midpoints), {@code 0 <= q <= 1}; NaN when empty.
     */
    public double quantile(double q) {
        long n = total();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < edges.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return mid(i);
            }
        }
        return mid(edges.length - 1);
    }

    /** Mean in seconds over {@code [loSeconds, hiSeconds)} (bin midpoints); NaN when none. */
    public double mean(double loSeconds, double hiSeconds) {
        double s = 0;
        long n = 0;
        for (int i = 0; i < edges.length; i++) {
            double m = mid(i);
            if (m >= loSeconds && m < hiSeconds) {
                s += m * counts[i];
                n += counts[i];
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Standard deviation in seconds over {@code [loSeconds, hiSeconds)}; NaN when fewer than 2. */
    public double sd(double loSeconds, double hiSeconds) {
        double mean = mean(loSeconds, hiSeconds);
        double s = 0;
        long n = 0;
        for (int i = 0; i < edges.length; i++) {
            double m = mid(i);
            if (m >= loSeconds && m < hiSeconds) {
                s += (m - mean) * (m - mean) * counts[i];
                n += counts[i];
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(s / (n - 1));
    }

    /**
     * The window of {@code widthSeconds} holding the most values: {@code [start, start + width)} with
     * start on a bin edge, and its count.
     *
     * @return {start seconds, count}; {NaN, 0} when empty
     */
    public double[] densestWindow(double widthSeconds) {
        double bestStart = Double.NaN;
        long best = 0;
        int j = 0;
        long inWindow = 0;
        for (int i = 0; i < edges.length; i++) {
            double start = edges[i] / 1000.0;
            while (j < edges.length && edges[j] / 1000.0 < start + widthSeconds - 1e-9) {
                inWindow += counts[j++];
            }
            if (inWindow > best) {
                best = inWindow;
                bestStart = start;
            }
            inWindow -= counts[i];
        }
        return new double[] {bestStart, best};
    }

    /** Each bin as {midpoint seconds, count}, ascending. */
    public double[][] points() {
        double[][] p = new double[edges.length][];
        for (int i = 0; i < edges.length; i++) {
            p[i] = new double[] {mid(i), counts[i]};
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OffsetHistogram h && Arrays.equals(edges, h.edges) && Arrays.equals(counts, h.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "OffsetHistogram" + bins();
    }
}
