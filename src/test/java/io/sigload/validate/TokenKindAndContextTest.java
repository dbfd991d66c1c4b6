package io.sigload.validate;

import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.errors;
import static io.sigload.validate.TestTokens.message;
import static io.sigload.validate.TestTokens.sign;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WRONG_TOKEN_KIND, MN_MISMATCH, TPC_MISMATCH (cases README). */
class TokenKindAndContextTest {
    private static final String TIMES = "\"iat\":" + (NOW - 30) + ",\"exp\":" + (NOW + 7170);
    private static final String VIDEO = "{\"app_key\":\"VidKey01\",\"role_type\":1,\"tpc\":\"Team-Standup\","
            + "\"version\":1," + TIMES + "}";
    private static final String WEB = TestTokens.webClaims(Long.toString(NOW - 30), Long.toString(NOW + 7170));

    private static ValidationContext join(Profile p, String meetingNumber, String session) {
        return new ValidationContext(p, TestTokens.SECRET, List.of(), Instant.ofEpochSecond(NOW), 0, meetingNumber,
                0, session);
    }

    @Test
    void wrongTokenKind_whenRestApiJwtIsUsedForMeetingSdk() {
        Verdict v = check(sign("{\"iss\":\"ApiKey01\",\"exp\":" + (NOW + 60) + "}"), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.WRONG_TOKEN_KIND);
        assertThat(message(v, ReasonCode.WRONG_TOKEN_KIND)).contains("REST API");
    }

    @Test
    void wrongTokenKind_whenVideoSdkTokenIsUsedForMeetingSdk() {
        Verdict v = check(sign(VIDEO), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.WRONG_TOKEN_KIND);
        assertThat(message(v, ReasonCode.WRONG_TOKEN_KIND)).contains("Video SDK");
    }

    @Test
    void wrongTokenKind_whenMeetingSdkTokenIsUsedForVideoSdk() {
        assertThat(errors(sign(WEB), TestTokens.ctx(Profile.VIDEO))).containsExactly(ReasonCode.WRONG_TOKEN_KIND);
    }

    @Test
    void wrongTokenKind_whenJwtIsCheckedAsLegacy() {
        assertThat(errors(sign(WEB), TestTokens.ctx(Profile.LEGACY))).containsExactly(ReasonCode.WRONG_TOKEN_KIND);
    }

    @Test
    void wrongTokenKindAndBadSignature_whenJwtWithWrongSecretIsCheckedAsLegacy() {
        String t = TestTokens.sign(TestTokens.HS256, WEB,
                "another-secret-entirely".getBytes(StandardCharsets.UTF_8));
        assertThat(errors(t, TestTokens.ctx(Profile.LEGACY)))
                .containsExactlyInAnyOrder(ReasonCode.WRONG_TOKEN_KIND, ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void videoToken_isValidForVideo() {
        assertThat(check(sign(VIDEO), join(Profile.VIDEO, null, "team-standup")).valid()).isTrue();
    }

    @Test
    void mnMismatch_whenJoinedMeetingDiffers() {
        Verdict v = check(sign(WEB), join(Profile.MEETING_WEB, "98765432100", null));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MN_MISMATCH);
        assertThat(message(v, ReasonCode.MN_MISMATCH)).contains("98765432101", "98765432100");
        assertThat(errors(sign(WEB), join(Profile.MEETING_WEB, "98765432101", null))).isEmpty();
    }

    @Test
    void mnMismatch_comparesANumericMnAsDigits() {
        String t = sign(WEB.replace("\"98765432101\"", "98765432101"));
        assertThat(errors(t, join(Profile.MEETING_WEB, "98765432101", null))).isEmpty();
    }

    @Test
    void tpcMismatch_whenSessionNameDiffers_caseInsensitive() {
        assertThat(errors(sign(VIDEO), join(Profile.VIDEO, null, "TEAM-STANDUP"))).isEmpty();
        Verdict v = check(sign(VIDEO), join(Profile.VIDEO, null, "team-retro"));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.TPC_MISMATCH);
    }
}
