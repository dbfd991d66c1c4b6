package io.sigload.merge;

import io.sigload.merge.ShardFiles.ShardInput;
import io.sigload.report.Diagnoser;
import io.sigload.report.Diagnosis;
import io.sigload.report.Evidence;
import io.sigload.report.FailureSample;
import io.sigload.report.LatencyPhase;
import io.sigload.report.LatencySummary;
import io.sigload.report.MintErrors;
import io.sigload.report.ParticipantPoint;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.RunContext;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.report.SkewRange;
import io.sigload.report.Skews;
import io.sigload.report.Timing;
import io.sigload.report.Verdicts;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Merges the shards of one run into one {@link RunResult}, by the same rules whatever the run:
 * <ul>
 *   <li>counts add: participants, valid, invalid, every reason, warning, hint, mint-error category,
 *       signer counter, dropped and late start;</li>
 *   <li>latency histograms add ({@code Histogram.add}: counts exact, percentiles of the sum as
 *       precise as HdrHistogram's 3 significant digits);</li>
 *   <li>skew ranges widen (count added, min of minima, max of maxima);</li>
 *   <li>the failure sample and the scatter keep the lowest indexes of the union. Each shard kept
 *       the lowest of its own, and each of the plan's lowest is among its shard's lowest, so this
 *       is the unsharded run's sample exactly;</li>
 *   <li>elapsed time runs from the first shard's release to the last shard's last verdict (system
 *       clocks of the shards' machines), and throughput is completed participants over it;</li>
 *   <li>the diagnosis is computed again on the merged data.</li>
 * </ul>
 * So for deterministic faults a merged run equals the unsharded run of the same seed in
 * participants, verdict counts by reason, skew ranges, failure sample and diagnosis. Races (the
 * concurrency faults), {@code whenFull: drop} and wall-clock edges merge by the same rules but
 * depend on timing, so they are not expected to equal a single run.
 *
 * <p>Before merging, {@link ShardChecks} checks that the shards belong together. Thread-safe: stateless.
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /**
     * Checks and merges shards.
     *
     * @param inputs the shards, in any order
     * @param allowPartial merge even when shards are missing or interrupted (the result says so)
     * @throws MergeException listing every reason the shards cannot be merged
     */
    public static MergedRun merge(List<ShardInput> inputs, boolean allowPartial) throws MergeException {
        ShardChecks.Checked c = ShardChecks.check(inputs, allowPartial);
        ShardInput ref = c.reference();
        ShardHeader rh = ref.header();
        int n = rh.shard().count();
        List<ShardInput> shards = inputs.stream().sorted(Comparator.comparingInt(s -> s.header().shard().index())).toList();
        List<String> notes = notes(shards);
        Map<LatencyPhase, Histogram> histograms = histograms(shards);
        RunResult merged = result(shards, rh, histograms);
        // the shards' diagnosis evidence was added exactly in result(); the diagnosis is computed from it
        Scenario scenario;
        try {
            scenario = rh.scenario().rebuild(ref.result().context().source());
        } catch (ScenarioException e) {
            throw new MergeException(ref.file() + ": its scenario is not accepted by this sigload: " + e.getMessage());
        }
        merged = merged.withDiagnosis(Diagnoser.explain(merged, ref.result().diagnosis().fixLanguage()));
        return new MergedRun(merged, scenario, histograms, shards, n, c.missing(), c.interrupted(), notes);
    }

    private static List<String> notes(List<ShardInput> shards) {
        List<String> notes = new ArrayList<>();
        Set<String> signers = new LinkedHashSet<>();
        Set<String> versions = new LinkedHashSet<>();
        Set<Instant> starts = new LinkedHashSet<>();
        for (ShardInput s : shards) {
            signers.add(s.result().context().signer());
            versions.add(s.header().sigloadVersion());
            starts.add(s.header().clock().startAt());
        }
        if (signers.size() > 1) {
            notes.add("the shards describe their signer differently (e.g. an endpoint on another port); the report shows"
                    + " shard " + shards.get(0).header().shard() + "'s: " + String.join(" | ", signers));
        }
        if (versions.size() > 1) {
            notes.add("the shards ran different sigload versions: " + String.join(", ", versions));
        }
        if (starts.size() > 1) {
            notes.add("the shards were given different start instants (--start-at): "
                    + starts.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        if (shards.stream().anyMatch(s -> !s.result().mintErrors().signerCounters().isEmpty()) && shards.size() > 1) {
            notes.add("signer counters are summed over the shards and include one warm-up call per shard ("
                    + shards.size() + " in all)");
        }
        return notes;
    }

    /** Phase → the sum of the shards' histograms, in phase order. */
    private static Map<LatencyPhase, Histogram> histograms(List<ShardInput> shards) {
        Map<LatencyPhase, Histogram> out = new EnumMap<>(LatencyPhase.class);
        for (ShardInput s : shards) {
            s.histograms().forEach((phase, h) -> out.computeIfAbsent(phase, p -> {
                Histogram sum = new Histogram(3);
                sum.setTag(p.wireName());
                return sum;
            }).add(h));
        }
        return out;
    }

    private static RunResult result(List<ShardInput> shards, ShardHeader rh, Map<LatencyPhase, Histogram> histograms) {
        RunContext c0 = shards.get(0).result().context();
        RunContext context = new RunContext(c0.scenario(), c0.source(), c0.seed(), rh.planParticipants(), c0.signer(),
                c0.mintedOn(), c0.profile(), c0.loadModel(), c0.timeMode(), c0.meetingNumber(), c0.inspectOptions());
        long completed = 0;
        long valid = 0;
        long invalid = 0;
        long dropped = 0;
        long late = 0;
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> warnings = new TreeMap<>();
        Map<String, Long> hints = new TreeMap<>();
        Map<String, Long> mint = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        Map<String, Long> counters = new TreeMap<>();
        SkewRange skewValid = SkewRange.EMPTY;
        Map<String, SkewRange> skewByReason = new TreeMap<>();
        List<FailureSample> failures = new ArrayList<>();
        List<ParticipantPoint> scatter = new ArrayList<>();
        int sampleSize = Integer.MAX_VALUE;
        Instant first = null;
        Instant last = null;
        for (ShardInput s : shards) {
            RunResult r = s.result();
            completed += r.verdicts().completed();
            valid += r.verdicts().valid();
            invalid += r.verdicts().invalid();
            dropped += r.timing().droppedStarts();
            late += r.timing().lateStarts();
            add(byReason, r.verdicts().byReason());
            add(warnings, r.verdicts().warnings());
            add(hints, r.verdicts().hints());
            add(mint, r.mintErrors().byCategory());
            r.mintErrors().examples().forEach(examples::putIfAbsent);
            add(counters, r.mintErrors().signerCounters());
            skewValid = widen(skewValid, r.skews().valid());
            r.skews().byReason().forEach((k, v) -> skewByReason.merge(k, v, ShardMerge::widen));
            failures.addAll(r.failures());
            scatter.addAll(r.skews().scatter());
            sampleSize = Math.min(sampleSize, s.header().failureSampleSize());
            ShardClock clock = s.header().clock();
            first = first == null || clock.releasedAt().isBefore(first) ? clock.releasedAt() : first;
            last = last == null || clock.finishedAt().isAfter(last) ? clock.finishedAt() : last;
        }
        failures = failures.stream().sorted(Comparator.comparingInt(FailureSample::participant)).limit(sampleSize).toList();
        scatter = scatter.stream().sorted(Comparator.comparingInt(ParticipantPoint::participant))
                .limit(RunRecorder.SCATTER_POINTS).toList();
        Map<LatencyPhase, LatencySummary> latency = new EnumMap<>(LatencyPhase.class);
        histograms.forEach((p, h) -> latency.put(p, LatencySummary.ofNanos(h)));
        long spanNanos = Math.max(0, Duration.between(first, last).toNanos());
        double tput = spanNanos == 0 ? 0 : completed / (spanNanos / 1e9);
        return new RunResult(context, new Verdicts(completed, valid, invalid, byReason, warnings, hints),
                new MintErrors(mint, examples, counters), new Timing(latency, spanNanos / 1e6, tput, dropped, late),
                new Skews(skewValid, skewByReason, scatter),
                shards.stream().map(s -> s.result().evidence()).reduce(Evidence.EMPTY, Evidence::plus), failures,
                replay(shards), Diagnosis.NONE);
    }

    private static void add(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    private static SkewRange widen(SkewRange a, SkewRange b) {
        if (a.count() == 0) {
            return b;
        }
        if (b.count() == 0) {
            return a;
        }
        return new SkewRange(a.count() + b.count(), Math.min(a.minMillis(), b.minMillis()),
                Math.max(a.maxMillis(), b.maxMillis()));
    }

    /**
     * Replays add up (counts, tokens counted, the replayed participants in shard order); a note is
     * kept once per distinct text; deadline and elapsed time are the longest shard's (shards replay
     * at the same time). Tokens passed on are counted per shard: a token handed on across shards is
     * not seen.
     */
    private static ReplayEvidence replay(List<ShardInput> shards) {
        int fr = 0;
        int fv = 0;
        int pr = 0;
        int pi = 0;
        long dup = 0;
        long tokens = 0;
        long deadline = 0;
        long elapsed = 0;
        List<ReplayEvidence.Replayed> replayed = new ArrayList<>();
        String clock = "";
        Set<String> notes = new LinkedHashSet<>();
        for (ShardInput s : shards) {
            ReplayEvidence e = s.result().replay();
            fr += e.failingReplayed();
            fv += e.failingValidAlone();
            pr += e.passingReplayed();
            pi += e.passingInvalidAlone();
            dup += e.duplicateTokens();
            tokens += e.tokensCounted();
            deadline = Math.max(deadline, e.deadlineMillis());
            elapsed = Math.max(elapsed, e.elapsedMillis());
            replayed.addAll(e.participants());
            clock = clock.isEmpty() ? e.clock() : clock;
            if (!e.note().isEmpty()) {
                notes.add(e.note());
            }
        }
        if (fr + pr == 0 && dup == 0 && notes.isEmpty() && tokens == 0) {
            return ReplayEvidence.NONE;
        }
        return new ReplayEvidence(fr, fv, pr, pi, dup, clock, String.join("; ", notes), tokens, deadline, elapsed,
                replayed);
    }

    /** One line per shard for people: index, participants, outcome, start, elapsed, host. */
    static String describe(ShardInput s) {
        ShardClock c = s.header().clock();
        Duration late = c.startLate();
        return String.format(Locale.ROOT, "%s  %d participants, %d valid, %d invalid, released %s%s, %.1f ms%s",
                s.header().shard(), s.header().participants(), s.result().verdicts().valid(),
                s.result().verdicts().invalid(), c.releasedAt(),
                late == null ? "" : String.format(Locale.ROOT, " (%+.1f ms after --start-at)", late.toNanos() / 1e6),
                s.result().timing().elapsedMillis(), c.host().isEmpty() ? "" : ", on " + c.host());
    }
}
