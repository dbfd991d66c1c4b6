package io.sigload.skew;

import java.util.Locale;

/**
 * The first skew, scanning outward from zero, at which a signer's tokens were refused.
 *
 * @param step the tokens at that skew (skew, counts, reasons)
 * @param fromSeconds the range checked, seconds
 * @param toSeconds the range checked, seconds
 * @param mode how the skew was produced
 */
public record SkewFailure(SkewStep step, long fromSeconds, long toSeconds, SignerProbe.Mode mode) {
    /** The failing skew, seconds (minting clock minus validator clock). */
    public long skewSeconds() {
        return step.skewSeconds();
    }

    /** The most frequent rejection reason there, e.g. {@code IAT_IN_FUTURE}. */
    public String reason() {
        return step.mainReason();
    }

    /** The assertion message: the first failing skew, the reason, the share refused, the range. */
    public String message() {
        return String.format(Locale.ROOT,
                "tokens are refused under clock skew: first failing skew %+d s (minting clock %s): %s;"
                        + " %d of %d tokens refused (%s); checked every second of [%+d s, %+d s] outward from 0 s%s",
                skewSeconds(), SkewText.clock(skewSeconds()), reason(), step.tokens() - step.accepted(), step.tokens(),
                step.rejectedBy(), fromSeconds, toSeconds,
                mode == SignerProbe.Mode.VALIDATOR_CLOCK ? " (the signer mints on its own clock: the validator's clock was moved)" : "");
    }
}
