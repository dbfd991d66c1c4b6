package io.sigload.skew;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tokens minted and validated at one skew.
 *
 * @param skewSeconds minting clock minus validator clock, seconds (positive: minting clock fast)
 * @param tokens tokens tried, {@code >= 1}
 * @param accepted tokens the validator accepted, {@code 0..tokens}
 * @param rejectedBy error code (or mint-error category) → rejected tokens carrying it; a token
 *     refused for two rules counts under both
 */
public record SkewStep(long skewSeconds, int tokens, int accepted, Map<String, Integer> rejectedBy) {
    public SkewStep {
        rejectedBy = Collections.unmodifiableMap(new TreeMap<>(rejectedBy));
    }

    /** Whether every token, none, or only some were accepted. */
    public Outcome outcome() {
        return accepted == tokens ? Outcome.ALL_VALID : accepted == 0 ? Outcome.NONE_VALID : Outcome.SOME_VALID;
    }

    /** Share of tokens rejected, {@code 0.0..1.0}. */
    public double rejectedShare() {
        return tokens == 0 ? 0 : (double) (tokens - accepted) / tokens;
    }

    /** The most frequent rejection reason (ties: alphabetical), or {@code ""} when all were accepted. */
    public String mainReason() {
        String best = "";
        int n = 0;
        for (var e : rejectedBy.entrySet()) {
            if (e.getValue() > n) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }

    /** How a step ended. */
    public enum Outcome {
        /** Every token validated. */
        ALL_VALID,
        /** Some validated, some were rejected: acceptance is probabilistic here. */
        SOME_VALID,
        /** No token validated. */
        NONE_VALID
    }
}
