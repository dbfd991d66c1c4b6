package io.sigload.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.sign.IatFormula;
import io.sigload.sign.Signer;
import io.sigload.token.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's own recipes under the public skew assertions: correct ones pass their window, buggy ones fail. */
@ExtendWith(SkewExtension.class)
class SkewAssertionsTest {
    /** Steady formulas need few samples; the MAC is checked with the demo secret. */
    private static final SkewSettings STEADY = SkewSettings.meetingWeb().withSecret(Secret.demo()).withSamples(4, 512);

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void floor_passesFromLifetimeSlowToZeroFast() {
        SkewAssertions.assertValidUnderSkew(TestSigners.javaJwt(IatFormula.FLOOR), s(-7199), s(0), STEADY);
    }

    @Test
    void floor_failsOneSecondFast_withIatInFuture() {
        SkewFailure f = SkewAssertions.firstFailure(TestSigners.javaJwt(IatFormula.FLOOR), s(-120), s(120), STEADY).orElseThrow();
        assertThat(f.skewSeconds()).isEqualTo(1);
        assertThat(f.reason()).isEqualTo("IAT_IN_FUTURE");
    }

    @Test
    void floorMinus30_passesItsDeclaredWindow() {
        SkewAssertions.assertValidUnderSkew(TestSigners.javaJwt(IatFormula.FLOOR_MINUS_30), s(-7169), s(30), STEADY);
    }

    @Test
    void floorMinus30_failsAt31Fast_withIatInFuture_namingTheSkewInTheMessage() {
        Signer signer = TestSigners.javaJwt(IatFormula.FLOOR_MINUS_30);
        assertThatThrownBy(() -> SkewAssertions.assertValidUnderSkew(signer, s(-120), s(120), STEADY))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("first failing skew +31 s (minting clock 31 s fast): IAT_IN_FUTURE");
    }

    @Test
    void floorMinus30_fails7170Slow_withExpired() {
        SkewFailure f = SkewAssertions.firstFailure(TestSigners.javaJwt(IatFormula.FLOOR_MINUS_30), s(-7200), s(-7000),
                STEADY).orElseThrow();
        assertThat(f.skewSeconds()).isEqualTo(-7170);
        assertThat(f.reason()).isEqualTo("EXPIRED");
    }

    @Test
    void javaFloatRoundMinus30_failsWithAPerfectClock_withIatInFuture() {
        SkewFailure f = SkewAssertions.firstFailure(TestSigners.javaJwt(IatFormula.JAVA_FLOAT_ROUND_MINUS_30), s(-120),
                s(120), SkewSettings.meetingWeb()).orElseThrow();
        assertThat(f.skewSeconds()).isZero();
        assertThat(f.reason()).isEqualTo("IAT_IN_FUTURE");
        assertThat(f.step().accepted()).isBetween(1, f.step().tokens() - 1); // probabilistic
    }

    @Test
    void jsRound_failsWithAPerfectClock_forTokensMintedInTheSecondHalfOfASecond() {
        SkewFailure f = SkewAssertions.firstFailure(TestSigners.javaJwt(IatFormula.JS_ROUND), s(-120), s(120),
                SkewSettings.meetingWeb()).orElseThrow();
        assertThat(f.skewSeconds()).isZero();
        assertThat(f.reason()).isEqualTo("IAT_IN_FUTURE");
    }

    @Test
    void millisecondExp_failsEverywhere_withNumericDateInMilliseconds() {
        assertThatThrownBy(() -> SkewAssertions.assertValidUnderSkew(TestSigners.millisecondExp(), s(-120), s(120)))
                .hasMessageContaining("first failing skew +0 s").hasMessageContaining("NUMERIC_DATE_IN_MILLISECONDS");
    }

    @Test
    void signerOnItsOwnClock_isSweptByMovingTheValidatorClock() {
        Signer remote = TestSigners.ownClock(IatFormula.FLOOR_MINUS_30);
        assertThat(SignerProbe.detectMode(remote, STEADY)).isEqualTo(SignerProbe.Mode.VALIDATOR_CLOCK);
        SkewReport r = new SkewChecker(STEADY).sweep(remote, s(-600), s(600));
        assertThat(r.mode()).isEqualTo(SignerProbe.Mode.VALIDATOR_CLOCK);
        assertThat(r.window().max()).isBetween(29L, 31L);
        assertThat(r.fast().reason()).isEqualTo("IAT_IN_FUTURE");
    }

    @Test
    void extension_injectsACheckerWithTheAnnotatedSettings(SkewChecker skew) {
        assertThat(skew.settings().profile().wireName()).isEqualTo("meeting-web");
        skew.assertValidUnderSkew(TestSigners.javaJwt(IatFormula.FLOOR_MINUS_30), s(-60), s(30));
    }

    @Test
    @SkewConfig(iatLeewaySeconds = 60, samples = 8)
    void extension_readsSkewConfig_leewayWidensTheFastEdge(SkewChecker skew) {
        assertThat(skew.settings().samples()).isEqualTo(8);
        skew.assertValidUnderSkew(TestSigners.javaJwt(IatFormula.FLOOR_MINUS_30), s(0), s(90));
        assertThat(skew.firstFailure(TestSigners.javaJwt(IatFormula.FLOOR_MINUS_30), s(0), s(120)).orElseThrow()
                .skewSeconds()).isEqualTo(91);
    }
}
