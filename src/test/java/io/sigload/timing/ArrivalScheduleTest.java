package io.sigload.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sigload.scenario.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {
    @Test
    void constantRate_spacesArrivalsEvenly() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(new RateStage(500, 500, Duration.ofSeconds(30))));
        assertThat(s.size()).isEqualTo(15_000);
        assertThat(s.startNanos(1)).isEqualTo(2_000_000L);
        assertThat(s.startNanos(14_999)).isEqualTo(29_998_000_000L);
    }

    @Test
    void ramp_countsTheAreaUnderTheRate_andStartsStrictlyIncrease() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(new RateStage(0, 2000, Duration.ofSeconds(60))));
        assertThat(s.size()).isEqualTo(60_000);
        long prev = -1;
        for (long k = 0; k < s.size(); k++) {
            long t = s.startNanos(k);
            assertThat(t).isGreaterThan(prev);
            prev = t;
        }
        // half the arrivals of a linear ramp from 0 come in the last 1 - 1/sqrt(2) of the time
        assertThat(s.startNanos(30_000) / 1e9).isCloseTo(60 / Math.sqrt(2), within(0.01));
    }

    @Test
    void stagesFollowEachOther() {
        ArrivalSchedule s = new ArrivalSchedule(List.of(
                new RateStage(10, 10, Duration.ofSeconds(1)),
                new RateStage(100, 100, Duration.ofSeconds(1))));
        assertThat(s.size()).isEqualTo(110);
        assertThat(s.startNanos(10)).isEqualTo(1_000_000_000L);
        assertThat(s.startNanos(11)).isEqualTo(1_010_000_000L);
    }
}
