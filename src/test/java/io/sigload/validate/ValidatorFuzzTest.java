package io.sigload.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.token.Base64Url;
import io.sigload.token.CompactJws;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Never crash: 120,000 generated and mutated tokens (truncated, re-encoded, bit-flipped, huge,
 * deeply nested JSON, unicode, duplicate claims, numbers beyond long, empty segments, legacy-
 * looking strings) under random profiles and contexts. Every verdict is made of known codes, each
 * once, on the list of its severity; nothing throws, including inside the guard
 * ({@code validateUnguarded}). Seeded, so a failure repeats; no wall-clock assertions.
 */
class ValidatorFuzzTest {
    private static final long SEED = 0x5EED_2026L;
    private static final int TOKENS = 120_000;
    private static final String[] KEYS = {"appKey", "sdkKey", "mn", "role", "iat", "exp", "tokenExp", "app_key",
        "role_type", "tpc", "version", "iss", "video_webrtc_mode", "alg", "typ"};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "1700000000", "1700000000.5", "1.7e9", "1e999999999",
        "1e-999999999", "-1e999999999", "99999999999999999999999999", "9223372036854775808", "-9223372036854775809",
        "1700000000000", "0.000000000000000000000000000000001", "NaN", "Infinity", "-Infinity", "1E+2", "5e-324",
        "123456789012345678901234567890.123456789012345678901234567890"};
    private static final String[] STRINGS = {"\"\"", "\"98765432101\"", "\"1700000000\"", "\"\\u0000\"", "\"é€𝄞\"",
        "\"\\ud800\"", "\"HS256\"", "\"JWT\"", "\"none\"", "\"987 6543 2101\"", "\"KeyAbc01\""};

    @Test
    void neverThrows_andEveryVerdictIsMadeOfKnownCodes() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> seeds = seeds();
        Set<ReasonCode> seen = EnumSet.noneOf(ReasonCode.class);
        for (int i = 0; i < TOKENS; i++) {
            String token = token(rnd, seeds);
            ValidationContext ctx = context(rnd);
            Verdict v;
            try {
                v = ZoomValidator.INSTANCE.validateUnguarded(token, ctx);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("token #" + i + " threw " + e + ": " + abbreviate(token), e);
            }
            assertWellFormed(v, i, token);
            v.errors().forEach(x -> seen.add(x.code()));
            if (token != null && token.length() > CompactJws.MAX_TOKEN_CHARS) {
                assertThat(v.errorCodes()).containsExactly(ReasonCode.MALFORMED_TOKEN);
            }
        }
        assertThat(seen).as("the generator reaches most error rules").hasSizeGreaterThanOrEqualTo(15);
    }

    private static void assertWellFormed(Verdict v, int i, String token) {
        if (v == null) {
            throw new AssertionError("token #" + i + " got no verdict: " + abbreviate(token));
        }
        check(v.errors(), Severity.ERROR, i, token);
        check(v.warnings(), Severity.WARNING, i, token);
        check(v.hints(), Severity.HINT, i, token);
        if (v.valid() != v.errors().isEmpty()) {
            throw new AssertionError("token #" + i + ": valid() disagrees with errors");
        }
    }

    private static void check(List<Violation> list, Severity severity, int i, String token) {
        Set<ReasonCode> codes = EnumSet.noneOf(ReasonCode.class);
        for (Violation x : list) {
            if (x.code() == null || x.code().severity() != severity || !codes.add(x.code()) || x.message() == null
                    || x.message().isBlank()) {
                throw new AssertionError("token #" + i + ": bad violation " + x + " for " + abbreviate(token));
            }
        }
    }

    static List<String> seeds() {
        List<String> s = new ArrayList<>();
        s.add(TestTokens.web(-30, 7200));
        s.add(TestTokens.sign("{\"appKey\":\"KeyAbc01\",\"iat\":1699999970,\"exp\":1700007170,\"tokenExp\":1700007170}"));
        s.add(TestTokens.sign("{\"app_key\":\"V\",\"role_type\":1,\"tpc\":\"t\",\"version\":1,\"iat\":1699999970,"
                + "\"exp\":1700007170}"));
        s.add(LegacyRulesTest.legacy("KeyAbc01", "98765432101", 1_699_999_970_000L, "0", TestTokens.SECRET_TEXT));
        s.add("Abc123PlaceholderKey01.98765432101.1700000000.0.Hw+Q+g7jiY6XVAkurx4sgIRTaZe3R/LaMPOHNlSyuws=");
        return s;
    }

    static ValidationContext context(SplittableRandom r) {
        Profile p = Profile.values()[r.nextInt(Profile.values().length)];
        Secret secret = r.nextInt(5) == 0 ? null : TestTokens.SECRET;
        List<Secret> alts = r.nextInt(4) == 0 ? List.of(Secret.of("alt-secret-1", "alt")) : List.of();
        long now = 1_700_000_000L + r.nextLong(-200_000, 200_000);
        return new ValidationContext(p, secret, alts, Instant.ofEpochSecond(now, r.nextInt(3) == 0 ? r.nextInt(1_000_000_000) : 0),
                r.nextInt(3) == 0 ? r.nextLong(0, 120) : 0, r.nextBoolean() ? "98765432101" : null, null,
                r.nextBoolean() ? "T" : null);
    }

    static String token(SplittableRandom r, List<String> seeds) {
        return switch (r.nextInt(12)) {
            case 0 -> truncate(r, seeds.get(r.nextInt(seeds.size())));
            case 1, 2 -> flip(r, seeds.get(r.nextInt(seeds.size())));
            case 3, 4, 5 -> TestTokens.sign(TestTokens.HS256, json(r, 0), TestTokens.SECRET_TEXT.getBytes(StandardCharsets.UTF_8));
            case 6 -> reencode(r, seeds.get(r.nextInt(seeds.size())));
            case 7 -> r.nextInt(50) == 0 ? "eyJ" + "A".repeat(CompactJws.MAX_TOKEN_CHARS + r.nextInt(1000)) + ".e30.x"
                    : emptySegments(r);
            case 8 -> legacyLooking(r);
            case 9 -> unicode(r);
            case 10 -> TestTokens.sign(TestTokens.HS256, nested(r), TestTokens.SECRET_TEXT.getBytes(StandardCharsets.UTF_8));
            default -> TestTokens.enc(json(r, 0)) + "." + TestTokens.enc(json(r, 0)) + "." + Base64Url.encode(bytes(r));
        };
    }

    private static String truncate(SplittableRandom r, String s) {
        return s.substring(0, r.nextInt(s.length() + 1));
    }

    private static String flip(SplittableRandom r, String s) {
        char[] c = s.toCharArray();
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && c.length > 0; k++) {
            int at = r.nextInt(c.length);
            c[at] = switch (r.nextInt(4)) {
                case 0 -> (char) (c[at] ^ (1 << r.nextInt(7)));
                case 1 -> ".=+/ \n".charAt(r.nextInt(6));
                case 2 -> (char) r.nextInt(0x20, 0x7f);
                default -> (char) r.nextInt(0x80, 0xFFFF);
            };
        }
        return new String(c);
    }

    private static String reencode(SplittableRandom r, String s) {
        String[] p = s.split("\\.", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < p.length; i++) {
            byte[] raw = Base64Url.decodeLenient(p[i]).orElse(p[i].getBytes(StandardCharsets.UTF_8));
            String e = switch (r.nextInt(3)) {
                case 0 -> Base64.getEncoder().encodeToString(raw);
                case 1 -> Base64.getUrlEncoder().encodeToString(raw);
                default -> Base64.getMimeEncoder().encodeToString(raw);
            };
            b.append(i == 0 ? "" : ".").append(e);
        }
        return b.toString();
    }

    private static String emptySegments(SplittableRandom r) {
        String[] forms = {"..", ".", "a..", "..b", "e30..", ".e30.", "e30.e30.", "e30.e30..", "...", "e30.e30.e30.e30"};
        return forms[r.nextInt(forms.length)];
    }

    private static String legacyLooking(SplittableRandom r) {
        String s = "Key" + r.nextInt(100) + "." + r.nextLong(0, Long.MAX_VALUE) + "." + r.nextLong(0, 2_000_000_000_000L)
                + "." + r.nextInt(-2, 12) + "." + Base64.getEncoder().encodeToString(bytes(r));
        if (r.nextInt(3) == 0) {
            s = s.replace(".", r.nextBoolean() ? ".." : ".x.");
        }
        return r.nextBoolean() ? s : Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unicode(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(200);
        for (int i = 0; i < n; i++) {
            b.appendCodePoint(r.nextInt(3) == 0 ? '.' : r.nextInt(0x20, 0x2FFFF));
        }
        return b.toString();
    }

    private static byte[] bytes(SplittableRandom r) {
        byte[] b = new byte[r.nextInt(0, 70)];
        r.nextBytes(b);
        return b;
    }

    /** A random JSON object with Zoom-ish keys (duplicates allowed) and odd values. */
    private static String json(SplittableRandom r, int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(10);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":").append(value(r, depth));
        }
        return b.append('}').toString();
    }

    private static String value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 3 ? 4 : 6)) {
            case 0, 1 -> NUMBERS[r.nextInt(NUMBERS.length)];
            case 2 -> STRINGS[r.nextInt(STRINGS.length)];
            case 3 -> Long.toString(1_700_000_000L + r.nextLong(-100_000, 200_000));
            case 4 -> json(r, depth + 1);
            default -> "[" + value(r, depth + 1) + "]";
        };
    }

    private static String nested(SplittableRandom r) {
        int depth = r.nextInt(1, 400);
        return "{\"iat\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"mn\":" + "{\"a\":".repeat(depth) + "1"
                + "}".repeat(depth) + "}";
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
