package io.sigload.validate;

import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.errors;
import static io.sigload.validate.TestTokens.message;
import static io.sigload.validate.TestTokens.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.token.Secret;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens pasted with something around them, and segments that are not base64url at all (issue #11). */
class PastedAndUndecodableTest {
    private static final String GOOD = web(-30, 7200);

    @Test
    void theGoodTokenIsValid() {
        assertThat(check(GOOD, TestTokens.web()).valid()).isTrue();
    }

    @Test
    void bearerPrefix_saysToStripIt() {
        Verdict v = check("Bearer " + GOOD, TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MALFORMED_TOKEN, ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.MALFORMED_TOKEN)).contains("strip the 'Bearer ' prefix");
        assertThat(Fixes.of(v.errors().get(0))).startsWith("Send the token alone: strip the 'Bearer ' prefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"%s\"", "'%s'", "`%s`"})
    void surroundingQuotes_sayToStripThem(String form) {
        Verdict v = check(form.formatted(GOOD), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MALFORMED_TOKEN, ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.MALFORMED_TOKEN)).contains("strip the surrounding quotes");
    }

    @Test
    void whitespaceAndQuotesTogether_areAllNamed() {
        Verdict v = check(" \"" + GOOD + "\"\n", TestTokens.web());
        assertThat(message(v, ReasonCode.MALFORMED_TOKEN)).contains("whitespace").contains("quotes");
    }

    @Test
    void theEndpointsWholeJsonBody_saysToPassTheSignatureField() {
        Verdict v = check("{\"signature\":\"" + GOOD + "\"}", TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MALFORMED_TOKEN, ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.MALFORMED_TOKEN)).contains("whole response body").contains("signature field");
    }

    @Test
    void dotNetUrlTokenEncodeDigit_getsBothCodes_andNamesTheProducer() {
        // UrlTokenEncode: base64url without '=' plus the number of '=' removed, as a digit
        String[] s = GOOD.split("\\.");
        String header = s[0];
        int pad = (4 - header.length() % 4) % 4;
        String dotNet = header + pad + "." + s[1] + "." + s[2];
        Verdict v = check(dotNet, TestTokens.web());
        assertThat(v.errorCodes()).contains(ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.NON_BASE64URL)).contains("HttpServerUtility.UrlTokenEncode");
    }

    @Test
    void anUndecodableSegment_isMalformedAndNotBase64url() {
        String[] s = GOOD.split("\\.");
        // one character more than a multiple of 4 cannot be base64 at all, even leniently
        String bad = s[0] + "." + s[1].substring(0, s[1].length() - (s[1].length() % 4) ) + "A" + "." + s[2];
        if (bad.split("\\.")[1].length() % 4 != 1) {
            bad = s[0] + "." + "A".repeat(4 * 10 + 1) + "." + s[2];
        }
        assertThat(errors(bad, TestTokens.web())).contains(ReasonCode.MALFORMED_TOKEN, ReasonCode.NON_BASE64URL);
    }

    @Test
    void aMaskedToken_namesTheMaskingCharacter() {
        String[] s = GOOD.split("\\.");
        String masked = s[0] + "." + s[1].substring(0, 20) + "********" + "." + s[2];
        Verdict v = check(masked, TestTokens.web());
        assertThat(v.errorCodes()).contains(ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.NON_BASE64URL)).contains("'*'").contains("masking");
    }

    @Test
    void jsonTextInASegment_saysItWasNeverEncoded() {
        String raw = "{\"alg\":\"HS256\"}." + GOOD.split("\\.")[1] + "." + GOOD.split("\\.")[2];
        Verdict v = check(raw, TestTokens.web());
        assertThat(v.errorCodes()).contains(ReasonCode.MALFORMED_TOKEN, ReasonCode.NON_BASE64URL);
        assertThat(message(v, ReasonCode.NON_BASE64URL)).contains("JSON text where base64url belongs");
    }

    @Test
    void missingClaim_fixNamesTheClaim() {
        String t = TestTokens.sign("{\"appKey\":\"K\",\"sdkKey\":\"K\",\"role\":0,\"iat\":1699999970,\"exp\":1700007170}");
        Verdict v = check(t, TestTokens.web());
        Violation m = v.errors().stream().filter(x -> x.code() == ReasonCode.MISSING_CLAIM).findFirst().orElseThrow();
        assertThat(Fixes.of(m)).isEqualTo("Add mn (the meeting number's digits, a string) to the payload.");
    }

    @Test
    void hexDecodedSecret_fixIsJsrsasignsUtf8Key() {
        String hexSecret = "5f3a9c0b7e2d4816a3c5e7f90b1d2f4a";
        byte[] decoded = HexFormat.of().parseHex(hexSecret);
        String t = TestTokens.sign(TestTokens.HS256, TestTokens.webClaims("1699999970", "1700007170"), decoded);
        ValidationContext ctx = new ValidationContext(Profile.MEETING_WEB, Secret.of(hexSecret, "hex"),
                List.of(), Instant.ofEpochSecond(TestTokens.NOW), 0, null, null, null);
        Violation k = check(t, ctx).hints().stream().filter(x -> x.code() == ReasonCode.KEY_ENCODING).findFirst()
                .orElseThrow();
        assertThat(Fixes.of(k)).contains("KJUR.jws.JWS.sign('HS256', header, payload, {utf8: secret})")
                .doesNotContain("no base64 or hex decoding");
    }
}
