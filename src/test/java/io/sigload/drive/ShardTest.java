package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
    private static Scenario scenario(String... sets) throws Exception {
        return ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of(sets));
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 2, 4, 7, 30, 31})
    void shards_coverThePlanOnce_eachInPlanOrder(int n) throws Exception {
        Plan whole = new Plan(scenario());
        TreeSet<Integer> seen = new TreeSet<>();
        int total = 0;
        for (int i = 0; i < n; i++) {
            Plan part = new Plan(scenario(), new Shard(i, n));
            int prev = -1;
            for (int k = 0; k < part.count(); k++) {
                int index = part.index(k);
                assertThat(index).isGreaterThan(prev);
                assertThat(index % n).isEqualTo(i);
                assertThat(seen.add(index)).as("participant %d in two shards", index).isTrue();
                assertThat(part.participant(index)).isEqualTo(whole.participant(index));
                prev = index;
            }
            total += part.count();
        }
        assertThat(total).isEqualTo(whole.size());
        assertThat(seen).hasSize(30).first().isEqualTo(0);
        assertThat(seen.last()).isEqualTo(29);
    }

    @Test
    void openModel_unionOfTheShardsArrivals_isThePlannedSchedule() throws Exception {
        Scenario s = scenario("participants=5000",
                "load={model: arrival-rate, stages: [{rate: 500/s, for: 4s}, {ramp: 500/s -> 2000/s, over: 2s}]}");
        Plan whole = new Plan(s);
        List<Long> union = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Plan part = new Plan(s, new Shard(i, 7));
            for (int k = 0; k < part.count(); k++) {
                union.add(whole.schedule().startNanos(part.index(k)));
            }
        }
        union.sort(null);
        List<Long> planned = new ArrayList<>();
        for (int k = 0; k < whole.size(); k++) {
            planned.add(whole.schedule().startNanos(k));
        }
        assertThat(union).isEqualTo(planned);
        // each shard runs ~1/7 of the first stage's 500/s: 2000 arrivals in 4 s, 285 or 286 each
        Plan third = new Plan(s, new Shard(3, 7));
        long inFirstStage = IntStream.range(0, third.count())
                .filter(k -> whole.schedule().startNanos(third.index(k)) < 4_000_000_000L).count();
        assertThat(inFirstStage).isBetween(285L, 286L);
    }

    @Test
    void maxInFlight_isSharedOut_andAddsUpToTheBound() throws Exception {
        Scenario s = scenario("load.maxInFlight=64");
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            Scenario.Burst b = (Scenario.Burst) new Shard(i, 7).apply(s).load();
            assertThat(b.maxInFlight()).isIn(9, 10);
            sum += b.maxInFlight();
        }
        assertThat(sum).isEqualTo(64);
        assertThat(((Scenario.Burst) new Shard(0, 7).apply(scenario()).load()).maxInFlight()).as("unbounded stays unbounded")
                .isZero();
    }

    @Test
    void maxInFlightBelowTheShardCount_isRefusedNamingTheField() throws Exception {
        assertThatThrownBy(() -> new Shard(0, 4).apply(scenario("load.maxInFlight=3")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("thirty-users.yaml: load.maxInFlight: 3 cannot be shared by 4 shards")
                .hasMessageContaining("raise it to 4 or more");
    }

    @Test
    void parse_readsIOverN_andRefusesWhatIsNot() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 0 / 1 ")).isEqualTo(Shard.ALL);
        for (String bad : List.of("4/4", "1", "-1/4", "a/b", "1/0", "", "2/4/8")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessageContaining("0 to 3");
    }

    @Test
    void fromEnv_readsTheIndexedJobVariable_andTheCount() {
        assertThat(Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "3"), 4)).isEqualTo(new Shard(3, 4));
        assertThat(Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "0", "SIGLOAD_SHARD_COUNT", "7"), null))
                .isEqualTo(new Shard(0, 7));
        assertThatThrownBy(() -> Shard.fromEnv(Map.of(), 4)).hasMessageContaining("JOB_COMPLETION_INDEX is not set");
        assertThatThrownBy(() -> Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "1"), null))
                .hasMessageContaining("--shard-count N or set SIGLOAD_SHARD_COUNT");
        assertThatThrownBy(() -> Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "4"), 4))
                .hasMessageContaining("completions must equal the shard count");
        assertThatThrownBy(() -> Shard.fromEnv(Map.of("JOB_COMPLETION_INDEX", "x"), 4)).hasMessageContaining("'x'");
    }

    @Test
    void size_countsTheIndexesThatFallInTheShard() {
        assertThat(new Shard(0, 4).size(30)).isEqualTo(8);
        assertThat(new Shard(1, 4).size(30)).isEqualTo(8);
        assertThat(new Shard(2, 4).size(30)).isEqualTo(7);
        assertThat(new Shard(3, 4).size(30)).isEqualTo(7);
        assertThat(new Shard(5, 7).size(3)).isZero();
        assertThat(new Shard(2, 7).size(3)).isEqualTo(1);
    }
}
