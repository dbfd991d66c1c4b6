package io.sigload.skew;

import io.sigload.sign.Signer;
import io.sigload.validate.ValidationContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Assertions for a team's own tests: every token a signer mints validates for every clock skew
 * in a range. Skew is <em>minting clock minus validator clock</em>; every whole second of the
 * range is checked (not a sweep), with {@link SkewSettings#samples()} tokens at instants spread
 * over {@link SkewSettings#spanSeconds()} seconds, so formulas whose error depends on the instant
 * (float rounding) are caught. Cost: {@code (to - from + 1) × samples} tokens.
 *
 * <pre>{@code
 * Signer signer = ...; // your signer, as a sigload Signer
 * SkewAssertions.assertValidUnderSkew(signer, Duration.ofSeconds(-120), Duration.ofSeconds(120));
 * // AssertionError: tokens are refused under clock skew: first failing skew +1 s (minting clock 1 s fast):
 * //   IAT_IN_FUTURE; 64 of 64 tokens refused ...
 * }</pre>
 *
 * <p>Thread-safe (stateless); the signer must be thread-safe as {@link Signer} requires. Throws
 * {@link AssertionError}, so it works with any test framework.
 */
public final class SkewAssertions {
    private SkewAssertions() {
    }

    /**
     * Asserts validity under skew with {@link SkewSettings#meetingWeb()}: meeting-web profile, no
     * iat leeway, 7200 s tokens, no MAC check (the validator has no secret).
     *
     * @throws AssertionError naming the first failing skew (outward from 0 s) and the reason
     * @throws IllegalArgumentException when {@code from > to} or either is beyond ±30 days
     */
    public static void assertValidUnderSkew(Signer signer, Duration from, Duration to) {
        assertValidUnderSkew(signer, from, to, SkewSettings.meetingWeb());
    }

    /**
     * As {@link #assertValidUnderSkew(Signer, Duration, Duration)}, judged with a validation
     * context's profile, secret (the MAC is checked when it has one), leeway, meeting number and role.
     */
    public static void assertValidUnderSkew(Signer signer, Duration from, Duration to, ValidationContext context) {
        assertValidUnderSkew(signer, from, to, SkewSettings.of(context));
    }

    /** As {@link #assertValidUnderSkew(Signer, Duration, Duration)}, with explicit settings. */
    public static void assertValidUnderSkew(Signer signer, Duration from, Duration to, SkewSettings settings) {
        firstFailure(signer, from, to, settings).ifPresent(f -> {
            throw new AssertionError(f.message());
        });
    }

    /**
     * The first skew, scanning outward from zero (or from the end of the range nearest zero), at
     * which some token is refused; empty when every token validates at every second of the range.
     *
     * @throws IllegalArgumentException when {@code from > to} or either is beyond ±30 days
     */
    public static Optional<SkewFailure> firstFailure(Signer signer, Duration from, Duration to, SkewSettings settings) {
        long lo = from.toSeconds();
        long hi = to.toSeconds();
        if (lo > hi || from.abs().compareTo(SkewSweep.LIMIT) > 0 || to.abs().compareTo(SkewSweep.LIMIT) > 0) {
            throw new IllegalArgumentException("skew range [" + lo + " s, " + hi + " s]: need from <= to, both within ±30 days");
        }
        SignerProbe probe = SignerProbe.of(signer, settings);
        long start = Math.max(lo, Math.min(hi, 0));
        for (long d = 0; start - d >= lo || start + d <= hi; d++) {
            for (long s : d == 0 ? new long[] {start} : new long[] {start + d, start - d}) {
                if (s < lo || s > hi) {
                    continue;
                }
                SkewStep step = probe.probe(s);
                if (step.accepted() < step.tokens()) {
                    return Optional.of(new SkewFailure(step, lo, hi, probe.mode()));
                }
            }
        }
        return Optional.empty();
    }
}
