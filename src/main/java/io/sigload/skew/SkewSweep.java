package io.sigload.skew;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sweeps a range of clock skews adaptively: a coarse grid (about {@value #GRID_STEPS} steps, plus
 * zero), then, between every two neighbouring steps whose {@link SkewStep.Outcome} differs, a
 * bisection down to 1 s. Cost: about {@code GRID_STEPS + 2·log2(grid step)} probes per edge.
 *
 * <p>Caveat: an island of different outcome narrower than the grid step, between two grid points
 * of the same outcome, is not seen. Use {@link SkewAssertions} (every second) to prove a range.
 *
 * <p>Stateless and thread-safe; the probe need not be, unless it is swept with {@code parallel > 1}
 * ({@link Bounds}).
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
        try {
            return sweep(probe, from, to, signer, profile, mode, Bounds.SEQUENTIAL);
        } catch (SweepStoppedException e) {
            throw new IllegalStateException("a sweep without bounds cannot stop", e);
        }
    }

    /**
     * How a sweep may run: probes at once (only for a thread-safe probe), a deadline, and a reason to
     * give up early (the signer is failing, the run was interrupted).
     *
     * @param parallel probes run at once, {@code >= 1}; 1 probes in order on the calling thread
     * @param deadline the longest the sweep may take, or {@code null} for none
     * @param giveUp checked between probes: a note saying why to stop, or {@code null} to go on
     */
    public record Bounds(int parallel, Duration deadline, Supplier<String> giveUp) {
        /** One probe at a time, no deadline, never gives up. */
        public static final Bounds SEQUENTIAL = new Bounds(1, null, () -> null);

        public Bounds {
            parallel = Math.max(1, parallel);
            giveUp = giveUp == null ? () -> null : giveUp;
        }
    }

    /**
     * Sweeps {@code [from, to]} within bounds: the grid first, then every differing neighbour pair
     * bisected round by round, each round's probes at once (up to {@code parallel}). The probed
     * skews, and so the report, are the same as one probe at a time.
     *
     * @throws SweepStoppedException when the deadline passes or {@code giveUp} gives a note; its
     *     message says why and how many probes were done
     * @throws IllegalArgumentException as {@link #checkRange}
     */
    public static SkewReport sweep(SkewProbe probe, Duration from, Duration to, String signer, String profile,
            SignerProbe.Mode mode, Bounds bounds) throws SweepStoppedException {
        checkRange(from, to);
        long lo = from.toSeconds();
        long hi = to.toSeconds();
        long deadline = bounds.deadline() == null ? Long.MAX_VALUE : System.nanoTime() + bounds.deadline().toNanos();
        TreeMap<Long, SkewStep> steps = new TreeMap<>();
        long grid = Math.max(1, Math.ceilDiv(hi - lo, GRID_STEPS));
        List<Long> round = new ArrayList<>();
        for (long s = lo; s < hi; s += grid) {
            round.add(s);
        }
        round.add(hi);
        if (lo < 0 && hi > 0 && !round.contains(0L)) {
            round.add(0L);
        }
        while (!round.isEmpty()) {
            probeAll(probe, round, steps, bounds, deadline);
            round = new ArrayList<>();
            Long prev = null;
            for (long s : steps.keySet()) {
                if (prev != null && s - prev > 1 && steps.get(prev).outcome() != steps.get(s).outcome()) {
                    round.add(Math.floorDiv(prev + s, 2));
                }
                prev = s;
            }
        }
        return report(new ArrayList<>(steps.values()), lo, hi, signer, profile, mode);
    }

    private static void probeAll(SkewProbe probe, List<Long> skews, TreeMap<Long, SkewStep> steps, Bounds bounds,
            long deadline) throws SweepStoppedException {
        if (bounds.parallel() == 1) {
            for (long s : skews) {
                check(bounds, deadline, steps.size());
                steps.put(s, probe.probe(s));
            }
            return;
        }
        check(bounds, deadline, steps.size());
        Map<Long, SkewStep> done = new ConcurrentHashMap<>();
        Semaphore lanes = new Semaphore(bounds.parallel());
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (long s : skews) {
                exec.execute(() -> {
                    try {
                        lanes.acquire();
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        done.put(s, probe.probe(s));
                    } finally {
                        lanes.release();
                    }
                });
            }
            exec.shutdown();
            while (!exec.awaitTermination(20, TimeUnit.MILLISECONDS)) {
                check(bounds, deadline, steps.size() + done.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SweepStoppedException("interrupted after " + (steps.size() + done.size()) + " probes");
        } finally {
            exec.shutdownNow();
        }
        steps.putAll(done);
    }

    private static void check(Bounds bounds, long deadline, int probes) throws SweepStoppedException {
        String note = bounds.giveUp().get();
        if (note != null) {
            throw new SweepStoppedException(note + " (after " + probes + " probes)");
        }
        if (System.nanoTime() - deadline >= 0) {
            throw new SweepStoppedException("stopped at its deadline of " + bounds.deadline().toSeconds() + " s after "
                    + probes + " probes");
        }
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
