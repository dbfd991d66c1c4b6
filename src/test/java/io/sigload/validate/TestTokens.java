package io.sigload.validate;

import io.sigload.token.Base64Url;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for tests, built from readable JSON: {@code sign("{\"iat\":1700000000}")}. The test
 * secret shares no 6-character substring with any claim used in tests.
 */
final class TestTokens {
    static final String SECRET_TEXT = "Qz7-unit-test-secret-wK4vB2mX9rT";
    static final Secret SECRET = Secret.of(SECRET_TEXT, "test secret");
    static final long NOW = 1_700_000_000L;
    static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private TestTokens() {
    }

    /** HS256 token over the given payload JSON, with the test secret. */
    static String sign(String payloadJson) {
        return sign(HS256, payloadJson, SECRET_TEXT.getBytes(StandardCharsets.UTF_8));
    }

    /** A token with any header and payload text, MAC keyed with {@code key}. */
    static String sign(String headerJson, String payloadJson, byte[] key) {
        String input = enc(headerJson) + "." + enc(payloadJson);
        return input + "." + Base64Url.encode(mac(key, input));
    }

    static byte[] mac(byte[] key, String input) {
        return mac(key, input.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] mac(byte[] key, byte[] input) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String enc(String json) {
        return Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A correct meeting-web payload with the given iat and exp (seconds). */
    static String webClaims(String iat, String exp) {
        return "{\"appKey\":\"KeyAbc01\",\"sdkKey\":\"KeyAbc01\",\"mn\":\"98765432101\",\"role\":0,\"iat\":" + iat
                + ",\"exp\":" + exp + ",\"tokenExp\":" + exp + "}";
    }

    /** A correct meeting-web token with iat = NOW + iatOffset and exp = iat + lifetime. */
    static String web(long iatOffset, long lifetime) {
        long iat = NOW + iatOffset;
        return sign(webClaims(Long.toString(iat), Long.toString(iat + lifetime)));
    }

    static ValidationContext ctx(Profile p) {
        return ctx(p, NOW);
    }

    static ValidationContext ctx(Profile p, long now) {
        return new ValidationContext(p, SECRET, List.of(), Instant.ofEpochSecond(now), 0, null, null, null);
    }

    static ValidationContext web() {
        return ctx(Profile.MEETING_WEB);
    }

    /** Validates without the last-resort guard, so a bug surfaces as an exception. */
    static Verdict check(String token, ValidationContext ctx) {
        return ZoomValidator.INSTANCE.validateUnguarded(token, ctx);
    }

    static List<ReasonCode> errors(String token, ValidationContext ctx) {
        return check(token, ctx).errorCodes();
    }

    static List<ReasonCode> warnings(String token, ValidationContext ctx) {
        return check(token, ctx).warnings().stream().map(Violation::code).toList();
    }

    static List<ReasonCode> hints(String token, ValidationContext ctx) {
        return check(token, ctx).hints().stream().map(Violation::code).toList();
    }

    static String message(Verdict v, ReasonCode code) {
        return Stream.of(v.errors(), v.warnings(), v.hints()).flatMap(List::stream)
                .filter(x -> x.code() == code).map(Violation::message).findFirst().orElseThrow();
    }
}
