package io.sigload.report;

import io.sigload.validate.ReasonCode;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Accumulates a run while participants are running: one shared HdrHistogram {@link Recorder}
 * per latency phase (nanoseconds; never one histogram per virtual thread), counters per reason
 * code and per mint-error category, participant-skew ranges per outcome, the diagnosis'
 * {@link Evidence} ({@link EvidenceRecorder}: a few counter increments per token), a bounded sample of
 * failing participants (the lowest indexes, so the sample does not depend on thread timing), the
 * participants kept for the replay ({@link ReplayCandidates}) and a count of tokens handed to
 * participants that asked for something else ({@link TokenReuse}).
 *
 * <p>Thread-safe: every {@code record*} method may be called from any number of threads.
 * Memory is bounded by the number of distinct codes and the sample sizes, plus about 16 bytes per
 * token for the duplicate count (~16 MB at 1,000,000 participants).
 */
public final class RunRecorder {
    private final Map<LatencyPhase, Recorder> recorders = new EnumMap<>(LatencyPhase.class);
    private final LongAdder valid = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> warnings = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> hints = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mintErrors = new ConcurrentHashMap<>();
    private final Map<String, String> mintErrorExamples = new ConcurrentHashMap<>();
    private final Map<String, long[]> skewByReason = new ConcurrentHashMap<>();
    private final long[] skewValid = newRange();
    private final int sampleSize;
    private volatile Consumer<FailureSample> sink;
    private final TreeMap<Integer, FailureSample> sample = new TreeMap<>();
    /** Participants kept for the skew-vs-verdict scatter (the lowest indexes): bounded, deterministic. */
    public static final int SCATTER_POINTS = 2000;
    private final TreeMap<Integer, ParticipantPoint> points = new TreeMap<>();
    private volatile int pointsCutoff = Integer.MAX_VALUE;
    /** Set when a stopped run takes its result: later records (participants cut off in flight) are ignored. */
    private volatile boolean sealed;
    private final EvidenceRecorder evidence = new EvidenceRecorder();
    private volatile Map<LatencyPhase, Histogram> histograms = Map.of();
    /** Histograms handed in by {@link Batch#close()}, per phase; guarded by itself. */
    private final Map<LatencyPhase, Histogram> batched = new EnumMap<>(LatencyPhase.class);
    private final ReplayCandidates replay;
    private volatile TokenReuse reuse = new TokenReuse();

    /**
     * A recorder that keeps no participants for a replay.
     *
     * @param sampleSize how many failing participants to keep, {@code >= 0}
     */
    public RunRecorder(int sampleSize) {
        this(sampleSize, 0);
    }

    /**
     * @param sampleSize how many failing participants to keep, {@code >= 0}
     * @param replayCandidates how many failing and how many passing participants to keep for the
     *     replay ({@code run --replay-failures N}), {@code >= 0}; 0 turns the replay off
     */
    public RunRecorder(int sampleSize, int replayCandidates) {
        this.sampleSize = sampleSize;
        this.replay = new ReplayCandidates(replayCandidates);
        for (LatencyPhase p : LatencyPhase.values()) {
            recorders.put(p, new Recorder(3));
        }
    }

    /**
     * Sizes the per-token counters for a run of this many participants (the token-reuse count is
     * sampled above {@link TokenReuse#UNSAMPLED_TOKENS}). Call before the first verdict.
     */
    public void plannedParticipants(long participants) {
        reuse = TokenReuse.sampledFor(participants);
    }

    /** Records a latency in nanoseconds (negative values count as 0). */
    public void recordLatency(LatencyPhase phase, long nanos) {
        if (sealed) {
            return;
        }
        recorders.get(phase).recordValue(Math.max(0, nanos));
    }

