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
 * @param completion whether the run did its whole plan or was stopped early ({@link Completion#FULL}
 *     when it ran to the end)
 */
public record RunResult(
        RunContext context,
        Verdicts verdicts,
        MintErrors mintErrors,
        Timing timing,
        Skews skews,
        List<FailureSample> failures,
        ReplayEvidence replay,
        String diagnosis,
        Completion completion) {

    public RunResult {
        failures = List.copyOf(failures);
        replay = replay == null ? ReplayEvidence.NONE : replay;
        diagnosis = diagnosis == null ? "" : diagnosis;
        completion = completion == null ? Completion.FULL : completion;
    }

    /** A result of a run that did its whole plan. */
    public RunResult(RunContext context, Verdicts verdicts, MintErrors mintErrors, Timing timing, Skews skews,
            List<FailureSample> failures, ReplayEvidence replay, String diagnosis) {
        this(context, verdicts, mintErrors, timing, skews, failures, replay, diagnosis, Completion.FULL);
    }

    /** The same result, stopped early or not as {@code c} says. */
    public RunResult withCompletion(Completion c) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, failures, replay, diagnosis, c);
    }

    /** The same result with a diagnosis paragraph. */
    public RunResult withDiagnosis(String text) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, failures, replay, text, completion);
    }

    /** The same result with these mint errors (e.g. a remote signer's counters added). */
    public RunResult withMintErrors(MintErrors errors) {
        return new RunResult(context, verdicts, errors, timing, skews, failures, replay, diagnosis, completion);
    }

    /** The same result with what a replay showed. */
    public RunResult withReplay(ReplayEvidence evidence) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, failures, evidence, diagnosis, completion);
    }

    /** Latency summary of a phase, or {@link LatencySummary#EMPTY}. */
    public LatencySummary latency(LatencyPhase phase) {
        return timing.latency().getOrDefault(phase, LatencySummary.EMPTY);
    }
}
