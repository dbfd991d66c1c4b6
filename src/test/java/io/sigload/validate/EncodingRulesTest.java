package io.sigload.validate;

import static io.sigload.validate.TestTokens.SECRET_TEXT;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.enc;
import static io.sigload.validate.TestTokens.errors;
import static io.sigload.validate.TestTokens.message;
import static io.sigload.validate.TestTokens.sign;
import static io.sigload.validate.TestTokens.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.token.Base64Url;
import io.sigload.token.CompactJws;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Form and header rules: RFC 7515 §2 and §7.1, RFC 7519 §7.2, Zoom's HS256 header. */
class EncodingRulesTest {
    private static final byte[] KEY = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", ".eyJ9.", "eyJhbGciOiJIUzI1NiJ9..sig", "....."})
    void malformedToken_whenNotThreeSegments(String token) {
        assertThat(errors(token, TestTokens.web())).containsExactly(ReasonCode.MALFORMED_TOKEN);
    }

    @Test
    void malformedToken_whenOverSizeLimit_withoutDecoding() {
        String huge = "eyJ" + "A".repeat(CompactJws.MAX_TOKEN_CHARS) + ".e30.sig";
        Verdict v = check(huge, TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MALFORMED_TOKEN);
        assertThat(message(v, ReasonCode.MALFORMED_TOKEN)).contains("over the limit");
    }

    @Test
    void nonBase64url_whenSignatureHasPadding_macStillChecked() {
        String t = web(-30, 7200);
        t = t + "=";
        Verdict v = check(t, TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.NON_BASE64URL)).contains("signature segment", "'='");
    }

    @Test
    void nonBase64url_whenPayloadUsesStandardAlphabet() {
        String payload = TestTokens.webClaims("1699999970", "1700007170").replace("KeyAbc01", "Key>>>??");
        String standard = Base64.getEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        assertThat(standard).containsAnyOf("+", "/");
        String input = enc(TestTokens.HS256) + "." + standard;
        String t = input + "." + Base64Url.encode(TestTokens.mac(KEY, input));
        assertThat(errors(t, TestTokens.web())).containsExactly(ReasonCode.NON_BASE64URL);
    }

    @Test
    void malformedJson_whenPayloadIsNotAnObject() {
        assertThat(errors(sign(TestTokens.HS256, "[1,2]", KEY), TestTokens.web()))
                .containsExactly(ReasonCode.MALFORMED_JSON);
        assertThat(errors(sign(TestTokens.HS256, "{\"iat\":", KEY), TestTokens.web()))
                .containsExactly(ReasonCode.MALFORMED_JSON);
    }

    @Test
    void malformedJson_whenHeaderIsNotJson_signatureNotChecked() {
        String t = sign("not json", TestTokens.webClaims("1699999970", "1700007170"), "other".getBytes());
        assertThat(errors(t, TestTokens.web())).containsExactly(ReasonCode.MALFORMED_JSON);
    }

    @ParameterizedTest(name = "header {0}")
    @ValueSource(strings = {"{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"typ\":\"JWT\"}", "{\"alg\":\"hs256\",\"typ\":\"JWT\"}",
        "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"alg\":256,\"typ\":\"JWT\"}"})
    void algNotHs256_andSignatureNotChecked(String header) {
        String t = sign(header, TestTokens.webClaims("1699999970", "1700007170"), "wrong".getBytes());
        assertThat(errors(t, TestTokens.web())).containsExactly(ReasonCode.ALG_NOT_HS256);
    }

    @Test
    void typNotJwt_isWarning() {
        Verdict v = check(sign("{\"alg\":\"HS256\",\"typ\":\"JWS\"}", TestTokens.webClaims("1699999970", "1700007170"),
                KEY), TestTokens.web());
        assertThat(v.valid()).isTrue();
        assertThat(v.warnings()).extracting(Violation::code).containsExactly(ReasonCode.TYP_NOT_JWT);
        Verdict absent = check(sign("{\"alg\":\"HS256\"}", TestTokens.webClaims("1699999970", "1700007170"), KEY),
                TestTokens.web());
        assertThat(absent.warnings()).extracting(Violation::code).containsExactly(ReasonCode.TYP_NOT_JWT);
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** The segment with its last character's unused low bits set to 1 (same decoded bytes). */
    private static String nonCanonical(String seg) {
        int v = ALPHABET.indexOf(seg.charAt(seg.length() - 1));
        return seg.substring(0, seg.length() - 1) + ALPHABET.charAt(v + 1);
    }

    @Test
    void nonBase64url_whenSignatureLastCharHasNonZeroUnusedBits_macStillMatches() {
        String t = web(-30, 7200);
        String sig = t.substring(t.lastIndexOf('.') + 1);
        assertThat(sig.length() % 4).isEqualTo(3);
        String bad = t.substring(0, t.lastIndexOf('.') + 1) + nonCanonical(sig);
        assertThat(Base64.getUrlDecoder().decode(nonCanonical(sig)))
                .isEqualTo(Base64.getUrlDecoder().decode(sig));
        Verdict v = check(bad, TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.NON_BASE64URL)).contains("signature segment", "unused bits");
    }

    @ParameterizedTest(name = "payload of length {0} mod 4")
    @ValueSource(ints = {2, 3})
    void nonBase64url_whenPayloadIsNotTheCanonicalEncoding(int mod) {
        String claims = TestTokens.webClaims("1699999970", "1700007170");
        while (enc(claims).length() % 4 != mod) {
            claims = claims.replace("}", " }");
        }
        String input = enc(TestTokens.HS256) + "." + nonCanonical(enc(claims));
        String t = input + "." + Base64Url.encode(TestTokens.mac(KEY, input));
        assertThat(errors(t, TestTokens.web())).containsExactly(ReasonCode.NON_BASE64URL);
    }

    @Test
    void base64UrlStrict_requiresCanonicalLastCharacter() {
        assertThat(Base64Url.isStrict("QQ")).isTrue();
        assertThat(Base64Url.isStrict("QR")).isFalse();
        assertThat(Base64Url.isStrict("QUI")).isTrue();
        assertThat(Base64Url.isStrict("QUJ")).isFalse();
        assertThat(Base64Url.isStrict("QUJD")).isTrue();
        assertThat(Base64Url.decodeStrict("QR")).isEmpty();
        assertThat(Base64Url.decodeLenient("QR")).hasValueSatisfying(
                b -> assertThat(b).containsExactly('A'));
    }
}
