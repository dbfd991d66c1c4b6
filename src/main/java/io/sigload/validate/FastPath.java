package io.sigload.validate;

import io.sigload.hmac.HmacKeys;
import io.sigload.hmac.HmacSha256;
import io.sigload.token.Base64Url;
import io.sigload.token.CompactJws;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The validator's hot path: recognises, in one pass over the token and one over its claims'
 * JSON bytes, a Meeting SDK token that the full rules ({@link ZoomValidator#validateFull}) would
 * accept with no error, warning or hint, and answers {@link #VALID} without building a JSON tree,
 * a {@code BigDecimal} or a {@link Findings}. Anything it is not sure of it declines
 * ({@link #accepts} returns {@code false}) and the full rules judge the token, so a verdict never
 * depends on which path ran; {@code FastPathDifferentialTest} holds both paths to the same verdict
 * over the fuzz corpus, the field cases and a grid of recipes and clocks.
 *
 * <p>Accepted: profiles {@code meeting-web} and {@code meeting-native}; a header segment that is
 * exactly the base64url of <code>{"typ":"JWT","alg":"HS256"}</code> or
 * <code>{"alg":"HS256","typ":"JWT"}</code>; strict base64url (RFC 7515 §2) in all three
 * segments; a 32-byte signature equal to HMAC-SHA256 of {@code header.payload} under the
 * context's secret (RFC 7518 §3.2; skipped when the context has none, as the full rules do); a
 * claims object (RFC 7519 §7.2) of ASCII strings without escapes and non-negative integers
 * without sign, fraction or exponent, each known claim at most once, no {@code app_key},
 * {@code iss}, {@code tpc} or {@code role_type}; then the same presence, type, time and context
 * rules as {@link ClaimRules}, {@link TimeRules} and {@link ContextRules}, on exact integers
 * (a NumericDate is whole seconds here, so comparing it with the validator's clock needs only
 * the clock's whole seconds, see {@link #timesOk}). Declined: everything else, including any
 * token that would get a warning ({@code EXP_AT_MIN_BOUNDARY}, {@code TOKENEXP_AFTER_EXP},
 * {@code MN_IS_NUMBER}, ...).
 *
 * <p>Cost: one scratch array of about the token's length (signing input, decoded claims, two
 * MACs) and the two digest clones of {@link HmacSha256}; no other allocation.
 *
 * <p>Thread-safe: stateless apart from a one-entry cache of the last secret's key states (an
 * immutable pair published through a volatile field).
 */
final class FastPath {
    /** The verdict of a token with no finding, without its times. Immutable, shared. */
    static final Verdict VALID = new Verdict(List.of(), List.of(), List.of());

    /** The accepted token's iat and exp on this thread, for its verdict's times (the diagnosis' evidence). */
    private static final ThreadLocal<long[]> TIMES = ThreadLocal.withInitial(() -> new long[2]);

    /**
     * The verdict of the token {@link #accepts} just accepted on this thread: no finding, and its
     * {@code iat} and {@code exp} (two small objects per valid token: the diagnosis reads the times
     * without parsing the token again).
     */
    static Verdict valid() {
        long[] t = TIMES.get();
        return new Verdict(List.of(), List.of(), List.of(), new TokenTimes(t[0], t[1]));
    }

    private static final String HEADER_TYP_ALG = Base64Url.encode(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.US_ASCII));
    private static final String HEADER_ALG_TYP = Base64Url.encode(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));
    /** base64url of 32 bytes. */
    private static final int SIGNATURE_CHARS = 43;
    /** 10^11, the milliseconds threshold of {@link NumericDates#MILLIS_THRESHOLD}. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;
    private static final long MIN_LIFETIME = 1800;
    private static final long MAX_LIFETIME = 172_800;
    /** Digits accepted in an integer: more and it may not fit a long, so the full rules decide. */
    private static final int MAX_DIGITS = 18;

    // Claim slots.
    private static final int APP_KEY = 0;
    private static final int SDK_KEY = 1;
    private static final int MN = 2;
    private static final int ROLE = 3;
    private static final int IAT = 4;
    private static final int EXP = 5;
    private static final int TOKEN_EXP = 6;
    /** Other claims that must be numbers when present ({@link ClaimRules}' OTHER_NUMERIC). */
    private static final int OTHER_NUMBER = 7;
    /** A claim that changes the token's kind or profile rules: decline. */
    private static final int DECLINE = 8;
    private static final int UNKNOWN = 9;
    private static final int SLOTS = 7;

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static volatile Keyed last;

    private FastPath() {
    }

    /** The last secret's key states, so a run with one secret skips the cache's hash lookup. */
    private record Keyed(Secret secret, HmacSha256 hmac) {
    }

    /**
     * Whether the full rules would give {@code token} no finding at all in this context. Never
     * throws (a token it cannot read it declines).
     */
    static boolean accepts(String token, ValidationContext ctx) {
        Profile profile = ctx.profile();
        if (token == null || (profile != Profile.MEETING_WEB && profile != Profile.MEETING_NATIVE)) {
            return false;
        }
        int n = token.length();
        if (n > CompactJws.MAX_TOKEN_CHARS || n < HEADER_TYP_ALG.length() + 2 + SIGNATURE_CHARS) {
            return false;
        }
        int d1 = HEADER_TYP_ALG.length();
        if (token.charAt(d1) != '.' || !(token.startsWith(HEADER_TYP_ALG) || token.startsWith(HEADER_ALG_TYP))) {
            return false;
        }
        int d2 = n - SIGNATURE_CHARS - 1;
        if (d2 <= d1 + 1 || token.charAt(d2) != '.') {
            return false;
        }
        // The token's chars are its bytes when it is ASCII; anything else fails decoding below
        // (ISO-8859-1 maps a char above 0xFF to '?', which is not base64url either).
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        if (!strictEnd(ascii, d1 + 1, d2) || !strictEnd(ascii, d2 + 1, n)) {
            return false;
        }
        // Scratch layout: [claims JSON][MAC 32][received signature 32]
        int jsonMax = (d2 - d1 - 1) * 3 / 4 + 1;
        int macAt = jsonMax;
        byte[] buf = new byte[jsonMax + 2 * HmacSha256.MAC_LENGTH];
        int jsonLen;
        try {
            // The JDK's decoder is vectorised; it refuses any byte outside the alphabet and
            // strictEnd has refused what it lets through (padding, non-canonical last bits).
            jsonLen = DECODER.decode(Arrays.copyOfRange(ascii, d1 + 1, d2), buf);
            byte[] sig = DECODER.decode(Arrays.copyOfRange(ascii, d2 + 1, n));
            if (sig.length != HmacSha256.MAC_LENGTH) {
                return false;
            }
            System.arraycopy(sig, 0, buf, macAt + HmacSha256.MAC_LENGTH, HmacSha256.MAC_LENGTH);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!claimsOk(buf, 0, jsonLen, ctx)) {
            return false;
        }
        Secret secret = ctx.secret();
        if (secret == null) {
            return true;
        }
        keys(secret).mac(ascii, 0, d2, buf, macAt);
        int diff = 0; // constant time, as MessageDigest.isEqual
        for (int i = 0; i < HmacSha256.MAC_LENGTH; i++) {
            diff |= buf[macAt + i] ^ buf[macAt + HmacSha256.MAC_LENGTH + i];
        }
        return diff == 0;
    }

    /**
     * What strict base64url (RFC 7515 §2, RFC 4648 §3.5) asks of {@code b[from, to)} beyond the
     * alphabet: a length that is not 1 modulo 4, no padding, and zero unused bits in the last
     * character (the canonical encoding).
     */
    private static boolean strictEnd(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 0 || n % 4 == 1) {
            return false;
        }
        int v = Base64Url.valueOf(b[to - 1]);
        return switch (n % 4) {
            case 2 -> v >= 0 && (v & 0xf) == 0;
            case 3 -> v >= 0 && (v & 0x3) == 0;
            default -> v >= 0;
        };
    }

    private static HmacSha256 keys(Secret secret) {
        Keyed k = last;
        if (k == null || k.secret() != secret) {
            k = new Keyed(secret, HmacKeys.forSecret(secret));
            last = k;
        }
        return k.hmac();
    }

    /**
     * Scans the claims object once. Slots hold, per known claim, where its value starts and ends
     * (strings without their quotes) and, for integers, the value.
     */
    private static boolean claimsOk(byte[] b, int from, int to, ValidationContext ctx) {
        Slots c = new Slots();
        int p = ws(b, from, to);
        if (p >= to || b[p] != '{') {
            return false;
        }
        p = ws(b, p + 1, to);
        if (p < to && b[p] == '}') {
            return false; // {} lacks the required claims
        }
        while (true) {
            if (p >= to || b[p] != '"') {
                return false;
            }
            int k0 = p + 1;
            int k1 = stringEnd(b, k0, to);
            if (k1 < 0) {
                return false;
            }
            int slot = slot(b, k0, k1);
            p = ws(b, k1 + 1, to);
            if (p >= to || b[p] != ':') {
                return false;
            }
            p = ws(b, p + 1, to);
            if (p >= to || slot == DECLINE) {
                return false;
            }
            int v0;
            int v1;
            boolean str;
            long value = 0;
            if (b[p] == '"') {
                v0 = p + 1;
                v1 = stringEnd(b, v0, to);
                if (v1 < 0) {
                    return false;
                }
                str = true;
                p = v1 + 1;
            } else if (b[p] >= '0' && b[p] <= '9') {
                v0 = p;
                if (b[p] == '0' && p + 1 < to && b[p + 1] >= '0' && b[p + 1] <= '9') {
                    return false; // a leading zero is not JSON
                }
                while (p < to && b[p] >= '0' && b[p] <= '9') {
                    value = value * 10 + (b[p] - '0');
                    p++;
                }
                v1 = p;
                if (v1 - v0 > MAX_DIGITS || (p < to && (b[p] == '.' || b[p] == 'e' || b[p] == 'E'))) {
                    return false;
                }
                str = false;
            } else {
                return false; // negative, fraction-only, true/false/null, NaN, object, array
            }
            if (slot == OTHER_NUMBER && str) {
                return false;
            }
            if (slot < SLOTS) {
                if (c.has(slot)) {
                    return false; // a duplicate: the full rules read the last one
                }
                c.start[slot] = v0;
                c.end[slot] = v1;
                c.present |= 1 << slot;
                c.num[slot] = value;
                if (str) {
                    c.strings |= 1 << slot;
                }
            }
            p = ws(b, p, to);
            if (p >= to) {
                return false;
            }
            if (b[p] == '}') {
                if (ws(b, p + 1, to) != to) {
                    return false;
                }
                break;
            }
            if (b[p] != ',') {
                return false;
            }
            p = ws(b, p + 1, to);
        }
        return rulesOk(b, c, ctx);
    }

    /** Presence, types, time and context, as the full rules apply them to a clean claims object. */
    private static boolean rulesOk(byte[] b, Slots c, ValidationContext ctx) {
        int[] start = c.start;
        int[] end = c.end;
        long[] num = c.num;
        boolean app = c.has(APP_KEY);
        boolean sdk = c.has(SDK_KEY);
        if ((app && !c.isString(APP_KEY)) || (sdk && !c.isString(SDK_KEY))) {
            return false; // MISSING_CLAIM: a key of another type
        }
        if (app && sdk && !same(b, start[APP_KEY], end[APP_KEY], start[SDK_KEY], end[SDK_KEY])) {
            return false; // KEY_MISMATCH
        }
        boolean web = ctx.profile() == Profile.MEETING_WEB;
        if (web ? !(app || sdk) || !c.has(MN) || !c.has(ROLE) : !app || !c.has(TOKEN_EXP)) {
            return false; // MISSING_CLAIM
        }
        if (!c.has(IAT) || !c.has(EXP) || c.isString(IAT) || c.isString(EXP)
                || (c.has(TOKEN_EXP) && c.isString(TOKEN_EXP))) {
            return false; // MISSING_CLAIM or NON_NUMERIC_CLAIM
        }
        if (c.has(ROLE) && (c.isString(ROLE) || num[ROLE] > 1)) {
            return false; // ROLE_NOT_NUMBER or ROLE_OUT_OF_RANGE
        }
        if (c.has(MN)) {
            if (!c.isString(MN) || end[MN] - start[MN] == 0 || !digits(b, start[MN], end[MN])) {
                return false; // MN_IS_NUMBER (a warning) or MN_TYPE
            }
            String joined = ctx.meetingNumber();
            if (joined != null && !equalsAscii(b, start[MN], end[MN], joined)) {
                return false; // MN_MISMATCH
            }
        }
        long[] t = TIMES.get();
        t[0] = num[IAT];
        t[1] = num[EXP];
        return timesOk(num[IAT], num[EXP], c.has(TOKEN_EXP) ? num[TOKEN_EXP] : -1, ctx);
    }

    /**
     * The time rules on whole-second NumericDates {@code iat}, {@code exp} (and {@code tokenExp},
     * or -1) against the validator's clock {@code now = s + f} (whole seconds {@code s}, fraction
     * {@code 0 <= f < 1}): for integers, {@code iat - now > leeway} exactly when
     * {@code iat - leeway - s > 0}, and {@code now >= exp} exactly when {@code s >= exp}.
     * {@code TOKENEXP_TOO_SOON} ({@code tokenExp - max(iat, now) < 1800}) is checked against
     * {@code now} rounded up, which can only decline a token the full rules would accept, never
     * the reverse.
     */
    static boolean timesOk(long iat, long exp, long tokenExp, ValidationContext ctx) {
        if (iat > MILLIS_THRESHOLD || exp > MILLIS_THRESHOLD || tokenExp > MILLIS_THRESHOLD) {
            return false; // NUMERIC_DATE_IN_MILLISECONDS
        }
        long s = ctx.now().getEpochSecond();
        if (iat - ctx.iatLeewaySeconds() - s > 0) {
            return false; // IAT_IN_FUTURE
        }
        if (s >= exp) {
            return false; // EXPIRED
        }
        long life = exp - iat;
        if (life <= MIN_LIFETIME || life > MAX_LIFETIME) {
            return false; // EXP_TOO_SOON, EXP_AT_MIN_BOUNDARY (warning), EXP_TOO_FAR
        }
        if (tokenExp >= 0) {
            if (tokenExp > exp) {
                return false; // TOKENEXP_AFTER_EXP (warning)
            }
            long nowUp = ctx.now().getNano() == 0 ? s : s + 1;
            if (ctx.profile() == Profile.MEETING_NATIVE && tokenExp - Math.max(iat, nowUp) < MIN_LIFETIME) {
                return false; // TOKENEXP_TOO_SOON
            }
        }
        return true;
    }

    /** Where each known claim's value is (0 = absent), its integer value, and which are strings. */
    private static final class Slots {
        final int[] start = new int[SLOTS];
        final int[] end = new int[SLOTS];
        final long[] num = new long[SLOTS];
        int strings;
        int present;

        boolean has(int slot) {
            return (present & (1 << slot)) != 0;
        }

        boolean isString(int slot) {
            return (strings & (1 << slot)) != 0;
        }
    }

    private static int slot(byte[] b, int k0, int k1) {
        int len = k1 - k0;
        switch (len) {
            case 2:
                if (b[k0] == 'm' && b[k0 + 1] == 'n') {
                    return MN;
                }
                break;
            case 3:
                if (is(b, k0, "iat")) {
                    return IAT;
                }
                if (is(b, k0, "exp")) {
                    return EXP;
                }
                if (is(b, k0, "tpc") || is(b, k0, "iss")) {
                    return DECLINE;
                }
                break;
            case 4:
                if (is(b, k0, "role")) {
                    return ROLE;
                }
                break;
            case 6:
                if (is(b, k0, "appKey")) {
                    return APP_KEY;
                }
                if (is(b, k0, "sdkKey")) {
                    return SDK_KEY;
                }
                break;
            case 7:
                if (is(b, k0, "app_key")) {
                    return DECLINE;
                }
                if (is(b, k0, "version")) {
                    return OTHER_NUMBER;
                }
                break;
            case 8:
                if (is(b, k0, "tokenExp")) {
                    return TOKEN_EXP;
                }
                break;
            case 9:
                if (is(b, k0, "role_type")) {
                    return DECLINE;
                }
                break;
            default:
                break;
        }
        for (String other : ClaimRules.OTHER_NUMERIC) {
            if (other.length() == len && is(b, k0, other)) {
                return OTHER_NUMBER;
            }
        }
        return UNKNOWN;
    }

    private static boolean is(byte[] b, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (b[at + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the closing quote of a string starting at {@code from}, or -1 when it has an
     * escape, a control character or a non-ASCII byte (the full rules decide those).
     */
    private static int stringEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c < 0x20 || c == '\\' || c == 0x7f) {
                return -1; // negative bytes (non-ASCII) are < 0x20 too
            }
        }
        return -1;
    }

    private static int ws(byte[] b, int p, int to) {
        while (p < to && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r')) {
            p++;
        }
        return p;
    }

    private static boolean digits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean same(byte[] b, int a0, int a1, int b0, int b1) {
        if (a1 - a0 != b1 - b0) {
            return false;
        }
        for (int i = 0; i < a1 - a0; i++) {
            if (b[a0 + i] != b[b0 + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsAscii(byte[] b, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
