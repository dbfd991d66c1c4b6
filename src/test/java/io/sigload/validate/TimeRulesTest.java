package io.sigload.validate;

import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.ctx;
import static io.sigload.validate.TestTokens.errors;
import static io.sigload.validate.TestTokens.message;
import static io.sigload.validate.TestTokens.sign;
import static io.sigload.validate.TestTokens.warnings;
import static io.sigload.validate.TestTokens.web;
import static io.sigload.validate.TestTokens.webClaims;
import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.sign.SignRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Time rules at -1 s, 0 and +1 s around each boundary (cases README; RFC 7519 §4.1.4, §4.1.6). */
class TimeRulesTest {
    private static final Clock TRUE_CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @Test
    void iatInFuture_whenClientClockIsTwoMinutesFast() {
        Clock client = Clock.offset(TRUE_CLOCK, Duration.ofMinutes(2));
        JavaJwtSigner signer = new JavaJwtSigner("KeyAbc01", TestTokens.SECRET, ClaimsRecipe.zoomSample());
        String token = signer.sign(ClaimsRecipe.zoomSample().claims("KeyAbc01",
                new SignRequest(0, "98765432101", 0, 7200, null, client)));

        Verdict v = check(token, ctx(Profile.MEETING_WEB));

        assertThat(v.errorCodes()).containsExactly(ReasonCode.IAT_IN_FUTURE);
        assertThat(message(v, ReasonCode.IAT_IN_FUTURE)).isEqualTo("iat is 120 s after the validator's clock (leeway 0 s)");
        assertThat(v.errors().get(0).details()).containsEntry("iatAheadSeconds", 120L);
    }

    @Test
    void tokenFromCorrectClock_isValid() {
        Verdict v = check(web(-30, 7200), ctx(Profile.MEETING_WEB));
        assertThat(v.valid()).as("%s", v).isTrue();
        assertThat(v.warnings()).isEmpty();
        assertThat(v.hints()).isEmpty();
    }

    @ParameterizedTest(name = "iat = now {0} s, leeway {1} s: in future {2}")
    @CsvSource({"-1,0,false", "0,0,false", "1,0,true", "29,30,false", "30,30,false", "31,30,true"})
    void iatInFuture_atBoundary(long offset, long leeway, boolean inFuture) {
        ValidationContext c = new ValidationContext(Profile.MEETING_WEB, TestTokens.SECRET, List.of(),
                Instant.ofEpochSecond(NOW), leeway, null, null, null);
        assertThat(errors(web(offset, 7200), c).contains(ReasonCode.IAT_IN_FUTURE)).isEqualTo(inFuture);
    }

    @ParameterizedTest(name = "fractional iat now + {0}: in future {1}")
    @CsvSource({"-0.001,false", "0,false", "0.001,true"})
    void iatInFuture_comparesFractionsExactly(String fraction, boolean inFuture) {
        String iat = new BigDecimal(NOW).add(new BigDecimal(fraction)).toPlainString();
        String token = sign(webClaims(iat, Long.toString(NOW + 7200)));
        Verdict v = check(token, ctx(Profile.MEETING_WEB));
        assertThat(v.hasError(ReasonCode.IAT_IN_FUTURE)).isEqualTo(inFuture);
    }

    @ParameterizedTest(name = "now = exp {0}: expired {1}")
    @CsvSource({"-1,false", "0,true", "1,true"})
    void expired_whenNowAtOrAfterExp(long nowMinusExp, boolean expired) {
        String token = web(-7200, 7200);
        Verdict v = check(token, ctx(Profile.MEETING_WEB, NOW + nowMinusExp));
        assertThat(v.hasError(ReasonCode.EXPIRED)).isEqualTo(expired);
        if (expired) {
            assertThat(message(v, ReasonCode.EXPIRED)).contains(nowMinusExp + " s before");
        }
    }

