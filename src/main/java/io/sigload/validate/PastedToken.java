package io.sigload.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * A token pasted with something around it that is never part of a signature: a {@code Bearer }
 * prefix (an HTTP Authorization header's scheme), surrounding quotes (a JSON or code string copied
 * with them), leading or trailing whitespace (a line end from a file or a copy), or the signature
 * endpoint's whole JSON body. Zoom refuses such a token; the validator says what to strip instead of
 * decoding characters that are not base64url. Thread-safe: immutable.
 *
 * @param strip what to strip, for people, in the order found; empty when the token is bare
 * @param inner the token without them
 */
public record PastedToken(List<String> strip, String inner) {
    public PastedToken {
        strip = List.copyOf(strip);
    }

    /** Whether anything must be stripped. */
    public boolean wrapped() {
        return !strip.isEmpty();
    }

    /** Reads what surrounds a token. */
    public static PastedToken of(String token) {
        List<String> strip = new ArrayList<>(3);
        String s = token == null ? "" : token;
        for (int round = 0; round < 3; round++) {
            String t = s.strip();
            if (!t.equals(s)) {
                strip.add("the leading or trailing whitespace (a line end from a file or a copy)");
                s = t;
            }
            if (s.regionMatches(true, 0, "Bearer ", 0, 7)) {
                strip.add("the 'Bearer ' prefix (an HTTP Authorization header's scheme; the SDK takes the JWT alone)");
                s = s.substring(7);
                continue;
            }
            if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'' || s.charAt(0) == '`')
                    && s.charAt(s.length() - 1) == s.charAt(0)) {
                strip.add("the surrounding quotes " + s.charAt(0) + "..." + s.charAt(0)
                        + " (a JSON or code string copied with them)");
                s = s.substring(1, s.length() - 1);
                continue;
            }
            break;
        }
        if (s.startsWith("{") && s.endsWith("}")) {
            strip.add("the JSON around the token: this is the signature endpoint's whole response body; pass only its"
                    + " signature field");
        }
        return new PastedToken(strip, s);
    }
}
