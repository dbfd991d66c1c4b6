package io.sigload.sign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IatFormulaTest {
    // 2023-11-14T22:13:20.600Z
    private static final long MS = 1_700_000_000_600L;

    @Test
    void floor_dropsTheMilliseconds() {
        assertThat(IatFormula.FLOOR.iat(MS)).isEqualTo(1_700_000_000L);
        assertThat(IatFormula.FLOOR_MINUS_30.iat(MS)).isEqualTo(1_699_999_970L);
    }

    @Test
    void jsRound_roundsHalfUpIntoTheFuture() {
        assertThat(IatFormula.JS_ROUND.iat(MS)).isEqualTo(1_700_000_001L);
        assertThat(IatFormula.JS_ROUND.iat(1_700_000_000_499L)).isEqualTo(1_700_000_000L);
        assertThat(IatFormula.JS_ROUND_MINUS_30.iat(MS)).isEqualTo(1_699_999_971L);
    }

    @Test
    void fractionalMinus30_keepsTheFractionAsADouble() {
        assertThat(IatFormula.FRACTIONAL_MINUS_30.iat(1_700_000_000_123L)).isEqualTo(1_699_999_970.123);
        assertThat(IatFormula.FRACTIONAL_MINUS_30.iat(1_700_000_000_000L)).isEqualTo(1_699_999_970L);
    }

    @Test
    void javaRoundLong_widensToFloatAndLandsOnMultiplesOf128() {
        int iat = (int) IatFormula.JAVA_ROUND_LONG.iat(1_700_000_040_000L);
        assertThat(iat % 128).isZero();
        assertThat(iat).isEqualTo(Math.round((float) 1_700_000_040L));
        // 1700000040 lies between 1699999872 and 1700000000; the float rounds to a multiple of 128
        assertThat(iat - 1_700_000_040L).isBetween(-64L, 64L);
    }

    @Test
    void javaRoundLongMinus30_canBeInTheFuture() {
        // find an instant where the rounding error exceeds 30 s: x mod 128 in (64, 98)
        long secs = 1_700_000_000L - (1_700_000_000L % 128) + 80; // 80 s past a multiple of 128
        int iat = (int) IatFormula.JAVA_ROUND_LONG_MINUS_30.iat(secs * 1000);
        assertThat(iat - secs).isEqualTo(128 - 80 - 30); // 18 s in the future
    }

    @Test
    void javaFloatRoundMinus30_usesFloatDivision() {
        long ms = 1_700_000_050_000L;
        int expected = Math.round(ms / (float) 1000) - 30;
        assertThat(IatFormula.JAVA_FLOAT_ROUND_MINUS_30.iat(ms)).isEqualTo(expected);
        assertThat((expected + 30) % 128).isZero(); // a float near 1.7e9 is a multiple of 128
    }

    @Test
    void javaFloatRoundMinus30_putsAShareOfInstantsInTheFuture() {
        int future = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            long ms = 1_772_442_000_000L + i * 97_003L; // ~11 days of instants, irregular step
            long iat = ((Number) IatFormula.JAVA_FLOAT_ROUND_MINUS_30.iat(ms)).longValue();
            if (iat > Math.floorDiv(ms, 1000)) {
                future++;
            }
        }
        assertThat(future).isBetween(n / 10, n / 2);
    }

    @Test
    void wireNames_roundTrip() {
        for (IatFormula f : IatFormula.values()) {
            assertThat(IatFormula.fromWireName(f.wireName())).contains(f);
        }
        assertThat(IatFormula.fromWireName("nope")).isEmpty();
    }
}
