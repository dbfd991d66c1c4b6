package io.sigload.validate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The pre-JWT Web SDK signature (docs/field-cases.md, profile {@code legacy}):
 * {@code apiKey.meetingNumber.timestampMillis.role.hash}, bare or wrapped in base64 (either
 * alphabet, padding optional), where {@code hash = base64(HMAC-SHA256(secret,
 * base64(apiKey + meetingNumber + timestampMillis + role))}.
 *
 * @param apiKey the API (SDK) key, non-empty
 * @param meetingNumber digits
 * @param timestamp digits as sent: milliseconds since the epoch when correct
 * @param role as sent (the rules want 0 or 1)
 * @param hash the base64 MAC as sent
 * @param wrapped whether the five parts came base64-wrapped
 */
public record LegacySignature(String apiKey, String meetingNumber, String timestamp, String role, String hash,
        boolean wrapped) {
    /** Longest legacy signature considered, in characters (key, 20-digit numbers, 44-char hash). */
    private static final int MAX_CHARS = 1024;

    /** The bytes the legacy MAC covers: {@code base64(apiKey + meetingNumber + timestamp + role)}, ASCII. */
    public byte[] signingInput() {
        String msg = apiKey + meetingNumber + timestamp + role;
        return Base64.getEncoder().encode(msg.getBytes(StandardCharsets.UTF_8));
    }

    /** Recognises a legacy signature, bare or base64-wrapped; empty when the token is not one. */
    public static Optional<LegacySignature> parse(String token) {
        if (token.length() > MAX_CHARS) {
            return Optional.empty();
        }
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        if (dots > 0) {
            return dots == 4 ? parts(token, false) : Optional.empty();
        }
        String s = token.strip().replace('-', '+').replace('_', '/');
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() % 4 == 1 || s.length() < 8) {
            return Optional.empty();
        }
        try {
            byte[] b = Base64.getDecoder().decode(s + "==".substring(0, (4 - s.length() % 4) % 4));
            for (byte x : b) {
                if (x < 0x20 || x > 0x7e) {
                    return Optional.empty();
                }
            }
            return parts(new String(b, StandardCharsets.US_ASCII), true);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<LegacySignature> parts(String text, boolean wrapped) {
        String[] p = text.split("\\.", -1);
        if (p.length != 5 || p[0].isEmpty() || p[4].isEmpty() || !ClaimRules.isDigits(p[1])
                || !ClaimRules.isDigits(p[2]) || p[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LegacySignature(p[0], p[1], p[2], p[3], p[4], wrapped));
    }
}
