package io.sigload.skew;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sweeps a range of clock skews adaptively: a coarse grid (about {@value #GRID_STEPS} steps, plus
 * zero), then, between every two neighbouring steps whose {@link SkewStep.Outcome} differs, a
 * bisection down to 1 s. Cost: about {@code GRID_STEPS + 2·log2(grid step)} probes per edge.
 *
 * <p>Caveat: an island of different outcome narrower than the grid step, between two grid points
 * of the same outcome, is not seen. Use {@link SkewAssertions} (every second) to prove a range.
 *
 * <p>Stateless and thread-safe; the probe is not.
 */
public final class SkewSweep {
    /** Steps of the coarse grid. */
    public static final int GRID_STEPS = 48;
    /** The widest range accepted on either side: 30 days. */
    public static final Duration LIMIT = Duration.ofDays(30);

    private SkewSweep() {
    }

    /**
     * Checks a range before sweeping it.
     *
     * @throws IllegalArgumentException when {@code from >= to}, or either end is beyond ±30 days;
     *     the message says what is allowed
     */
    public static void checkRange(Duration from, Duration to) {
        if (from.abs().compareTo(LIMIT) > 0 || to.abs().compareTo(LIMIT) > 0) {
            throw new IllegalArgumentException("skew range " + from.toSeconds() + " s .. " + to.toSeconds()
                    + " s reaches beyond ±30 days (±2592000 s); clocks that far apart are not skew. Try --from -2h --to 2h");
        }
        if (from.toSeconds() >= to.toSeconds()) {
            throw new IllegalArgumentException("empty skew range: --from " + from.toSeconds() + " s must be below --to "
                    + to.toSeconds() + " s (whole seconds), e.g. --from -2h --to 2h");
        }
    }

    /**
     * Sweeps {@code [from, to]} (whole seconds).
     *
     * @param probe mints and validates at one skew
     * @param from lowest skew (minting clock slow when negative)
     * @param to highest skew
     * @param signer the signer's description, for the report
     * @param profile the validator profile's wire name
     * @param mode how the probe makes the skew
     * @throws IllegalArgumentException as {@link #checkRange}
     */
    public static SkewReport sweep(SkewProbe probe, Duration from, Duration to, String signer, String profile,
            SignerProbe.Mode mode) {
        checkRange(from, to);
        long lo = from.toSeconds();
        long hi = to.toSeconds();
        TreeMap<Long, SkewStep> steps = new TreeMap<>();
        long grid = Math.max(1, Math.ceilDiv(hi - lo, GRID_STEPS));
        for (long s = lo; s < hi; s += grid) {
            steps.put(s, probe.probe(s));
        }
        steps.put(hi, probe.probe(hi));
        if (lo < 0 && hi > 0) {
            steps.computeIfAbsent(0L, probe::probe);
        }
        Deque<long[]> work = new ArrayDeque<>();
        Long prev = null;
        for (long s : steps.keySet()) {
            if (prev != null) {
                work.push(new long[] {prev, s});
            }
            prev = s;
        }
        while (!work.isEmpty()) {
            long[] ab = work.pop();
            long a = ab[0];
            long b = ab[1];
            if (b - a <= 1 || steps.get(a).outcome() == steps.get(b).outcome()) {
                continue;
            }
            long mid = Math.floorDiv(a + b, 2);
            SkewStep m = steps.computeIfAbsent(mid, probe::probe);
            work.push(new long[] {a, mid});
            work.push(new long[] {mid, b});
        }
        return report(new ArrayList<>(steps.values()), lo, hi, signer, profile, mode);
    }

    /** Finds the widest all-valid run and its two edges. */
    static SkewReport report(List<SkewStep> steps, long lo, long hi, String signer, String profile,
            SignerProbe.Mode mode) {
        int bestStart = -1;
        int bestEnd = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).outcome() != SkewStep.Outcome.ALL_VALID) {
                continue;
            }
            int j = i;
            while (j + 1 < steps.size() && steps.get(j + 1).outcome() == SkewStep.Outcome.ALL_VALID) {
                j++;
            }
            long width = steps.get(j).skewSeconds() - steps.get(i).skewSeconds();
            if (bestStart < 0 || width > steps.get(bestEnd).skewSeconds() - steps.get(bestStart).skewSeconds()) {
                bestStart = i;
                bestEnd = j;
            }
            i = j;
        }
        if (bestStart < 0) {
            return new SkewReport(signer, profile, mode, lo, hi, steps, null, null, null);
        }
        var window = new SkewReport.Window(steps.get(bestStart).skewSeconds(), steps.get(bestEnd).skewSeconds());
        return new SkewReport(signer, profile, mode, lo, hi, steps, window,
                edge(steps, bestStart, -1, SkewEdge.Side.SLOW), edge(steps, bestEnd, +1, SkewEdge.Side.FAST));
    }

    private static SkewEdge edge(List<SkewStep> steps, int bound, int dir, SkewEdge.Side side) {
        long last = steps.get(bound).skewSeconds();
        int k = bound + dir;
        if (k < 0 || k >= steps.size()) {
            return new SkewEdge(side, last, null, null, "", 0);
        }
        SkewStep first = steps.get(k);
        Long allRejected = null;
        Map<String, Integer> reasons = new TreeMap<>(first.rejectedBy());
        for (int i = k; i >= 0 && i < steps.size(); i += dir) {
            if (steps.get(i).outcome() == SkewStep.Outcome.NONE_VALID) {
                allRejected = steps.get(i).skewSeconds();
                break;
            }
        }
        String reason = new SkewStep(0, 1, 0, reasons).mainReason();
        return new SkewEdge(side, last, first.skewSeconds(), allRejected, reason, first.rejectedShare());
    }
}
