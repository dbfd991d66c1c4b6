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

    private static String withIatText(String iat) {
        return sign(webClaims(iat, Long.toString(NOW + 7200)));
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
        // one token on the grid is weak evidence: the clock hint stays beside it
        assertThat(v.hints()).extracting(Violation::code).contains(ReasonCode.FLOAT_PRECISION_TIME,
                ReasonCode.CLIENT_CLOCK_SKEW);
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
        // as measured, and under the usual iat = now - 30: a clock 217 s fast gives iat 187 s ahead
        assertThat(v.hints().get(0).message()).contains("iat is 187 s after").contains("about 187 s fast if it sets"
                + " iat = now").contains("about 217 s fast with the usual iat = now - 30");
        assertThat(v.hints().get(0).details()).containsEntry("skewSeconds", 187L).containsEntry("skewSecondsIfMinus30",
                217L);
        assertThat((String) v.hints().get(0).details().get("fix")).isNotBlank();
    }

    @Test
    void roundedSeconds_whenIatIsLessThanASecondAhead() {
        Verdict v = check(withIat(NOW + 1), TestTokens.web());
        assertThat(v.hints()).extracting(Violation::code).containsExactly(ReasonCode.ROUNDED_SECONDS,
                ReasonCode.CLIENT_CLOCK_SKEW);
        assertThat(v.hints().get(0).message()).contains("rounded up").contains("Math.round(Date.now() / 1000)");
    }

    @Test
    void floatPrecision_saysOneTokenIsWeakEvidence_andTheFixIsJava() {
        Verdict v = check(withIat(NOW + 28 - (NOW + 28) % 128 + 128), TestTokens.web());
        Violation h = v.hints().stream().filter(x -> x.code() == ReasonCode.FLOAT_PRECISION_TIME).findFirst()
                .orElseThrow();
        assertThat(h.message()).contains("by chance 3 in 128").contains("weak evidence alone");
        assertThat(h.details()).containsEntry("chance", 3 / 128.0);
        assertThat((String) h.details().get("fix")).contains("System.currentTimeMillis() / 1000");
        assertThat((String) h.details().get("fixLanguage")).isNull(); // the Java fix is the code's own fix
    }

    @Test
    void fractionalIat_getsAJavaScriptFix() {
        Verdict v = check(withIatText((NOW + 60) + ".123"), TestTokens.web());
        Violation h = v.hints().stream().filter(x -> x.code() == ReasonCode.CLIENT_CLOCK_SKEW).findFirst().orElseThrow();
        assertThat((String) h.details().get("fix")).contains("Math.floor(Date.now() / 1000) - 30");
        assertThat((String) h.details().get("fixLanguage")).startsWith("javascript");
    }

    @Test
    void noHints_forAValidToken() {
        assertThat(hints(withIat(NOW - 30), TestTokens.web())).isEmpty();
    }
}
