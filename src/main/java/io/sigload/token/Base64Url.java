package io.sigload.token;

import java.util.Base64;
import java.util.Optional;

/**
 * base64url without padding (RFC 7515 §2, RFC 4648 §5), strict and lenient.
 *
 * <p>Strict decoding accepts only {@code A-Z a-z 0-9 - _}, no {@code =}, a length that is
 * not 1 modulo 4, and only the canonical encoding (RFC 4648 §3.5: the last character's unused
 * bits are zero). Lenient decoding, used only to explain a broken token, also accepts the standard
 * alphabet ({@code + /}), padding and surrounding whitespace.
 *
 * <p>Thread-safe: stateless.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    /** Encodes bytes as unpadded base64url. */
    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether {@code segment} is strict unpadded base64url (possibly empty) in its canonical
     * encoding (RFC 4648 §3.5): the unused low bits of the last character are zero.
     */
    public static boolean isStrict(String segment) {
        int n = segment.length();
        if (n % 4 == 1) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (value(segment.charAt(i)) < 0) {
                return false;
            }
        }
        return isCanonical(segment);
    }

    /**
     * Whether the last character of an alphabet-only segment leaves its unused bits zero (RFC 4648
     * §3.5): with a length of 4n+2 it carries 4 unused bits (value mod 16 is 0), with 4n+3 two
     * (value mod 4 is 0). Non-canonical text decodes to the same bytes as the canonical one.
     */
    public static boolean isCanonical(String segment) {
        int n = segment.length();
        if (n == 0) {
            return true;
        }
        int v = value(segment.charAt(n - 1));
        return switch (n % 4) {
            case 2 -> v >= 0 && v % 16 == 0;
            case 3 -> v >= 0 && v % 4 == 0;
            default -> true;
        };
    }

    /** The 6-bit value of a base64url character, or -1 for any other character. */
    /** The base64url alphabet value (0..63) of a byte, or -1 when it is not in the alphabet. */
    public static int valueOf(byte b) {
        return b < 0 ? -1 : value((char) b);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /**
     * Decodes a strict unpadded base64url segment.
     *
     * @return the bytes, or empty when the segment is not strict base64url
     */
    public static Optional<byte[]> decodeStrict(String segment) {
        if (!isStrict(segment)) {
            return Optional.empty();
        }
        try {
            return Optional.of(URL_DECODER.decode(segment));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Decodes leniently: either alphabet, optional padding, whitespace removed.
     *
     * @return the bytes, or empty when even a lenient decoder cannot make sense of the segment
     */
    public static Optional<byte[]> decodeLenient(String segment) {
        StringBuilder sb = new StringBuilder(segment.length() + 3);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '+') {
                sb.append('-');
            } else if (c == '/') {
                sb.append('_');
            } else if (c == '=' || Character.isWhitespace(c)) {
                continue;
            } else {
                sb.append(c);
            }
        }
        String s = sb.toString();
        if (s.length() % 4 == 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(URL_DECODER.decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
