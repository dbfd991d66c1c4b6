package io.sigload.validate;

import java.math.BigDecimal;
import java.util.Base64;

/**
 * Rules of the {@code legacy} profile (docs/field-cases.md; Zoom Web SDK 1.x "generateSignature"):
 * the hash ({@code BAD_SIGNATURE} with the same hints as JWTs), the timestamp in milliseconds
 * ({@code LEGACY_EXPIRED} when older than 24 h, {@code LEGACY_TS_IN_FUTURE} when ahead of
 * {@code now + iatLeewaySeconds}), {@code ROLE_OUT_OF_RANGE} and {@code MN_MISMATCH}.
 *
 * <p>Thread-safe: stateless.
 */
final class LegacyRules {
    /** Validity of a legacy signature: 24 h, in milliseconds. */
    static final long VALIDITY_MILLIS = 86_400_000L;

    private LegacyRules() {
    }

    static void check(LegacySignature sig, ValidationContext ctx, Findings f) {
        byte[] received = decodeHash(sig.hash());
        if (received == null) {
            f.add(ReasonCode.MALFORMED_TOKEN, "the legacy hash is not base64", "part", "hash");
        } else {
            SignatureRules.check(sig.signingInput(), received, sig.hash(), ctx, f, "the legacy hash");
        }
        if (!"0".equals(sig.role()) && !"1".equals(sig.role())) {
            String shown = sig.role().length() > 20 ? sig.role().substring(0, 20) + "..." : sig.role();
            f.add(ReasonCode.ROLE_OUT_OF_RANGE, "role is \"" + shown + "\"; allowed: 0 (participant), 1 (host)",
                    "claim", "role");
        }
        BigDecimal ts = new BigDecimal(sig.timestamp());
        BigDecimal nowMillis = NumericDates.seconds(ctx.now()).movePointRight(3);
        BigDecimal ahead = ts.subtract(nowMillis);
        BigDecimal leewayMillis = BigDecimal.valueOf(ctx.iatLeewaySeconds()).movePointRight(3);
        if (ahead.compareTo(leewayMillis) > 0) {
            f.add(ReasonCode.LEGACY_TS_IN_FUTURE, "the timestamp is " + NumericDates.format(ahead.movePointLeft(3))
                    + " s after the validator's clock", "tsAheadSeconds", NumericDates.number(ahead.movePointLeft(3)));
        }
        BigDecimal age = nowMillis.subtract(ts);
        if (age.compareTo(BigDecimal.valueOf(VALIDITY_MILLIS)) > 0) {
            String unit = sig.timestamp().length() <= 11 ? " (it looks like seconds; milliseconds are required)" : "";
            f.add(ReasonCode.LEGACY_EXPIRED, "the timestamp is " + NumericDates.format(age.movePointLeft(3))
                    + " s old, over 86400 s (24 h)" + unit, "ageSeconds", NumericDates.number(age.movePointLeft(3)));
        }
        String joined = ctx.meetingNumber();
        if (joined != null && !joined.equals(sig.meetingNumber())) {
            f.add(ReasonCode.MN_MISMATCH, "the signature's meeting number is \"" + sig.meetingNumber()
                    + "\" but the client joins meeting \"" + joined + "\"", "mn", sig.meetingNumber(),
                    "meetingNumber", joined);
        }
    }

    private static byte[] decodeHash(String hash) {
        String s = hash.replace('-', '+').replace('_', '/');
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
