package io.sigload.validate;

import static io.sigload.validate.TestTokens.HS256;
import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.SECRET_TEXT;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.enc;
import static io.sigload.validate.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.token.Base64Url;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BAD_SIGNATURE and the hints that explain it (RFC 7518 §3.2; cases README "Hints"). */
class SignatureRulesTest {
    private static final String CLAIMS = TestTokens.webClaims(Long.toString(NOW - 30), Long.toString(NOW + 7170));

    private static ValidationContext ctx(Secret secret, List<Secret> alternatives) {
        return new ValidationContext(Profile.MEETING_WEB, secret, alternatives, Instant.ofEpochSecond(NOW), 0, null,
                null, null);
    }

    private static Verdict withKey(byte[] key, ValidationContext c) {
        return check(sign(HS256, CLAIMS, key), c);
    }

    @Test
    void badSignature_whenSignedWithAnotherSecret_noHintWithoutAlternatives() {
        Verdict v = withKey("some-other-secret".getBytes(StandardCharsets.UTF_8), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.BAD_SIGNATURE);
        assertThat(v.hints()).isEmpty();
    }

    @Test
    void wrongSecret_whenMacMatchesAnAlternativeSecret() {
        Secret oauth = Secret.of("OAuthClientSecretValue0123", "env OAUTH_SECRET");
        Verdict v = withKey("OAuthClientSecretValue0123".getBytes(StandardCharsets.UTF_8),
                ctx(TestTokens.SECRET, List.of(Secret.of("unrelated-one", "x"), oauth)));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.BAD_SIGNATURE);
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.WRONG_SECRET);
        assertThat(v.hints().get(0).message()).contains("#2", "env OAUTH_SECRET").doesNotContain("OAuthClient");
        assertThat(v.hints().get(0).details()).containsKey("fix");
    }

    @Test
    void keyEncoding_whenSecretWasBase64Decoded() {
        Secret s = Secret.of("PlaceholderSdkSecretValue0000XYZ", "test");
        Verdict v = withKey(Base64.getDecoder().decode("PlaceholderSdkSecretValue0000XYZ"), ctx(s, List.of()));
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.KEY_ENCODING);
        assertThat(v.hints().get(0).message()).contains("base64-decoded");
    }

    @Test
    void keyEncoding_whenSecretWasHexDecoded() {
        Secret s = Secret.of("00a1b2c3d4e5f60718293a4b5c6d7e8f", "test");
        Verdict v = withKey(HexFormat.of().parseHex("00a1b2c3d4e5f60718293a4b5c6d7e8f"), ctx(s, List.of()));
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.KEY_ENCODING);
        assertThat(v.hints().get(0).message()).contains("hex-decoded");
    }

    @Test
    void keyEncoding_whenSecretWasTrimmed() {
        Secret s = Secret.of(" spaced-secret-value ", "test");
        Verdict v = withKey("spaced-secret-value".getBytes(StandardCharsets.UTF_8), ctx(s, List.of()));
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.KEY_ENCODING);
        assertThat(v.hints().get(0).message()).contains("trimmed");
    }

    @Test
    void keyEncoding_whenSecretKeptItsTrailingNewline() {
        Verdict v = withKey((SECRET_TEXT + "\n").getBytes(StandardCharsets.UTF_8), TestTokens.web());
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.KEY_ENCODING);
        assertThat(v.hints().get(0).message()).contains("trailing newline");
    }

    @Test
    void hexEncodedMac_whenSignatureIsTheMacInHex() {
        String input = enc(HS256) + "." + enc(CLAIMS);
        String hex = HexFormat.of().formatHex(TestTokens.mac(SECRET_TEXT.getBytes(StandardCharsets.UTF_8), input));
        Verdict v = check(input + "." + hex, TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.BAD_SIGNATURE);
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.HEX_ENCODED_MAC);
        assertThat(v.hints().get(0).details()).containsEntry("hexMatches", true);
    }

    @Test
    void withoutSecret_everythingButTheMacIsChecked() {
        ValidationContext noSecret = ctx(null, List.of());
        Verdict v = withKey("anything".getBytes(StandardCharsets.UTF_8), noSecret);
        assertThat(v.valid()).isTrue();
    }

    @Test
    void macIsComputedOverTheReceivedBytes() {
        String good = sign(CLAIMS);
        String[] p = good.split("\\.");
        String reencoded = enc(HS256.replace(",", ", ")) + "." + p[1] + "." + p[2];
        assertThat(check(reencoded, TestTokens.web()).errorCodes()).containsExactly(ReasonCode.BAD_SIGNATURE);
    }

    /** An em space (U+2003) inside the payload segment: the MAC covers the received text's UTF-8 bytes. */
    private static String withEmSpaceInPayload() {
        String payload = enc(CLAIMS);
        return enc(HS256) + "." + payload.substring(0, 10) + "\u2003" + payload.substring(10);
    }

    @Test
    void emSpaceInPayload_macOverUtf8Bytes_isNonBase64UrlOnly() {
        String input = withEmSpaceInPayload();
        String token = input + "." + Base64Url.encode(TestTokens.mac(SECRET_TEXT.getBytes(StandardCharsets.UTF_8),
                input.getBytes(StandardCharsets.UTF_8)));
        assertThat(TestTokens.errors(token, TestTokens.web())).containsExactly(ReasonCode.NON_BASE64URL);
    }

    @Test
    void emSpaceInPayload_macOverQuestionMark_isBadSignature() {
        String input = withEmSpaceInPayload();
        String token = input + "." + Base64Url.encode(TestTokens.mac(SECRET_TEXT.getBytes(StandardCharsets.UTF_8),
                input.replace('\u2003', '?').getBytes(StandardCharsets.UTF_8)));
        assertThat(TestTokens.errors(token, TestTokens.web()))
                .containsExactlyInAnyOrder(ReasonCode.NON_BASE64URL, ReasonCode.BAD_SIGNATURE);
    }
}
