package io.sigload.validate;

import java.math.BigDecimal;

/**
 * Time rules on NumericDates (RFC 7519 §4.1.4 {@code exp}, §4.1.6 {@code iat}), compared exactly
 * (fractions allowed) with the validator's clock, all in seconds (docs/field-cases.md):
 * {@code IAT_IN_FUTURE} ({@code iat > now + iatLeewaySeconds}), {@code EXPIRED} ({@code now >= exp}),
 * {@code EXP_TOO_SOON} ({@code exp - iat < 1800}), {@code EXP_TOO_FAR} ({@code exp - iat > 172800}),
 * {@code TOKENEXP_TOO_SOON} ({@code meeting-native}: {@code tokenExp < max(iat, now) + 1800}), and
 * the warnings {@code EXP_AT_MIN_BOUNDARY} ({@code exp - iat == 1800}) and
 * {@code TOKENEXP_AFTER_EXP}. The lifetime bounds are Zoom's (Meeting SDK auth: "at least 1800
 * seconds", "at most 48 hours").
 *
 * <p>Thread-safe: stateless.
 */
final class TimeRules {
    /** Shortest lifetime {@code exp - iat}, and shortest remaining {@code tokenExp}, in seconds. */
    static final BigDecimal MIN_LIFETIME = BigDecimal.valueOf(1800);
    /** Longest lifetime {@code exp - iat}, in seconds (48 h). */
    static final BigDecimal MAX_LIFETIME = BigDecimal.valueOf(172_800);

    private TimeRules() {
    }

    static void check(TypedClaims c, BigDecimal now, ValidationContext ctx, Findings f) {
        BigDecimal leeway = BigDecimal.valueOf(ctx.iatLeewaySeconds());
        if (c.iat() != null) {
            BigDecimal ahead = c.iat().subtract(now);
            if (ahead.compareTo(leeway) > 0) {
                f.add(ReasonCode.IAT_IN_FUTURE, "iat is " + s(ahead) + " s after the validator's clock (leeway "
                        + ctx.iatLeewaySeconds() + " s)", "iatAheadSeconds", NumericDates.number(ahead),
                        "iatLeewaySeconds", ctx.iatLeewaySeconds());
            }
        }
        if (c.exp() != null && now.compareTo(c.exp()) >= 0) {
            BigDecimal past = now.subtract(c.exp());
            f.add(ReasonCode.EXPIRED, "exp was " + s(past) + " s before the validator's clock (expired)",
                    "expiredSecondsAgo", NumericDates.number(past));
        }
        if (c.iat() != null && c.exp() != null) {
            lifetime(c.exp().subtract(c.iat()), f);
        }
        if (c.tokenExp() != null && c.exp() != null && c.tokenExp().compareTo(c.exp()) > 0) {
            f.add(ReasonCode.TOKENEXP_AFTER_EXP, "tokenExp is " + s(c.tokenExp().subtract(c.exp()))
                    + " s after exp");
        }
        if (ctx.profile() == Profile.MEETING_NATIVE && c.tokenExp() != null) {
            BigDecimal from = c.iat() == null ? now : c.iat().max(now);
            BigDecimal left = c.tokenExp().subtract(from);
            if (left.compareTo(MIN_LIFETIME) < 0) {
                f.add(ReasonCode.TOKENEXP_TOO_SOON, "tokenExp is " + s(left) + " s after max(iat, now), below 1800 s",
                        "tokenExpRemainingSeconds", NumericDates.number(left));
            }
        }
    }

    private static void lifetime(BigDecimal life, Findings f) {
        int min = life.compareTo(MIN_LIFETIME);
        if (min < 0) {
            f.add(ReasonCode.EXP_TOO_SOON, "exp - iat is " + s(life) + " s, below 1800 s",
                    "lifetimeSeconds", NumericDates.number(life));
        } else if (min == 0) {
            f.add(ReasonCode.EXP_AT_MIN_BOUNDARY, "exp - iat is exactly 1800 s, the minimum",
                    "lifetimeSeconds", 1800L);
        } else if (life.compareTo(MAX_LIFETIME) > 0) {
            f.add(ReasonCode.EXP_TOO_FAR, "exp - iat is " + s(life) + " s, above 172800 s (48 h)",
                    "lifetimeSeconds", NumericDates.number(life));
        }
    }

    private static String s(BigDecimal seconds) {
        return NumericDates.format(seconds);
    }
}
