package io.sigload.skew;

import io.sigload.token.Secret;
import io.sigload.validate.Profile;
import io.sigload.validate.ValidationContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a skew check asks of the signer and how the validator judges: the join parameters, the
 * validator profile and the sampling. Immutable; change it with the {@code with*} methods.
 *
 * @param profile validator profile, e.g. {@link Profile#MEETING_WEB}
 * @param secret the SDK secret to check the MAC with, or {@code null} to check every rule but the MAC
 * @param iatLeewaySeconds how far {@code iat} may be after the validator's clock, seconds, {@code >= 0}
 * @param meetingNumber meeting number asked for and joined with, digits
 * @param role 0 participant, 1 host
 * @param expirationSeconds token lifetime asked of the signer, seconds (Zoom's sample default 7200)
 * @param samples tokens per skew, {@code >= 1}: instants spread over {@code spanSeconds}, so a
 *     formula whose error depends on the instant (float rounding: 128 s periods) is sampled fairly
 * @param spanSeconds the sample instants are spread over this many seconds, {@code >= 0}
 * @param base the validator's clock at the first sample (a fixed instant: results are repeatable)
 */
public record SkewSettings(Profile profile, Secret secret, long iatLeewaySeconds, String meetingNumber, int role,
        int expirationSeconds, int samples, long spanSeconds, Instant base) {
    /**
     * Seconds the sample instants are spread over by default: 128 float periods of 128 s. A float
     * near 1.7e12 ms steps by 131.072 s and near 1.7e9 s by 128 s; the two grids beat every
     * ~5461 s, so errors like {@code Math.round(ms / (float) 1000)} repeat only over hours.
     */
    public static final long FLOAT_PERIODS_SPAN = 128 * 128;
    /** Tokens per skew by default: enough to see a 2 % rejected share. */
    public static final int DEFAULT_SAMPLES = 64;
    /** The validator profile by default (its wire name, as {@code @SkewConfig} takes it). */
    public static final String DEFAULT_PROFILE = "meeting-web";
    /** Token lifetime asked of the signer by default, seconds (Zoom's sample: 7200). */
    public static final int DEFAULT_EXPIRATION_SECONDS = 7200;
    /** Seconds {@code iat} may be after the validator's clock by default (Zoom documents none). */
    public static final long DEFAULT_IAT_LEEWAY_SECONDS = 0;
    /** The meeting number asked for by default. */
    public static final String DEFAULT_MEETING_NUMBER = "85746065432";
    /** The default base instant (sigload's simulated start). */
    public static final Instant DEFAULT_BASE = Instant.parse("2026-03-02T09:00:00Z");

    public SkewSettings {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(meetingNumber, "meetingNumber");
        Objects.requireNonNull(base, "base");
        if (samples < 1 || spanSeconds < 0 || iatLeewaySeconds < 0) {
            throw new IllegalArgumentException("samples must be >= 1, spanSeconds and iatLeewaySeconds >= 0; got "
                    + samples + ", " + spanSeconds + ", " + iatLeewaySeconds);
        }
    }

    /** Meeting SDK for Web, no MAC check, no leeway, 7200 s tokens, 64 samples over 16384 s. */
    public static SkewSettings meetingWeb() {
        return new SkewSettings(Profile.fromWireName(DEFAULT_PROFILE).orElseThrow(), null, DEFAULT_IAT_LEEWAY_SECONDS,
                DEFAULT_MEETING_NUMBER, 0, DEFAULT_EXPIRATION_SECONDS, DEFAULT_SAMPLES, FLOAT_PERIODS_SPAN, DEFAULT_BASE);
    }

    /** From a validation context: its profile, secret, leeway, meeting number and role. */
    public static SkewSettings of(ValidationContext c) {
        SkewSettings s = meetingWeb().withProfile(c.profile()).withSecret(c.secret()).withIatLeeway(c.iatLeewaySeconds());
        s = c.meetingNumber() == null ? s : s.withMeetingNumber(c.meetingNumber());
        return c.role() == null ? s : s.withRole(c.role());
    }

    public SkewSettings withProfile(Profile p) {
        return new SkewSettings(p, secret, iatLeewaySeconds, meetingNumber, role, expirationSeconds, samples, spanSeconds, base);
    }

    public SkewSettings withSecret(Secret s) {
        return new SkewSettings(profile, s, iatLeewaySeconds, meetingNumber, role, expirationSeconds, samples, spanSeconds, base);
    }

    public SkewSettings withIatLeeway(long seconds) {
        return new SkewSettings(profile, secret, seconds, meetingNumber, role, expirationSeconds, samples, spanSeconds, base);
    }

    public SkewSettings withMeetingNumber(String mn) {
        return new SkewSettings(profile, secret, iatLeewaySeconds, mn, role, expirationSeconds, samples, spanSeconds, base);
    }

    public SkewSettings withRole(int r) {
        return new SkewSettings(profile, secret, iatLeewaySeconds, meetingNumber, r, expirationSeconds, samples, spanSeconds, base);
    }

    public SkewSettings withExpirationSeconds(int s) {
        return new SkewSettings(profile, secret, iatLeewaySeconds, meetingNumber, role, s, samples, spanSeconds, base);
    }

    /** @param n tokens per skew; @param span seconds the instants are spread over */
    public SkewSettings withSamples(int n, long span) {
        return new SkewSettings(profile, secret, iatLeewaySeconds, meetingNumber, role, expirationSeconds, n, span, base);
    }

    public SkewSettings withBase(Instant b) {
        return new SkewSettings(profile, secret, iatLeewaySeconds, meetingNumber, role, expirationSeconds, samples, spanSeconds, b);
    }

    /** The validator's context at an instant (seconds are compared, so pass a whole second). */
    ValidationContext context(Instant now) {
        return new ValidationContext(profile, secret, List.of(), now, iatLeewaySeconds, meetingNumber, role, null);
    }

    /** Alias kept short for docs: the sample spread, seconds. */
    public long span() {
        return spanSeconds;
    }
}
