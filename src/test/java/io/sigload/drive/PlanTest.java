package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlanTest {
    private static Scenario thirty() throws Exception {
        return ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of());
    }

    @Test
    void timezones_comeFromTheirOwnStream_soEveryOtherDrawStaysTheSame() throws Exception {
        Plan utc = new Plan(thirty());
        Plan zoned = new Plan(ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of(
                "clocks.timezones={mixture: [{weight: 1, zone: Europe/Berlin}, {weight: 1, zone: Asia/Tokyo}]}")));
        Set<ZoneId> zones = new HashSet<>();
        for (int i = 0; i < utc.size(); i++) {
            Participant a = utc.participant(i);
            Participant b = zoned.participant(i);
            assertThat(a.zone()).isEqualTo(ZoneOffset.UTC);
            assertThat(List.of(b.clockSkew(), b.joinOffset(), b.deliveryDelay(), b.role()))
                    .isEqualTo(List.of(a.clockSkew(), a.joinOffset(), a.deliveryDelay(), a.role()));
            assertThat(zoned.participant(i).zone()).isEqualTo(b.zone()); // repeatable
            zones.add(b.zone());
        }
        assertThat(zones).containsExactlyInAnyOrder(ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Tokyo"));
        Plan listed = new Plan(ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of(
                "clocks.timezones={list: [UTC, America/New_York]}")));
        assertThat(listed.participant(3).zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(listed.participant(4).zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void sameSeed_givesTheSameParticipants() throws Exception {
        Plan a = new Plan(thirty());
        Plan b = new Plan(thirty());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.participant(i)).isEqualTo(b.participant(i));
        }
    }

    @Test
    void otherSeed_givesOtherClocks() throws Exception {
        Plan a = new Plan(thirty());
        Plan b = new Plan(thirty().withSeed(43));
        long same = IntStream.range(0, 30).filter(i -> a.participant(i).clockSkew().equals(b.participant(i).clockSkew())).count();
        assertThat(same).isLessThan(3);
    }

    @Test
    void participant_doesNotDependOnTheOrderItIsAskedFor() throws Exception {
        Plan a = new Plan(thirty());
        Participant late = a.participant(29);
        a.participant(3);
        assertThat(new Plan(thirty()).participant(29)).isEqualTo(late);
    }

    @Test
    void firstHostsAreRole1_restRole0() throws Exception {
        Plan p = new Plan(thirty());
        assertThat(p.participant(0).role()).isEqualTo(1);
        assertThat(IntStream.range(1, 30).map(i -> p.participant(i).role()).distinct().boxed().toList()).containsExactly(0);
    }

    @Test
    void joinOffsets_stayInsideTheWindow_andDelaysInsideTheirRange() throws Exception {
        Plan p = new Plan(thirty().withParticipants(2000));
        for (int i = 0; i < p.size(); i++) {
            Participant x = p.participant(i);
            assertThat(x.joinOffset()).isBetween(Duration.ZERO, Duration.ofSeconds(10));
            assertThat(x.deliveryDelay()).isBetween(Duration.ofMillis(200), Duration.ofSeconds(2));
        }
    }

    @Test
    void mixture_drawsRoughlyItsWeights() throws Exception {
        Plan p = new Plan(thirty().withParticipants(20_000));
        long hoursOff = IntStream.range(0, p.size()).filter(i -> p.participant(i).clockSkew().abs().toMinutes() >= 59).count();
        assertThat(hoursOff / 20_000.0).isBetween(0.05, 0.07);
    }

    @Test
    void arrivalRate_planIsCappedByTheSchedule_andStartsFollowIt() throws Exception {
        Scenario s = ScenarioLoader.parse("""
                participants: 1000000
                load: {model: arrival-rate, stages: [{rate: 100/s, for: 2s}]}
                """, "x.yaml", List.of());
        Plan p = new Plan(s);
        assertThat(p.size()).isEqualTo(200);
        assertThat(p.participant(0).joinOffset()).isEqualTo(Duration.ZERO);
        assertThat(p.participant(100).joinOffset()).isEqualTo(Duration.ofSeconds(1));
    }
}