    /**
     * Records one participant's verdict.
     *
     * @param participant index
     * @param skewMillis the participant's clock skew, ms
     * @param mintingSkewMillis the minting clock's skew, ms
     * @param role 1 host, 0 participant
     * @param verdict the validator's verdict
     * @param token the token (kept only if the participant enters the failure sample)
     */
    public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, Verdict verdict,
            String token) {
        recordVerdict(participant, skewMillis, mintingSkewMillis, role, verdict, token, 0);
    }

    /**
     * Records one participant's verdict, with the validator's clock reading.
     *
     * @param validatedAt the validator's clock when it judged the token, seconds since the epoch (pass
     *     it to {@code sigload inspect --at} to see the same verdict); 0 when no token was judged
     * @see #recordVerdict(int, long, long, int, Verdict, String)
     */
    public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, Verdict verdict,
            String token, long validatedAt) {
        recordVerdict(participant, skewMillis, mintingSkewMillis, role, null, verdict, token, validatedAt);
    }

    /**
     * Records one participant's verdict, with its time zone and the validator's clock reading; the
     * diagnosis takes the validator's reading as the mint instant (see the overload with both).
     *
     * @param zone the participant's time zone (IANA id), kept in the failure sample; {@code null} if unknown
     * @see #recordVerdict(int, long, long, int, Verdict, String, long)
     */
    public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
            Verdict verdict, String token, long validatedAt) {
        recordVerdict(participant, skewMillis, mintingSkewMillis, role, zone, verdict, token, validatedAt * 1000L,
                validatedAt * 1000L);
    }

    /**
     * Records one participant's verdict with the instants the diagnosis needs ({@link Evidence}).
     *
     * @param zone the participant's time zone (IANA id), kept in the failure sample; {@code null} if unknown
     * @param validatorNowMillis the validator's clock when it judged the token, ms since the epoch
     *     (in a run: whole seconds, as the validator reads them)
     * @param mintedAtMillis when the token was asked for, on the load generator's true clock (the planned
     *     instant in simulated time, the midpoint of the signer call in wall time), ms since the epoch
     * @see #recordVerdict(int, long, long, int, Verdict, String)
     */
    public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
            Verdict verdict, String token, long validatorNowMillis, long mintedAtMillis) {
        recordVerdict(participant, skewMillis, mintingSkewMillis, role, zone, verdict, token, validatorNowMillis,
                mintedAtMillis, 0, role);
    }

    /**
     * Records one participant's verdict: the canonical form the driver calls.
     *
     * @param mintSpreadMillis how long the signer call took, ms: the mint instant is known only that
     *     closely ({@link EvidenceRecorder#record(long, long, long, long, Verdict)})
     * @param requestKey a fingerprint of what the participant asked for that a token encodes
     *     (meeting number, role, session): equal requests, equal keys; counts tokens handed to more
     *     than one request ({@link TokenReuse})
     * @see #recordVerdict(int, long, long, int, String, Verdict, String, long, long)
     */
    public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
            Verdict verdict, String token, long validatorNowMillis, long mintedAtMillis, long mintSpreadMillis,
            long requestKey) {
        if (sealed) {
            return;
        }
        long validatedAt = Math.floorDiv(validatorNowMillis, 1000L);
        evidence.record(skewMillis, mintedAtMillis, mintSpreadMillis, validatorNowMillis, verdict);
        for (Violation w : verdict.warnings()) {
            count(warnings, w.code().name());
        }
        for (Violation h : verdict.hints()) {
            count(hints, h.code().name());
        }
        if (token != null) {
            reuse.add(token, !verdict.hasError(ReasonCode.BAD_SIGNATURE), requestKey);
        }
        if (verdict.valid()) {
            replay.passed(participant);
            valid.increment();
            widen(skewValid, skewMillis);
            point(new ParticipantPoint(participant, skewMillis, mintingSkewMillis, ParticipantPoint.VALID));
            return;
        }
        point(new ParticipantPoint(participant, skewMillis, mintingSkewMillis, verdict.errors().get(0).code().name()));
        replay.failed(participant, verdict.errors().get(0).code().name());
        invalid.increment();
        List<String> codes = new ArrayList<>(verdict.errors().size());
        List<String> messages = new ArrayList<>(verdict.errors().size());
        for (Violation v : verdict.errors()) {
            String code = v.code().name();
            count(byReason, code);
            widen(skewByReason.computeIfAbsent(code, k -> newRange()), skewMillis);
            codes.add(code);
            messages.add(v.message());
        }
        offer(new FailureSample(participant, skewMillis, mintingSkewMillis, role, codes, messages, token, validatedAt,
                zone));
    }

    /**
     * Records a participant without a verdict (mint, transport or crash); counted as invalid.
     *
     * @param category e.g. {@code MINT_ERROR}, {@code CONNECTION_REFUSED}
     * @param message first example kept per category (must not contain secrets)
     */
    public void recordMintError(int participant, long skewMillis, long mintingSkewMillis, int role, String category,
            String message) {
        recordMintError(participant, skewMillis, mintingSkewMillis, role, null, category, message);
    }

    /**
     * Records a participant without a verdict, with its time zone.
     *
     * @param zone the participant's time zone (IANA id), kept in the failure sample; {@code null} if unknown
     * @see #recordMintError(int, long, long, int, String, String)
     */
    public void recordMintError(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
            String category, String message) {
        if (sealed) {
            return;
        }
        invalid.increment();
        replay.failed(participant, category);
        point(new ParticipantPoint(participant, skewMillis, mintingSkewMillis, category));
        count(mintErrors, category);
        mintErrorExamples.putIfAbsent(category, message == null ? "" : message);
        offer(new FailureSample(participant, skewMillis, mintingSkewMillis, role, List.of(category),
                List.of(message == null ? "" : message), null, 0, zone));
    }

    /** Counts an open-model start dropped because the in-flight bound was full. */
    public void recordDroppedStart() {
        if (sealed) {
            return;
        }
        dropped.increment();
    }

    /** Counts an open-model start that began more than 1 ms after its intended time. */
    public void recordLateStart() {
        if (sealed) {
            return;
        }
        late.increment();
    }

    /**
     * Ignores every record from now on: a run stopped early ({@code drive.Driver#stop}) seals its
     * recorder before it abandons the participants still in flight, so what they would record
     * after the grace (an interruption, a late verdict) does not change the result being written.
     * A record already under way may still land. Thread-safe; cannot be undone.
     */
    public void seal() {
        sealed = true;
    }

    /** Whether {@link #seal()} was called. */
    public boolean sealed() {
        return sealed;
    }

    /** The participants kept for the replay: the lowest failing and passing indexes. */
    public ReplayCandidates replayCandidates() {
        return replay;
    }

    /** Participants finished so far (valid + invalid), for progress lines. */
    public long completed() {
        return valid.sum() + invalid.sum();
    }

    /** Valid so far. */
    public long validCount() {
        return valid.sum();
    }

    /** Invalid so far. */
    public long invalidCount() {
        return invalid.sum();
    }

    /**
     * Also hands every failing participant to {@code sink} as it is recorded (e.g. a
     * {@link FailureStream}); call before the run starts. The sink must be thread-safe.
     */
    public RunRecorder streamFailuresTo(Consumer<FailureSample> sink) {
        this.sink = sink;
        return this;
    }

    private void offer(FailureSample f) {
        Consumer<FailureSample> s = sink;
        if (s != null) {
            s.accept(f);
        }
        if (sampleSize == 0) {
            return;
        }
        synchronized (sample) {
            if (sample.size() < sampleSize) {
                sample.put(f.participant(), f);
            } else if (f.participant() < sample.lastKey()) {
                sample.pollLastEntry();
                sample.put(f.participant(), f);
            }
        }
    }

    /** Keeps the point when it is among the lowest {@link #SCATTER_POINTS} indexes seen. */
    private void point(ParticipantPoint p) {
        if (p.participant() >= pointsCutoff) {
            return;
        }
        synchronized (points) {
            points.put(p.participant(), p);
            if (points.size() > SCATTER_POINTS) {
                points.pollLastEntry();
            }
            if (points.size() == SCATTER_POINTS) {
                pointsCutoff = points.lastKey();
            }
        }
    }

    private static void count(Map<String, LongAdder> m, String key) {
        m.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static long[] newRange() {
        return new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE};
    }

    private static void widen(long[] r, long v) {
        synchronized (r) {
            r[0]++;
            r[1] = Math.min(r[1], v);
            r[2] = Math.max(r[2], v);
        }
    }

    private static SkewRange range(long[] r) {
        synchronized (r) {
            return r[0] == 0 ? SkewRange.EMPTY : new SkewRange(r[0], r[1], r[2]);
        }
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> m) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /**
     * The latency histograms (nanoseconds, tagged with their phase's wire name) behind the last
     * {@link #result}: phase → histogram, in phase order, phases with no value left out; empty
     * before it. Each call returns copies. These add exactly ({@code Histogram.add}), which is how
     * shards of a run are merged.
     */
    public Map<LatencyPhase, Histogram> histograms() {
        Map<LatencyPhase, Histogram> out = new EnumMap<>(LatencyPhase.class);
        histograms.forEach((p, h) -> {
            Histogram c = h.copy();
            c.setTag(p.wireName());
            out.put(p, c);
        });
        return out;
    }

    /**
     * A recorder for one worker thread that takes many participants in turn: latencies go to
     * its own histograms, and a clean valid verdict (no warning or hint, outside the scatter's
     * lowest indexes) to its own counters, so workers do not contend on shared counters and
     * histogram phasers for every token. Counters are handed to this recorder every
     * {@value Batch#FLUSH_EVERY} participants (progress lines stay current) and histograms at
     * {@link Batch#close()}; everything else (failures, warnings, the sample) goes straight to
     * this recorder. Not thread-safe: one batch per worker thread; close it before
     * {@link #result}.
     */
    public Batch batch() {
        return new Batch();
    }

    /** One worker's buffered share of the run; see {@link RunRecorder#batch()}. */
    public final class Batch implements AutoCloseable {
        /** Participants between two hand-overs of the counters. */
        public static final int FLUSH_EVERY = 1024;
        private final Map<LatencyPhase, Histogram> local = new EnumMap<>(LatencyPhase.class);
        private long validLocal;
        private long skewCount;
        private long skewMin = Long.MAX_VALUE;
        private long skewMax = Long.MIN_VALUE;

        private Batch() {
            for (LatencyPhase p : LatencyPhase.values()) {
                local.put(p, new Histogram(3));
            }
        }

        /** As {@link RunRecorder#recordLatency}, into this worker's histogram. */
        public void recordLatency(LatencyPhase phase, long nanos) {
            local.get(phase).recordValue(Math.max(0, nanos));
        }

        /** As {@link RunRecorder#recordVerdict(int, long, long, int, String, Verdict, String, long, long)}. */
        public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                Verdict verdict, String token, long validatedAt) {
            recordVerdict(participant, skewMillis, mintingSkewMillis, role, zone, verdict, token, validatedAt * 1000L,
                    validatedAt * 1000L, 0, role);
        }

        /**
         * As {@link RunRecorder#recordVerdict(int, long, long, int, String, Verdict, String, long, long, long, long)}:
         * a clean valid verdict's diagnosis evidence goes straight to the run's {@link EvidenceRecorder}
         * (a few atomic increments), its counters to this batch, its token to the reuse count.
         */
        public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                Verdict verdict, String token, long validatorNowMillis, long mintedAtMillis, long mintSpreadMillis,
                long requestKey) {
            if (sealed) {
                return;
            }
            if (verdict.valid() && verdict.warnings().isEmpty() && verdict.hints().isEmpty()
                    && participant >= pointsCutoff) {
                evidence.record(skewMillis, mintedAtMillis, mintSpreadMillis, validatorNowMillis, verdict);
                if (token != null) {
                    reuse.add(token, true, requestKey);
                }
                replay.passed(participant);
                validLocal++;
                skewCount++;
                skewMin = Math.min(skewMin, skewMillis);
                skewMax = Math.max(skewMax, skewMillis);
                if (validLocal >= FLUSH_EVERY) {
                    flushCounters();
                }
                return;
            }
            RunRecorder.this.recordVerdict(participant, skewMillis, mintingSkewMillis, role, zone, verdict, token,
                    validatorNowMillis, mintedAtMillis, mintSpreadMillis, requestKey);
        }

        /** As {@link RunRecorder#recordMintError(int, long, long, int, String, String, String)}. */
        public void recordMintError(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                String category, String message) {
            RunRecorder.this.recordMintError(participant, skewMillis, mintingSkewMillis, role, zone, category, message);
        }

        private void flushCounters() {
            if (validLocal == 0 || sealed) {
                return;
            }
            valid.add(validLocal);
            synchronized (skewValid) {
                skewValid[0] += skewCount;
                skewValid[1] = Math.min(skewValid[1], skewMin);
                skewValid[2] = Math.max(skewValid[2], skewMax);
            }
            validLocal = 0;
            skewCount = 0;
            skewMin = Long.MAX_VALUE;
            skewMax = Long.MIN_VALUE;
        }

        /** Hands everything over to the run's recorder (nothing once it is sealed); the batch may be used again after. */
        @Override
        public void close() {
            if (sealed) {
                return;
            }
            flushCounters();
            synchronized (batched) {
                for (Map.Entry<LatencyPhase, Histogram> e : local.entrySet()) {
                    if (e.getValue().getTotalCount() == 0) {
                        continue;
                    }
                    Histogram into = batched.get(e.getKey());
                    if (into == null) {
                        batched.put(e.getKey(), e.getValue().copy());
                    } else {
                        into.add(e.getValue());
                    }
                    e.getValue().reset();
                }
            }
        }
    }

    /**
     * The run's result. Call once, after every participant has finished.
     *
     * @param context what was run (names, signer, modes)
     * @param elapsedNanos wall time of the run, ns
     */
    public RunResult result(RunContext context, long elapsedNanos) {
        Map<LatencyPhase, LatencySummary> lat = new EnumMap<>(LatencyPhase.class);
        Map<LatencyPhase, Histogram> hists = new EnumMap<>(LatencyPhase.class);
        for (LatencyPhase p : LatencyPhase.values()) {
            Histogram h = recorders.get(p).getIntervalHistogram();
            synchronized (batched) {
                Histogram b = batched.get(p);
                if (b != null) {
                    h.add(b);
                }
            }
            if (h.getTotalCount() > 0) {
                lat.put(p, LatencySummary.ofNanos(h));
                h.setTag(p.wireName());
                hists.put(p, h);
            }
        }
        histograms = hists;
        Map<String, SkewRange> skews = new TreeMap<>();
        skewByReason.forEach((k, v) -> skews.put(k, range(v)));
        long completed = valid.sum() + invalid.sum();
        double elapsedMs = elapsedNanos / 1e6;
        double tput = elapsedNanos <= 0 ? 0 : completed / (elapsedNanos / 1e9);
        List<FailureSample> failures;
        synchronized (sample) {
            failures = List.copyOf(sample.values());
        }
        List<ParticipantPoint> scatter;
        synchronized (points) {
            scatter = List.copyOf(points.values());
        }
        return new RunResult(context,
                new Verdicts(completed, valid.sum(), invalid.sum(), snapshot(byReason), snapshot(warnings), snapshot(hints)),
                new MintErrors(snapshot(mintErrors), mintErrorExamples, Map.of()),
                new Timing(lat, elapsedMs, tput, dropped.sum(), late.sum()),
                new Skews(range(skewValid), skews, scatter), evidence.snapshot(), failures,
                ReplayEvidence.duplicatesOnly(reuse.participants(), reuse.tokens()), Diagnosis.NONE);
    }
}
