package io.sigload.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The participants a run keeps for the replay ({@link ReplayEvidence}): the {@code limit} lowest
 * indexes that failed and the {@code limit} lowest that passed. Lowest indexes, so the choice does
 * not depend on thread timing (only on the verdicts, which a race may change).
 *
 * <p>Mutable accumulator; thread-safe. Memory: {@code 2 * limit} indexes. A participant whose index
 * is above both cutoffs costs two volatile reads.
 */
public final class ReplayCandidates {
    private final int limit;
    private final Lowest failing;
    private final Lowest passing;

    /** @param limit how many of each kind to keep, {@code >= 0} (0 keeps none: no replay) */
    public ReplayCandidates(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        this.limit = limit;
        this.failing = new Lowest(limit);
        this.passing = new Lowest(limit);
    }

    /** How many of each kind are kept at most. */
    public int limit() {
        return limit;
    }

    /**
     * Offers a participant that got no valid token.
     *
     * @param outcome its first reason code, or the mint-error category when it got no token
     */
    public void failed(int participant, String outcome) {
        failing.offer(participant, outcome);
    }

    /** Offers a participant whose token validated. */
    public void passed(int participant) {
        passing.offer(participant, ReplayEvidence.VALID);
    }

    /** The failing participants kept, ascending, each with its burst outcome (first reason code or category). */
    public Map<Integer, String> failing() {
        return failing.sorted();
    }

    /** The passing participants kept, ascending (outcome {@link ReplayEvidence#VALID}). */
    public Map<Integer, String> passing() {
        return passing.sorted();
    }

    /** The {@code n} lowest participants offered, with their outcomes. */
    private static final class Lowest {
        private final int n;
        private final TreeMap<Integer, String> kept = new TreeMap<>();
        private volatile int cutoff = Integer.MAX_VALUE;

        Lowest(int n) {
            this.n = n;
            if (n == 0) {
                cutoff = Integer.MIN_VALUE;
            }
        }

        void offer(int v, String outcome) {
            if (v >= cutoff) {
                return;
            }
            synchronized (kept) {
                kept.put(v, outcome);
                if (kept.size() > n) {
                    kept.pollLastEntry();
                }
                if (kept.size() == n) {
                    cutoff = kept.lastKey();
                }
            }
        }

        Map<Integer, String> sorted() {
            synchronized (kept) {
                return new TreeMap<>(kept);
            }
        }
    }
}
