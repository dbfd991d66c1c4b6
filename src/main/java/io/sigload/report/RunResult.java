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
 * @param evidence what the tokens, verdicts and clocks showed, as mergeable accumulators (the diagnosis' input)
 * @param failures bounded sample of failing participants, lowest indexes first
 * @param replay what replaying participants one at a time showed ({@link ReplayEvidence#NONE} when not run)
 * @param diagnosis the causes found in the evidence and a paragraph built from them ({@link Diagnosis#NONE}
 *     until diagnosed)
 * @param completion whether the run did its whole plan or was stopped early ({@link Completion#FULL}
 *     when it ran to the end)
 */
public record RunResult(
        RunContext context,
        Verdicts verdicts,
        MintErrors mintErrors,
        Timing timing,
        Skews skews,
        Evidence evidence,
        List<FailureSample> failures,
        ReplayEvidence replay,
        Diagnosis diagnosis,
        Completion completion) {

    public RunResult {
        failures = List.copyOf(failures);
        replay = replay == null ? ReplayEvidence.NONE : replay;
        evidence = evidence == null ? Evidence.EMPTY : evidence;
        diagnosis = diagnosis == null ? Diagnosis.NONE : diagnosis;
        completion = completion == null ? Completion.FULL : completion;
    }

    /** A result of a run that did its whole plan. */
    public RunResult(RunContext context, Verdicts verdicts, MintErrors mintErrors, Timing timing, Skews skews,
            Evidence evidence, List<FailureSample> failures, ReplayEvidence replay, Diagnosis diagnosis) {
        this(context, verdicts, mintErrors, timing, skews, evidence, failures, replay, diagnosis, Completion.FULL);
    }

    /** The same result, stopped early or not as {@code c} says. */
    public RunResult withCompletion(Completion c) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, evidence, failures, replay, diagnosis, c);
    }

    /** The same result with a diagnosis. */
    public RunResult withDiagnosis(Diagnosis d) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, evidence, failures, replay, d, completion);
    }

    /** The same result with these mint errors (e.g. a remote signer's counters added). */
    public RunResult withMintErrors(MintErrors errors) {
        return new RunResult(context, verdicts, errors, timing, skews, evidence, failures, replay, diagnosis, completion);
    }

    /** The same result with another failure sample (e.g. each with what was planned and sent). */
    public RunResult withFailures(List<FailureSample> sample) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, evidence, sample, replay, diagnosis, completion);
    }

    /** The same result with what a replay showed. */
    public RunResult withReplay(ReplayEvidence evidence) {
        return new RunResult(context, verdicts, mintErrors, timing, skews, this.evidence, failures, evidence, diagnosis,
                completion);
    }

    /** Latency summary of a phase, or {@link LatencySummary#EMPTY}. */
    public LatencySummary latency(LatencyPhase phase) {
        return timing.latency().getOrDefault(phase, LatencySummary.EMPTY);
    }
}
