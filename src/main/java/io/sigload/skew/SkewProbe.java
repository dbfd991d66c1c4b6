package io.sigload.skew;

/**
 * Mints and validates tokens at one clock skew. Implementations are deterministic: the same
 * skew gives the same step. Not required to be thread-safe.
 */
@FunctionalInterface
public interface SkewProbe {
    /**
     * @param skewSeconds minting clock minus validator clock, seconds
     * @return the tokens' outcome at that skew
     */
    SkewStep probe(long skewSeconds);
}
