package io.sigload.validate;

import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.hints;
import static io.sigload.validate.TestTokens.sign;
import static io.sigload.validate.TestTokens.webClaims;
import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.sign.IatFormula;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FLOAT_PRECISION_TIME, TIMEZONE_AS_UTC, CLIENT_CLOCK_SKEW (cases README "Hints"; FIELD-NOTES "Java traps"). */
class TimeHintsTest {
    private static String withIat(long iat) {
        return sign(webClaims(Long.toString(iat), Long.toString(iat + 7200)));
    }

    @Test
    void floatPrecisionTime_whenJavaRoundsThroughFloat() {
        // Find an instant where Math.round(ms / (float) 1000) - 30 lands in the future, as in FC-02.
        long ms = NOW * 1000;
        long iat;
        do {
            ms += 7_919;
            iat = IatFormula.JAVA_FLOAT_ROUND_MINUS_30.iat(ms).longValue();
        } while (iat <= ms / 1000);
        Verdict v = check(withIat(iat), TestTokens.ctx(Profile.MEETING_WEB, ms / 1000));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.IAT_IN_FUTURE);
        assertThat(v.hints()).extracting(Violation::code).contains(ReasonCode.FLOAT_PRECISION_TIME)
                .doesNotContain(ReasonCode.CLIENT_CLOCK_SKEW);
    }

    @Test
    void noFloatHint_whenIatIsNotOnA128Step() {
        assertThat(hints(withIat(1_700_000_129L), TestTokens.ctx(Profile.MEETING_WEB, 1_700_000_100L)))
                .containsExactly(ReasonCode.CLIENT_CLOCK_SKEW);
    }

    @Test
    void timezoneAsUtc_whenIatIsTwoHoursAhead() {
        assertThat(hints(withIat(NOW + 7200 - 30 + 1), TestTokens.web())).containsExactly(ReasonCode.TIMEZONE_AS_UTC);
    }

    @Test
    void timezoneAsUtc_whenTokenExpiredBecauseIatIsFiveHoursAndAHalfBehind() {
        Verdict v = check(withIat(NOW - 19_800 - 31), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.EXPIRED);
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.TIMEZONE_AS_UTC);
        assertThat(v.hints().get(0).message()).contains("5 h 30 min");
    }

    @Test
    void noTimezoneHint_whenTwoHourTokenIsChecked60sAfterExpiry() {
        Verdict v = check(withIat(NOW - 7260), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.EXPIRED);
        assertThat(v.hints()).isEmpty();
    }

    @ParameterizedTest(name = "now - exp = {0} s")
    @ValueSource(longs = {1, 60, 300, 700, 1200, 2500, 5000})
    void noTimezoneHint_whenOvershootIsNotQuarterHours_evenIfNowMinusIatIs(long overshoot) {
        // exp = iat + lifetime; pick the lifetime so that now - iat is a whole number of quarter hours
        // (or not), and the overshoot now - exp is not.
        long iat = NOW - 4 * 3600;
        long exp = NOW - overshoot;
        Verdict v = check(sign(webClaims(Long.toString(iat), Long.toString(exp))), TestTokens.web());
        assertThat(v.errorCodes()).contains(ReasonCode.EXPIRED);
        assertThat(v.hints()).extracting(Violation::code).doesNotContain(ReasonCode.TIMEZONE_AS_UTC);
    }

    @Test
    void timezoneAsUtc_whenExpiryOvershootIsAnHour_namesTheOvershoot() {
        long iat = NOW - 3600 - 7000;
        Verdict v = check(sign(webClaims(Long.toString(iat), Long.toString(iat + 7000))), TestTokens.web());
        assertThat(v.errorCodes()).containsExactly(ReasonCode.EXPIRED);
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.TIMEZONE_AS_UTC);
        assertThat(v.hints().get(0).message()).startsWith("exp is 3600 s behind").contains("about 1 h");
    }

    @Test
    void clientClockSkew_whenIatIsAFewMinutesAhead() {
        Verdict v = check(withIat(NOW + 187), TestTokens.web());
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.CLIENT_CLOCK_SKEW);
        assertThat(v.hints().get(0).message()).contains("187 s ahead");
        assertThat((String) v.hints().get(0).details().get("fix")).isNotBlank();
    }

    @Test
    void noHints_forAValidToken() {
        assertThat(hints(withIat(NOW - 30), TestTokens.web())).isEmpty();
    }
}
