package io.sigload.validate;

import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.errors;
import static io.sigload.validate.TestTokens.message;
import static io.sigload.validate.TestTokens.sign;
import static io.sigload.validate.TestTokens.web;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Presence and type rules (cases README, "Required claims by profile" and the error table). */
class ClaimRulesTest {
    private static final String TIMES = "\"iat\":" + (NOW - 30) + ",\"exp\":" + (NOW + 7170);

    private static String webWith(String keysMnRole) {
        return sign("{" + keysMnRole + "," + TIMES + "}");
    }

    @Test
    void missingClaim_namesEveryAbsentClaim() {
        Verdict v = check(sign("{\"sdkKey\":\"KeyAbc01\"," + TIMES + "}"), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MISSING_CLAIM);
        assertThat(message(v, ReasonCode.MISSING_CLAIM)).isEqualTo("meeting-web requires mn, role, which are absent");
    }

    @Test
    void missingClaim_whenNeitherAppKeyNorSdkKey() {
        Verdict v = check(webWith("\"mn\":\"1\",\"role\":0"), TestTokens.web());
        assertThat(message(v, ReasonCode.MISSING_CLAIM)).contains("appKey or sdkKey");
    }

    @Test
    void sdkKeyAlone_isEnoughForWeb() {
        assertThat(errors(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"role\":1"), TestTokens.web())).isEmpty();
    }

    @Test
    void missingClaim_nativeRequiresTokenExp() {
        Verdict v = check(sign("{\"appKey\":\"KeyAbc01\"," + TIMES + "}"), TestTokens.ctx(Profile.MEETING_NATIVE));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MISSING_CLAIM);
        assertThat(message(v, ReasonCode.MISSING_CLAIM)).contains("tokenExp");
    }

    @ParameterizedTest(name = "iat = {0}")
    @ValueSource(strings = {"\"1699999970\"", "null", "true", "{}", "[1]", "NaN"})
    void nonNumericClaim_whenIatIsNotANumber(String iat) {
        Verdict v = check(sign(TestTokens.webClaims(iat, Long.toString(NOW + 7200))), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.NON_NUMERIC_CLAIM);
        assertThat(message(v, ReasonCode.NON_NUMERIC_CLAIM)).startsWith("iat is ");
    }

    @Test
    void nonNumericClaim_whenVersionIsAString() {
        String t = sign("{\"app_key\":\"VidKey01\",\"role_type\":1,\"tpc\":\"t\",\"version\":\"1\"," + TIMES + "}");
        assertThat(errors(t, TestTokens.ctx(Profile.VIDEO))).containsExactly(ReasonCode.NON_NUMERIC_CLAIM);
    }

    @ParameterizedTest(name = "exp = {0}")
    @ValueSource(strings = {"1700007200000", "1e12", "-200000000000", "99999999999999999999999999999"})
    void numericDateInMilliseconds_excludesTheClaimFromTimeRules(String exp) {
        Verdict v = check(sign(TestTokens.webClaims(Long.toString(NOW - 30), exp)), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.NUMERIC_DATE_IN_MILLISECONDS);
    }

    @ParameterizedTest(name = "role = {0}")
    @ValueSource(strings = {"\"0\"", "\"1\"", "null", "false"})
    void roleNotNumber(String role) {
        assertThat(errors(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"role\":" + role), TestTokens.web()))
                .containsExactly(ReasonCode.ROLE_NOT_NUMBER);
    }

    @ParameterizedTest(name = "role = {0}")
    @ValueSource(strings = {"2", "-1", "0.5", "1e400", "5"})
    void roleOutOfRange(String role) {
        assertThat(errors(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"role\":" + role), TestTokens.web()))
                .containsExactly(ReasonCode.ROLE_OUT_OF_RANGE);
    }

    @ParameterizedTest(name = "role = {0}")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void nonFiniteRole_isRoleNotNumber(String role) {
        Verdict v = check(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"role\":" + role), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.ROLE_NOT_NUMBER);
        assertThat(message(v, ReasonCode.ROLE_NOT_NUMBER)).contains("not a finite number");
    }

    @ParameterizedTest(name = "role_type = {0}")
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
    void nonFiniteRoleType_isRoleNotNumber(String role) {
        String t = sign("{\"app_key\":\"VidKey01\",\"role_type\":" + role + ",\"tpc\":\"t\",\"version\":1,"
                + TIMES + "}");
        assertThat(errors(t, TestTokens.ctx(Profile.VIDEO))).containsExactly(ReasonCode.ROLE_NOT_NUMBER);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"version, NaN", "version, Infinity", "video_webrtc_mode, NaN", "video_webrtc_mode, -Infinity",
        "audio_webrtc_mode, Infinity", "cloud_recording_option, NaN", "cloud_recording_election, -Infinity"})
    void nonFiniteNumericClaim_isNonNumericClaim(String claim, String value) {
        String t = sign("{\"app_key\":\"VidKey01\",\"role_type\":1,\"tpc\":\"t\",\"version\":1,\"" + claim + "\":"
                + value + "," + TIMES + "}");
        Verdict v = check(t, TestTokens.ctx(Profile.VIDEO));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.NON_NUMERIC_CLAIM);
        assertThat(message(v, ReasonCode.NON_NUMERIC_CLAIM)).isEqualTo(claim + " is " + value
                + ", not a finite number");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"exp, Infinity", "tokenExp, -Infinity", "iat, -Infinity"})
    void nonFiniteNumericDate_isNonNumericClaim(String claim, String value) {
        String claims = TestTokens.webClaims(Long.toString(NOW - 30), Long.toString(NOW + 7170))
                .replaceFirst("\"" + claim + "\":[0-9]+", "\"" + claim + "\":" + value);
        assertThat(claims).contains(value);
        assertThat(errors(sign(claims), TestTokens.web())).containsExactly(ReasonCode.NON_NUMERIC_CLAIM);
    }

    @Test
    void roleTypeOutOfRange_forVideo() {
        String t = sign("{\"app_key\":\"VidKey01\",\"role_type\":3,\"tpc\":\"t\",\"version\":1," + TIMES + "}");
        assertThat(errors(t, TestTokens.ctx(Profile.VIDEO))).containsExactly(ReasonCode.ROLE_OUT_OF_RANGE);
    }

    @ParameterizedTest(name = "mn = {0}")
    @ValueSource(strings = {"9.8765432101e10", "98765432101.0", "-98765432101", "\"987 6543 2101\"", "\"\"",
        "\"+98765432101\"", "true", "{}"})
    void mnType_whenNeitherDigitStringNorNonNegativeInteger(String mn) {
        assertThat(errors(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":" + mn + ",\"role\":0"), TestTokens.web()))
                .containsExactly(ReasonCode.MN_TYPE);
    }

    @ParameterizedTest(name = "mn = {0}")
    @ValueSource(strings = {"-0", "-0.0", "0e0", "1e3", "0E0", "-1", "98765432101e0", "1.0"})
    void mnNumberWithSignExponentOrFraction_isMnType(String mn) {
        Verdict v = check(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":" + mn + ",\"role\":0"), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MN_TYPE);
        assertThat(v.warnings()).extracting(Violation::code).doesNotContain(ReasonCode.MN_IS_NUMBER);
    }

    @Test
    void mnMinusZero_isMnType_evenAsTheLastOfDuplicates() {
        Verdict v = check(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"x\":{\"mn\":5},\"role\":0,\"mn\":-0"),
                TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MN_TYPE);
        assertThat(message(v, ReasonCode.MN_TYPE)).contains("-0");
    }

    @Test
    void mnAsJsonNumber_isWarningNotError() {
        Verdict v = check(webWith("\"sdkKey\":\"KeyAbc01\",\"mn\":98765432101,\"role\":0"), TestTokens.web());
        assertThat(v.valid()).isTrue();
        assertThat(v.warnings()).extracting(Violation::code).containsExactly(ReasonCode.MN_IS_NUMBER);
    }

    @ParameterizedTest(name = "tpc = {0}")
    @ValueSource(strings = {"5", "null", "{\"a\":1}", "[\"t\"]", "true", "1.5"})
    void tpcNotAString_isMissingClaim_notTpcMismatch(String tpc) {
        String t = sign("{\"app_key\":\"VidKey01\",\"role_type\":1,\"tpc\":" + tpc + ",\"version\":1," + TIMES + "}");
        ValidationContext ctx = new ValidationContext(Profile.VIDEO, TestTokens.SECRET, List.of(),
                Instant.ofEpochSecond(NOW), 0, null, null, "other-session");
        Verdict v = check(t, ctx);
        assertThat(v.errorCodes()).containsExactly(ReasonCode.MISSING_CLAIM);
        assertThat(message(v, ReasonCode.MISSING_CLAIM)).startsWith("tpc is ").endsWith(", not a string: no session name");
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "meeting-web|sdkKey|1|\"mn\":\"1\",\"role\":0",
        "meeting-web|sdkKey|null|\"mn\":\"1\",\"role\":0",
        "meeting-web|appKey|null|\"mn\":\"1\",\"role\":0",
        "meeting-web|appKey|12.5|\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"role\":0",
        "meeting-web|sdkKey|1|\"appKey\":\"1\",\"mn\":\"1\",\"role\":0",
        "meeting-native|appKey|null|\"tokenExp\":" + (NOW + 7170),
        "meeting-native|appKey|42|\"tokenExp\":" + (NOW + 7170),
        "meeting-native|sdkKey|false|\"appKey\":\"KeyAbc01\",\"tokenExp\":" + (NOW + 7170),
        "video|app_key|null|\"role_type\":1,\"tpc\":\"t\",\"version\":1",
        "video|app_key|7|\"role_type\":1,\"tpc\":\"t\",\"version\":1"})
    void keyNotAString_isMissingClaim_notKeyMismatch(String profile, String key, String value, String rest) {
        String t = sign("{\"" + key + "\":" + value + "," + rest + "," + TIMES + "}");
        Verdict v = check(t, TestTokens.ctx(Profile.fromWireName(profile).orElseThrow()));
        assertThat(v.errorCodes()).as("%s", v).containsExactly(ReasonCode.MISSING_CLAIM);
        assertThat(message(v, ReasonCode.MISSING_CLAIM)).isEqualTo(key + " is " + value + ", not a string: no SDK key");
    }

    @Test
    void keyMismatch_whenAppKeyAndSdkKeyDiffer() {
        Verdict v = check(webWith("\"appKey\":\"KeyAbc01\",\"sdkKey\":\"OtherKey\",\"mn\":\"1\",\"role\":0"),
                TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.KEY_MISMATCH);
        assertThat(message(v, ReasonCode.KEY_MISMATCH)).contains("\"KeyAbc01\"", "\"OtherKey\"");
    }

    @ParameterizedTest(name = "iat = {0}")
    @CsvSource({"1699999970.123", "1699999970.0", "1.69999997e9"})
    void fractionalNumericDate_isWarningNotError(String iat) {
        Verdict v = check(sign(TestTokens.webClaims(iat, Long.toString(NOW + 7200))), TestTokens.web());
        assertThat(v.valid()).as("%s", v).isTrue();
        assertThat(v.warnings()).extracting(Violation::code).containsExactly(ReasonCode.FRACTIONAL_NUMERIC_DATE);
    }

    @Test
    void severalBrokenRules_areAllReported() {
        String t = sign("{\"appKey\":\"A\",\"sdkKey\":\"B\",\"mn\":\"x\",\"role\":\"0\",\"iat\":\"1\",\"exp\":"
                + (NOW * 1000) + "}");
        assertThat(errors(t, TestTokens.web())).containsExactlyInAnyOrder(ReasonCode.KEY_MISMATCH,
                ReasonCode.NON_NUMERIC_CLAIM, ReasonCode.NUMERIC_DATE_IN_MILLISECONDS, ReasonCode.ROLE_NOT_NUMBER,
                ReasonCode.MN_TYPE);
    }

    @Test
    void validToken_hasNoFindings() {
        assertThat(check(web(-30, 7200), TestTokens.web()).valid()).isTrue();
    }
}
