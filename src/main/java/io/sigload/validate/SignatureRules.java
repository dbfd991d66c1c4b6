package io.sigload.validate;

import io.sigload.hmac.HmacKeys;
import io.sigload.token.Base64Url;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code BAD_SIGNATURE} (RFC 7515 §5.2, RFC 7518 §3.2: HMAC-SHA256 over the received
 * {@code header.payload} bytes, key = the secret string's UTF-8 bytes per Zoom's Meeting SDK auth
 * docs) and, only when the MAC fails, the hints that explain it: {@code WRONG_SECRET},
 * {@code KEY_ENCODING}, {@code HEX_ENCODED_MAC} (docs/field-cases.md, "Hints").
 *
 * <p>Messages name secrets by their source, never by value or part of it. Thread-safe: stateless.
 */
final class SignatureRules {
    private static final HexFormat HEX = HexFormat.of();

    private SignatureRules() {
    }

    /**
     * Checks the MAC; does nothing when the context has no secret.
     *
     * @param signingInput the bytes the MAC covers
     * @param received the decoded signature bytes
     * @param signatureText the signature as received (to recognise hex)
     * @param what "the signature" or "the legacy hash", for messages
     */
    static void check(byte[] signingInput, byte[] received, String signatureText, ValidationContext ctx, Findings f,
            String what) {
        Secret secret = ctx.secret();
        if (secret == null) {
            return;
        }
        byte[] expected = HmacKeys.mac(secret, signingInput);
        if (MessageDigest.isEqual(expected, received)) {
            return;
        }
        f.add(ReasonCode.BAD_SIGNATURE, what + " (" + received.length + " bytes) is not HMAC-SHA256 of the signed"
                + " bytes keyed with the secret from " + secret.source(), "signatureBytes", received.length);
        List<byte[]> candidates = new ArrayList<>(2);
        candidates.add(received);
        byte[] hex = hexMac(signatureText);
        if (hex != null) {
            candidates.add(hex);
            boolean same = MessageDigest.isEqual(expected, hex);
            f.add(ReasonCode.HEX_ENCODED_MAC, what + " is 64 hex characters: the MAC written in hex"
                    + (same ? "; decoded as hex it matches the MAC exactly" : ""), "hexMatches", same);
        }
        explainKey(secret, signingInput, candidates, f);
        int i = 0;
        for (Secret alt : ctx.alternativeSecrets()) {
            byte[] m = HmacKeys.mac(alt.bytes(), signingInput);
            if (matchesAny(m, candidates)) {
                f.add(ReasonCode.WRONG_SECRET, "the MAC matches alternative secret #" + (i + 1) + " (from "
                        + alt.source() + "), not the SDK secret", "alternativeSecret", i + 1);
                break;
            }
            i++;
        }
    }

    /** Tries the secret as people mangle it: base64-decoded, hex-decoded, trimmed, with a newline. */
    private static void explainKey(Secret secret, byte[] input, List<byte[]> candidates, Findings f) {
        String text = secret.text();
        List<String> names = new ArrayList<>(5);
        List<byte[]> keys = new ArrayList<>(5);
        if (!text.isEmpty() && text.length() % 2 == 0 && isAsciiHex(text)) {
            names.add("hex-decoded");
            keys.add(HEX.parseHex(text));
        }
        Base64Url.decodeLenient(text).filter(b -> b.length > 0).ifPresent(b -> {
            names.add("base64-decoded");
            keys.add(b);
        });
        String trimmed = text.strip();
        if (!trimmed.equals(text) && !trimmed.isEmpty()) {
            names.add("trimmed of whitespace");
            keys.add(trimmed.getBytes(StandardCharsets.UTF_8));
        }
        names.add("with a trailing newline");
        keys.add((text + "\n").getBytes(StandardCharsets.UTF_8));
        names.add("with a trailing CR LF");
        keys.add((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < keys.size(); i++) {
            if (matchesAny(HmacKeys.mac(keys.get(i), input), candidates)) {
                f.add(ReasonCode.KEY_ENCODING, "the MAC matches the secret " + names.get(i) + " ("
                        + keys.get(i).length + " key bytes) instead of its UTF-8 bytes (" + secret.length() + ")",
                        "keyVariant", names.get(i), "fix", keyFix(names.get(i)));
                return;
            }
        }
    }

    /** The fix for a key variant: what the library or code did, and what to do instead. */
    static String keyFix(String variant) {
        if (variant.startsWith("hex")) {
            return "Use the secret string's UTF-8 bytes as the HMAC key, not hex-decoded. jsrsasign decodes an all-hex"
                    + " string key as hex: pass the secret as UTF-8, KJUR.jws.JWS.sign('HS256', header, payload,"
                    + " {utf8: secret}).";
        }
        if (variant.startsWith("base64")) {
            return "Use the secret string's UTF-8 bytes as the HMAC key, not base64-decoded: jjwt's signWith(alg,"
                    + " String) decodes base64 (use Keys.hmacShaKeyFor(secret.getBytes(UTF_8))); in C# use"
                    + " Encoding.UTF8.GetBytes(secret), not Convert.FromBase64String.";
        }
        return "Use the secret exactly as Zoom shows it: strip the whitespace or line end your code or file adds"
                + " before signing.";
    }

    private static boolean matchesAny(byte[] mac, List<byte[]> candidates) {
        for (byte[] c : candidates) {
            if (MessageDigest.isEqual(mac, c)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of a 64-hex-character signature, or {@code null}. */
    private static byte[] hexMac(String s) {
        return s != null && s.length() == 64 && isAsciiHex(s) ? HEX.parseHex(s) : null;
    }

    private static boolean isAsciiHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