    @ParameterizedTest(name = "lifetime {0} s -> {1}")
    @CsvSource({"1799,EXP_TOO_SOON", "1800,EXP_AT_MIN_BOUNDARY", "1801,", "172799,", "172800,", "172801,EXP_TOO_FAR"})
    void lifetimeBounds(long lifetime, ReasonCode expected) {
        String token = web(-1, lifetime);
        Verdict v = check(token, ctx(Profile.MEETING_WEB));
        List<ReasonCode> all = new ArrayList<>(v.errorCodes());
        all.addAll(warnings(token, ctx(Profile.MEETING_WEB)));
        if (expected == null) {
            assertThat(all).isEmpty();
        } else {
            assertThat(all).containsExactly(expected);
        }
    }

    @Test
    void expTooSoon_saysTheLifetime() {
        Verdict v = check(web(-30, 1200), ctx(Profile.MEETING_WEB));
        assertThat(message(v, ReasonCode.EXP_TOO_SOON)).isEqualTo("exp - iat is 1200 s, below 1800 s");
    }

    @Test
    void expAtMinimum_isWarningNotError() {
        Verdict v = check(web(-5, 1800), ctx(Profile.MEETING_WEB));
        assertThat(v.valid()).isTrue();
        assertThat(v.warnings()).extracting(Violation::code).containsExactly(ReasonCode.EXP_AT_MIN_BOUNDARY);
    }

    @ParameterizedTest(name = "tokenExp = max(iat, now) + 1800 {0}: too soon {1}")
    @CsvSource({"-1,true", "0,false", "1,false"})
    void tokenExpTooSoon_nativeBoundary(long delta, boolean tooSoon) {
        long iat = NOW - 600;
        String token = sign("{\"appKey\":\"KeyAbc01\",\"iat\":" + iat + ",\"exp\":" + (iat + 7200) + ",\"tokenExp\":"
                + (NOW + 1800 + delta) + "}");
        Verdict v = check(token, ctx(Profile.MEETING_NATIVE));
        assertThat(v.hasError(ReasonCode.TOKENEXP_TOO_SOON)).as("%s", v).isEqualTo(tooSoon);
        assertThat(v.errors()).hasSize(tooSoon ? 1 : 0);
    }

    @Test
    void tokenExpTooSoon_usesIatWhenIatIsLaterThanNow() {
        long iat = NOW + 10;
        String token = sign("{\"appKey\":\"KeyAbc01\",\"iat\":" + iat + ",\"exp\":" + (iat + 7200) + ",\"tokenExp\":"
                + (iat + 1799) + "}");
        ValidationContext c = new ValidationContext(Profile.MEETING_NATIVE, TestTokens.SECRET, List.of(),
                Instant.ofEpochSecond(NOW), 60, null, null, null);
        Verdict v = check(token, c);
        assertThat(v.errorCodes()).containsExactly(ReasonCode.TOKENEXP_TOO_SOON);
        assertThat(message(v, ReasonCode.TOKENEXP_TOO_SOON)).contains("1799 s");
    }

    @Test
    void tokenExpAfterExp_isWarning() {
        String token = sign("{\"appKey\":\"KeyAbc01\",\"sdkKey\":\"KeyAbc01\",\"mn\":\"1\",\"role\":0,\"iat\":"
                + (NOW - 30) + ",\"exp\":" + (NOW + 3600) + ",\"tokenExp\":" + (NOW + 7200) + "}");
        Verdict v = check(token, ctx(Profile.MEETING_WEB));
        assertThat(v.valid()).isTrue();
        assertThat(v.warnings()).extracting(Violation::code).containsExactly(ReasonCode.TOKENEXP_AFTER_EXP);
    }

    @Test
    void millisecondIat_isUnitErrorNotIatInFuture() {
        String token = sign(webClaims(Long.toString(NOW * 1000), Long.toString(NOW + 7200)));
        Verdict v = check(token, ctx(Profile.MEETING_WEB));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.NUMERIC_DATE_IN_MILLISECONDS);
    }
}
