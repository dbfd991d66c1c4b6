package io.sigload.report;

import io.sigload.validate.ReasonCode;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fills an {@link Evidence} while participants run. Per token: four or five histogram increments
 * (one {@code lock xadd} each in the fine region), two distinct-sample offers (a hash and an array
 * read for a value already seen), nothing allocated on the common path.
 *
 * <p>Thread-safe: every method may be called from any number of threads. Memory is bounded: five
 * dense arrays of 20,000 fine bins (160 KB each) plus sparse coarse bins (one per distinct
 * whole second outside ±1000 s), and three samples of at most {@link DistinctSample#CAPACITY}
 * values, whatever the number of participants.
 */
public final class EvidenceRecorder {
    private final LongAdder tokens = new LongAdder();
    private final LongAdder fractional = new LongAdder();
    private final Bins iatMinusMint = new Bins();
    private final Bins iatMinusMintRefused = new Bins();
    private final Bins iatMinusOwnClock = new Bins();
    private final Bins iatMinusValidator = new Bins();
    private final Bins[] skewByOutcome = {new Bins(), new Bins(), new Bins(), new Bins()};
    private final Distinct distinctIat = new Distinct();
    private final Distinct distinctIatRefused = new Distinct();
    private final Distinct distinctMintSecond = new Distinct();
    private final Map<String, LongAdder> hintDetails = new ConcurrentHashMap<>();

    /**
     * Records one judged token.
     *
     * @param ownSkewMillis the participant's own clock skew, ms (positive: fast)
     * @param mintedAtMillis when the token was asked for, on the load generator's true clock, ms since the epoch
     * @param validatorNowMillis the validator's clock when it judged the token, ms since the epoch
     * @param verdict the verdict, with the token's times as the validator read them
     */
    public void record(long ownSkewMillis, long mintedAtMillis, long validatorNowMillis, Verdict verdict) {
        record(ownSkewMillis, mintedAtMillis, 0, validatorNowMillis, verdict);
    }

    /** Calls slower than this leave the mint instant too uncertain to measure a sub-second offset. */
    public static final long MAX_MINT_SPREAD_MILLIS = 250;

    /**
     * Records one judged token whose mint instant is known within {@code mintSpreadMillis} (the
     * signer call's duration in wall time: the signer read its clock somewhere inside it). A token
     * from a call slower than {@link #MAX_MINT_SPREAD_MILLIS} (a queue behind a loaded endpoint) is
     * no sample of iat's offset from the mint instant and stays out of those histograms; its skew,
     * outcome and iat residues are still recorded.
     *
     * @param mintSpreadMillis how long the signer call took, ms ({@code 0} in simulated time)
     * @see #record(long, long, long, Verdict)
     */
    public void record(long ownSkewMillis, long mintedAtMillis, long mintSpreadMillis, long validatorNowMillis,
            Verdict verdict) {
        int outcome;
        if (verdict.valid()) {
            outcome = 0;
        } else if (verdict.hasError(ReasonCode.IAT_IN_FUTURE)) {
            outcome = 1;
        } else if (verdict.hasError(ReasonCode.EXPIRED)) {
            outcome = 2;
        } else {
            outcome = 3;
        }
        skewByOutcome[outcome].add(ownSkewMillis);
        distinctMintSecond.add(Math.floorDiv(mintedAtMillis, 1000L));
        if (!verdict.hints().isEmpty()) {
            for (Violation h : verdict.hints()) {
                Object variant = h.details().get("keyVariant");
                if (variant != null) {
                    hintDetails.computeIfAbsent(h.code().name() + ":" + variant, k -> new LongAdder()).increment();
                }
            }
        }
        double iat = verdict.times().iat();
        if (Double.isNaN(iat) || Double.isInfinite(iat)) {
            return;
        }
        tokens.increment();
        long iatMillis = Math.round(iat * 1000.0);
        long d = iatMillis - mintedAtMillis;
        boolean precise = mintSpreadMillis <= MAX_MINT_SPREAD_MILLIS;
        if (precise) {
            iatMinusMint.add(d);
            iatMinusOwnClock.add(d - ownSkewMillis);
        }
        iatMinusValidator.add(iatMillis - validatorNowMillis);
        boolean whole = iat == Math.rint(iat);
        if (!whole) {
            fractional.increment();
        } else {
            distinctIat.add((long) iat);
        }
        if ((outcome == 1 || outcome == 2) && precise) {
            iatMinusMintRefused.add(d);
        }
        if (outcome == 1) {
            if (whole) {
                distinctIatRefused.add((long) iat);
            }
        }
    }

    /** What was recorded so far. */
    public Evidence snapshot() {
        Map<String, OffsetHistogram> skews = new TreeMap<>();
        for (int i = 0; i < skewByOutcome.length; i++) {
            OffsetHistogram h = skewByOutcome[i].snapshot();
            if (h.total() > 0) {
                skews.put(Evidence.OUTCOMES.get(i), h);
            }
        }
        Map<String, Long> hd = new TreeMap<>();
        hintDetails.forEach((k, v) -> hd.put(k, v.sum()));
        return new Evidence(tokens.sum(), fractional.sum(), iatMinusMint.snapshot(), iatMinusMintRefused.snapshot(),
                iatMinusOwnClock.snapshot(), iatMinusValidator.snapshot(), skews, distinctIat.snapshot(),
                distinctIatRefused.snapshot(), distinctMintSecond.snapshot(), hd);
    }

    /** Live {@link OffsetHistogram}: dense fine bins, sparse coarse ones. */
    static final class Bins {
        private static final int FINE_BINS = (int) (2 * OffsetHistogram.FINE_LIMIT / OffsetHistogram.FINE);
        private final AtomicLongArray fine = new AtomicLongArray(FINE_BINS);
        private final Map<Long, LongAdder> coarse = new ConcurrentHashMap<>();

        void add(long millis) {
            if (millis >= -OffsetHistogram.FINE_LIMIT && millis < OffsetHistogram.FINE_LIMIT) {
                fine.getAndIncrement((int) ((millis + OffsetHistogram.FINE_LIMIT) / OffsetHistogram.FINE));
            } else {
                coarse.computeIfAbsent(OffsetHistogram.binOf(millis), k -> new LongAdder()).increment();
            }
        }

        OffsetHistogram snapshot() {
            Map<Long, Long> bins = new TreeMap<>();
            for (int i = 0; i < FINE_BINS; i++) {
                long c = fine.get(i);
                if (c > 0) {
                    bins.put(i * OffsetHistogram.FINE - OffsetHistogram.FINE_LIMIT, c);
                }
            }
            coarse.forEach((k, v) -> bins.put(k, v.sum()));
            return OffsetHistogram.of(bins);
        }
    }

    /**
     * Live {@link DistinctSample}: a value already seen is recognised by a lock-free direct-mapped
     * cache; only a new kept value takes the lock.
     */
    static final class Distinct {
        private static final int CACHE = 4096;
        private final AtomicLongArray cache = new AtomicLongArray(CACHE);
        private final TreeSet<Long> kept = new TreeSet<>();
        private volatile int level;

        Distinct() {
            for (int i = 0; i < CACHE; i++) {
                cache.set(i, Long.MIN_VALUE);
            }
        }

        void add(long v) {
            long h = DistinctSample.hash(v);
            int lv = level;
            if (lv > 0 && (h & ((1L << lv) - 1)) != 0) {
                return;
            }
            int slot = (int) (h >>> 52) & (CACHE - 1);
            if (cache.get(slot) == v) {
                return;
            }
            synchronized (kept) {
                if (!DistinctSample.kept(v, level)) {
                    return;
                }
                kept.add(v);
                while (kept.size() > DistinctSample.CAPACITY) {
                    int next = level + 1;
                    kept.removeIf(x -> !DistinctSample.kept(x, next));
                    level = next;
                }
            }
            cache.set(slot, v);
        }

        DistinctSample snapshot() {
            synchronized (kept) {
                return new DistinctSample(level, kept.stream().mapToLong(Long::longValue).toArray());
            }
        }
    }
}
