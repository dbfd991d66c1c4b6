package io.sigload.skew;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a sweep. Immutable.
 *
 * @param signer the signer's {@code describe()}
 * @param profile validator profile (wire name)
 * @param mode how the skew was produced (minting clock moved, or validator clock moved)
 * @param fromSeconds start of the swept range, seconds of skew
 * @param toSeconds end of the swept range, seconds of skew
 * @param steps every skew tried, in increasing skew order
 * @param window the widest run of skews at which every token validated, or {@code null} when there
 *     is none (the signer never validates, or only some of its tokens do)
 * @param slow the slow edge (below the window), or {@code null} without a window
 * @param fast the fast edge (above the window), or {@code null} without a window
 */
public record SkewReport(String signer, String profile, SignerProbe.Mode mode, long fromSeconds, long toSeconds,
        List<SkewStep> steps, Window window, SkewEdge slow, SkewEdge fast) {
    public SkewReport {
        steps = List.copyOf(steps);
    }

    /**
     * Skews at which every token validated, seconds, both ends included.
     *
     * @param min the slowest minting clock accepted (negative: slow)
     * @param max the fastest minting clock accepted
     */
    public record Window(long min, long max) {
    }

    /** Whether any token validated at any skew. */
    public boolean everValid() {
        return steps.stream().anyMatch(s -> s.accepted() > 0);
    }

    /** The most frequent rejection reason over every step, or {@code ""} when nothing was rejected. */
    public String mainReason() {
        Map<String, Integer> all = new HashMap<>();
        steps.forEach(s -> s.rejectedBy().forEach((k, v) -> all.merge(k, v, Integer::sum)));
        return new SkewStep(0, 1, 0, all).mainReason();
    }

    /** The step at a skew, if it was tried. */
    public Optional<SkewStep> at(long skewSeconds) {
        return steps.stream().filter(s -> s.skewSeconds() == skewSeconds).findFirst();
    }

    /**
     * The step where acceptance is probabilistic that is nearest to zero skew (zero itself when
     * only some tokens validate with a perfect clock), if any.
     */
    public Optional<SkewStep> probabilisticNearZero() {
        return steps.stream().filter(s -> s.outcome() == SkewStep.Outcome.SOME_VALID)
                .min(Comparator.comparingLong(s -> Math.abs(s.skewSeconds())));
    }
}
