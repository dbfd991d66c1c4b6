package io.sigload.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void units_andSigns() {
        assertThat(Durations.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("-2m")).isEqualTo(Duration.ofMinutes(-2));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0")).isZero();
        assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void format_roundTrips() {
        for (String s : new String[] {"2s", "500ms", "-90s", "1500us", "2m", "0s", "7ns"}) {
            assertThat(Durations.format(Durations.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void noUnit_isRefusedWithTheForms() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Durations.parse("2")).getMessage())
                .contains("500ms");
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("2 seconds"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999h"));
    }
}
