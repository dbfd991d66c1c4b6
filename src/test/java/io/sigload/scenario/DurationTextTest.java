package io.sigload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void units_andSigns() {
        assertThat(DurationText.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("-2m")).isEqualTo(Duration.ofMinutes(-2));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationText.parse("0")).isZero();
        assertThat(DurationText.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void format_roundTrips() {
        for (String s : new String[] {"2s", "500ms", "-90s", "1500us", "2m", "0s", "7ns"}) {
            assertThat(DurationText.format(DurationText.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void noUnit_isRefusedWithTheForms() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> DurationText.parse("2")).getMessage())
                .contains("500ms");
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("2 seconds"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("99999999999h"));
    }
}
