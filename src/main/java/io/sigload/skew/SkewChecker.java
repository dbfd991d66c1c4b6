package io.sigload.skew;

import io.sigload.sign.Signer;
import java.time.Duration;
import java.util.Optional;

/**
 * Skew checks bound to one {@link SkewSettings}; what {@link SkewExtension} injects into tests.
 * Immutable and thread-safe.
 *
 * @param settings profile, join parameters and sampling used by every check
 */
public record SkewChecker(SkewSettings settings) {
    /** Asserts that every token validates at every whole second of {@code [from, to]}; see {@link SkewAssertions}. */
    public void assertValidUnderSkew(Signer signer, Duration from, Duration to) {
        SkewAssertions.assertValidUnderSkew(signer, from, to, settings);
    }

    /** The first failing skew outward from zero, if any. */
    public Optional<SkewFailure> firstFailure(Signer signer, Duration from, Duration to) {
        return SkewAssertions.firstFailure(signer, from, to, settings);
    }

    /**
     * Sweeps {@code [from, to]} (grid then bisection) and returns the window.
     *
     * @throws IllegalArgumentException when the range is empty or beyond ±30 days
     */
    public SkewReport sweep(Signer signer, Duration from, Duration to) {
        SignerProbe probe = SignerProbe.of(signer, settings);
        return SkewSweep.sweep(probe, from, to, signer.describe(), settings.profile().wireName(), probe.mode());
    }
}
