package io.sigload.token;

import java.util.Base64;
import java.util.Optional;

/**
 * base64url without padding (RFC 7515 §2, RFC 4648 §5), strict and lenient.
 *
 * <p>Strict decoding accepts only {@code A-Z a-z 0-9 - _}, no {@code =}, and a length that is
 * not 1 modulo 4. Lenient decoding, used only to explain a broken token, also accepts the standard
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

    /** Whether {@code segment} is strict unpadded base64url (possibly empty). */
    public static boolean isStrict(String segment) {
        int n = segment.length();
        if (n % 4 == 1) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = segment.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
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
