package io.sigload.skew;

/**
 * One edge of the acceptance window: where tokens start being refused, and why.
 *
 * @param side {@code SLOW} (minting clock behind the validator's: negative skews) or {@code FAST}
 * @param lastValid the last skew, seconds, at which every token validated (the window's bound)
 * @param firstRejected the next skew outward, seconds, at which some token was refused, or
 *     {@code null} when the swept range ended first
 * @param allRejectedFrom the first skew outward, seconds, at which no token validated, or {@code null}
 * @param reason the rule that closes the edge: the most frequent error code at {@code firstRejected}
 *     ({@code ""} when the range ended first)
 * @param rejectedShareAtFirst share of tokens refused at {@code firstRejected}, {@code 0..1}
 */
public record SkewEdge(Side side, long lastValid, Long firstRejected, Long allRejectedFrom, String reason,
        double rejectedShareAtFirst) {

    /** Which side of zero skew. */
    public enum Side {
        /** Negative skews: the minting clock is slow. */
        SLOW,
        /** Positive skews: the minting clock is fast. */
        FAST
    }

    /** Whether acceptance fades over a band of skews (some tokens pass, some fail) rather than at once. */
    public boolean probabilistic() {
        return firstRejected != null && !firstRejected.equals(allRejectedFrom);
    }
}
