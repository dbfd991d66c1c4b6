package io.sigload.report;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one run. Immutable.
 *
 * @param scenario scenario name
 * @param source scenario file
 * @param seed the plan's seed
 * @param participants participants planned
 * @param completed participants that finished (valid + invalid + mint errors)
 * @param valid tokens accepted
 * @param invalid tokens refused, plus participants that got no token (mint or transport error)
 * @param byReason error code → participants refused with it (a participant with two errors counts in both)
 * @param warnings warning code → count
 * @param hints hint code → count
 * @param mintErrors category → participants that got no token
 * @param mintErrorExamples category → the first message seen
 * @param signerCounters a remote signer's own counters (attempts, retries and their causes); empty otherwise
 * @param latency phase → summary (µs): {@code sign}, {@code validate}, {@code total}, and for an
 *     open model {@code totalUncorrected} (from the actual, not the intended, start)
 * @param elapsedMillis wall time from gate release (or first intended start) to the last verdict, ms
 * @param throughputPerSec completed participants per second of wall time
 * @param droppedStarts open model: starts dropped because {@code maxInFlight} was full
 * @param lateStarts open model: starts more than 1 ms behind their intended time
 * @param failures bounded sample of failing participants, lowest indexes first
 * @param skewValid participant skews among valid participants
 * @param skewByReason participant skews among participants refused with each error code
 * @param signer the signer's {@code describe()}
 * @param mintedOn {@code server} or {@code client}
 * @param profile validator profile
 * @param loadModel {@code burst} or {@code arrival-rate}
 * @param timeMode {@code simulated} or {@code wall}
 * @param diagnosis a paragraph for people when failures follow a pattern, else empty
 * @param scatter participant skew against verdict for the lowest-index participants (at most
 *     {@link RunRecorder#SCATTER_POINTS}), for the HTML report's scatter; may be empty
 * @param meetingNumber the meeting number the participants join (digits), or empty when unknown
 * @param inspectOptions {@code inspect} options matching this run's validator (see {@link RunContext}), or empty
 */
public record RunResult(
        String scenario,
        String source,
        long seed,
        int participants,
        long completed,
        long valid,
        long invalid,
        Map<String, Long> byReason,
        Map<String, Long> warnings,
        Map<String, Long> hints,
        Map<String, Long> mintErrors,
        Map<String, String> mintErrorExamples,
        Map<String, Long> signerCounters,
        Map<String, LatencySummary> latency,
        double elapsedMillis,
        double throughputPerSec,
        long droppedStarts,
        long lateStarts,
        List<FailureSample> failures,
        SkewRange skewValid,
        Map<String, SkewRange> skewByReason,
        String signer,
        String mintedOn,
        String profile,
        String loadModel,
        String timeMode,
        String diagnosis,
        List<ParticipantPoint> scatter,
        String meetingNumber,
        String inspectOptions) {

    public RunResult {
        scatter = scatter == null ? List.of() : List.copyOf(scatter);
        meetingNumber = meetingNumber == null ? "" : meetingNumber;
        inspectOptions = inspectOptions == null ? "" : inspectOptions;
    }

    /** A result without scatter points (the shape before the scatter was added). */
    public RunResult(String scenario, String source, long seed, int participants, long completed, long valid,
            long invalid, Map<String, Long> byReason, Map<String, Long> warnings, Map<String, Long> hints,
            Map<String, Long> mintErrors, Map<String, String> mintErrorExamples, Map<String, Long> signerCounters,
            Map<String, LatencySummary> latency, double elapsedMillis, double throughputPerSec, long droppedStarts, long lateStarts,
            List<FailureSample> failures, SkewRange skewValid, Map<String, SkewRange> skewByReason, String signer,
            String mintedOn, String profile, String loadModel, String timeMode, String diagnosis) {
        this(scenario, source, seed, participants, completed, valid, invalid, byReason, warnings, hints, mintErrors,
                mintErrorExamples, signerCounters, latency, elapsedMillis, throughputPerSec, droppedStarts, lateStarts, failures,
                skewValid, skewByReason, signer, mintedOn, profile, loadModel, timeMode, diagnosis, List.of(), "", "");
    }

    /** The same result with a diagnosis paragraph. */
    public RunResult withDiagnosis(String text) {
        return new RunResult(scenario, source, seed, participants, completed, valid, invalid, byReason, warnings, hints,
                mintErrors, mintErrorExamples, signerCounters, latency, elapsedMillis, throughputPerSec, droppedStarts,
                lateStarts, failures, skewValid, skewByReason, signer, mintedOn, profile, loadModel, timeMode, text, scatter,
                meetingNumber, inspectOptions);
    }

    /** The same result with a remote signer's counters. */
    public RunResult withSignerCounters(Map<String, Long> counters) {
        return new RunResult(scenario, source, seed, participants, completed, valid, invalid, byReason, warnings, hints,
                mintErrors, mintErrorExamples, Map.copyOf(counters), latency, elapsedMillis, throughputPerSec,
                droppedStarts, lateStarts, failures, skewValid, skewByReason, signer, mintedOn, profile, loadModel,
                timeMode, diagnosis, scatter, meetingNumber, inspectOptions);
    }

    /** Latency summary of a phase, or {@link LatencySummary#EMPTY}. */
    public LatencySummary latency(String phase) {
        return latency.getOrDefault(phase, LatencySummary.EMPTY);
    }
}
