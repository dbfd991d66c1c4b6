package io.sigload.report;

import java.util.List;

/**
 * The outcome of one run, grouped by what each part answers. Immutable.
 *
 * @param context what was run: scenario, seed, signer, modes (the report's header)
 * @param verdicts how many tokens were accepted and refused, and why
 * @param mintErrors participants that got no token, by category, and a remote signer's counters
 * @param timing latency per phase, elapsed time, throughput, open-model start counts
 * @param skews participants' clock skews per outcome, and the scatter sample
 * @param failures bounded sample of failing participants, lowest indexes first
 * @param replay what replaying participants one at a time showed ({@link ReplayEvidence#NONE} when not run)
 * @param diagnosis a paragraph for people when failures follow a pattern, else empty
 */
public record RunResult(
        RunContext context,
        Verdicts verdicts,
        MintErrors mintErrors,
        Timing timing,
        Skews skews,
        List<FailureSample> failures,
        ReplayEvidence replay,
        String diagnosis) {

    public RunResult {
        failures = List.copyOf(failures);
        replay = replay == null ? ReplayEvidence.NONE : replay;
        diagnosis = diagnosis == null ? "" : diagnosis;
    }

    /** The same result with a diagnosis paragraph. */
    public RunResult withDiagnosis(String text) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, failures, replay, text);
    }

    /** The same result with these mint errors (e.g. a remote signer's counters added). */
    public RunResult withMintErrors(MintErrors errors) {
        return new RunResult(context, verdicts, errors, timing, skews, failures, replay, diagnosis);
    }

    /** The same result with what a replay showed. */
    public RunResult withReplay(ReplayEvidence evidence) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, failures, evidence, diagnosis);
    }

    /** Latency summary of a phase, or {@link LatencySummary#EMPTY}. */
    public LatencySummary latency(LatencyPhase phase) {
        return timing.latency().getOrDefault(phase, LatencySummary.EMPTY);
    }
}
