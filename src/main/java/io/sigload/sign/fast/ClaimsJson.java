package io.sigload.sign.fast;

import io.sigload.token.Claim;
import io.sigload.token.Claims;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes {@link Claims} as compact UTF-8 JSON bytes, exactly as auth0 java-jwt 4.6.2 does (it
 * serialises a {@code LinkedHashMap} through Jackson's {@code ObjectMapper.writeValueAsString} and
 * then {@code String.getBytes(UTF_8)}):
 *
 * <ul>
 *   <li>members in {@link Claims} order, no whitespace;
 *   <li>strings (names and values): {@code "} and {@code \} escaped with a backslash; control
 *       characters U+0000..U+001F as {@code \b \t \n \f \r} or {@code &#92;u00XX} (upper-case hex);
 *       everything else, including {@code /}, U+007F, U+2028 and non-ASCII, written raw as UTF-8;
 *       a lone surrogate becomes {@code ?} (the JDK's UTF-8 encoder's replacement);
 *   <li>{@link Integer}, {@link Long}: decimal; {@link Boolean}: {@code true}/{@code false};
 *   <li>{@link Double}: {@link Double#toString(double)} ({@code 1.0}, {@code 1.7000000005E9}),
 *       and NaN and the infinities as the JSON strings {@code "NaN"}, {@code "Infinity"},
 *       {@code "-Infinity"} (Jackson's default {@code WRITE_NAN_AS_STRINGS}).
 * </ul>
 *
 * <p>Thread-safe: stateless; the caller owns the destination array.
 */
public final class ClaimsJson {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Longest decimal {@code long}: {@code -9223372036854775808}. */
    private static final int MAX_LONG_CHARS = 20;
    /** Longest {@link Double#toString(double)}, e.g. {@code -2.2250738585072014E-308}, or {@code "-Infinity"}. */
    private static final int MAX_DOUBLE_CHARS = 26;

    private ClaimsJson() {
    }

    /**
     * An upper bound on the bytes {@link #write} produces for {@code claims}: exact for names,
     * strings and booleans, 20 bytes per integer, 26 per double. Costs one scan of the strings.
     */
    public static int maxLength(Claims claims) {
        int n = 2;
        for (Claim c : claims.entries()) {
            n += 2 + stringLength(c.name());
            n += switch (c.value()) {
                case String s -> stringLength(s);
                case Double d -> MAX_DOUBLE_CHARS;
                case Boolean z -> 5;
                default -> MAX_LONG_CHARS;
            };
        }
        return n;
    }

    /** The exact length of {@link #writeString}'s output for {@code s}, quotes included. */
    static int stringLength(String s) {
        int n = s.length();
        int bytes = 2 + n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c < 0x20) {
                    bytes += (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') ? 1 : 5;
                } else if (c == '"' || c == '\\') {
                    bytes += 1;
                }
            } else if (c < 0x800) {
                bytes += 1;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                }
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** The claims as JSON bytes, exactly sized. */
    public static byte[] toBytes(Claims claims) {
        byte[] buf = new byte[maxLength(claims)];
        int n = write(claims, buf, 0);
        return Arrays.copyOf(buf, n);
    }

    /**
     * Writes the claims as a JSON object into {@code dst} from {@code off}.
     *
     * @param dst at least {@link #maxLength(Claims)} bytes from {@code off}
     * @return the offset after the closing brace
     * @throws IndexOutOfBoundsException when {@code dst} is too short
     */
    public static int write(Claims claims, byte[] dst, int off) {
        int p = off;
        dst[p++] = '{';
        boolean first = true;
        for (Claim c : claims.entries()) {
            if (!first) {
                dst[p++] = ',';
            }
            first = false;
            p = writeString(c.name(), dst, p);
            dst[p++] = ':';
            p = switch (c.value()) {
                case String s -> writeString(s, dst, p);
                case Integer i -> writeLong(i, dst, p);
                case Long l -> writeLong(l, dst, p);
                case Boolean z -> writeAscii(z ? "true" : "false", dst, p);
                case Double d -> Double.isFinite(d) ? writeAscii(Double.toString(d), dst, p)
                        : writeString(Double.toString(d), dst, p);
                default -> throw new IllegalArgumentException("unsupported claim type for " + c.name());
            };
        }
        dst[p++] = '}';
        return p;
    }

    /** Writes a JSON string literal (quotes included); see the class comment for the escaping. */
    static int writeString(String s, byte[] dst, int off) {
        int p = off;
        dst[p++] = '"';
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    dst[p++] = (byte) c;
                } else {
                    p = writeEscape(c, dst, p);
                }
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xc0 | (c >> 6));
                dst[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    dst[p++] = (byte) (0xf0 | (cp >> 18));
                    dst[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    dst[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    dst[p++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    dst[p++] = '?';
                }
            } else {
                dst[p++] = (byte) (0xe0 | (c >> 12));
                dst[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                dst[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        dst[p++] = '"';
        return p;
    }

    private static int writeEscape(char c, byte[] dst, int p) {
        dst[p++] = '\\';
        switch (c) {
            case '"' -> dst[p++] = '"';
            case '\\' -> dst[p++] = '\\';
            case '\b' -> dst[p++] = 'b';
            case '\t' -> dst[p++] = 't';
            case '\n' -> dst[p++] = 'n';
            case '\f' -> dst[p++] = 'f';
            case '\r' -> dst[p++] = 'r';
            default -> {
                dst[p++] = 'u';
                dst[p++] = '0';
                dst[p++] = '0';
                dst[p++] = HEX[c >> 4];
                dst[p++] = HEX[c & 0xf];
            }
        }
        return p;
    }

    /** "00".."99" as ASCII pairs, for writing two digits per division. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
            DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /**
     * Writes a decimal integer without allocating, as {@link Long#toString(long)} would. Values
     * that fit an {@code int} (every NumericDate until 2038, roles, meeting numbers up to 10 digits)
     * take the int path: two digits per division.
     */
    static int writeLong(long v, byte[] dst, int off) {
        if (v == (int) v) {
            return writeInt((int) v, dst, off);
        }
        if (v == Long.MIN_VALUE) {
            return writeAscii("-9223372036854775808", dst, off);
        }
        int p = off;
        if (v < 0) {
            dst[p++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = p + digits;
        for (int i = end - 1; i >= p; i--) {
            dst[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return end;
    }

    private static int writeInt(int v, byte[] dst, int off) {
        int p = off;
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                return writeAscii("-2147483648", dst, off);
            }
            dst[p++] = '-';
            v = -v;
        }
        int end = p + digits(v);
        int i = end;
        while (v >= 100) {
            int q = v / 100;
            int r = (v - q * 100) << 1;
            v = q;
            dst[--i] = DIGIT_PAIRS[r + 1];
            dst[--i] = DIGIT_PAIRS[r];
        }
        if (v >= 10) {
            dst[--i] = DIGIT_PAIRS[(v << 1) + 1];
            dst[--i] = DIGIT_PAIRS[v << 1];
        } else {
            dst[--i] = (byte) ('0' + v);
        }
        return end;
    }

    /** Decimal digits of a non-negative int. */
    private static int digits(int v) {
        int d = 1;
        for (int limit = 10; d < 10 && v >= limit; limit *= 10) {
            d++;
        }
        return d;
    }

    private static int writeAscii(String s, byte[] dst, int off) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            dst[off + i] = (byte) s.charAt(i);
        }
        return off + n;
    }
}
