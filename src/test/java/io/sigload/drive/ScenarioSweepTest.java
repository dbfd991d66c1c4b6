package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.scenario.ScenarioLoader;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SkewReport;
import io.sigload.skew.SkewStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled skew scenarios give the windows their comments promise. */
class ScenarioSweepTest {
    static SkewReport sweep(String file, long from, long to, List<String> sets) throws Exception {
        try (LoadRun run = LoadRun.prepare(ScenarioLoader.load(Path.of(file), sets), Map.of())) {
            return new ScenarioSweep(run, null).sweep(Duration.ofSeconds(from), Duration.ofSeconds(to));
        }
    }

    @Test
    void floorMinus30_window_isFrom7169SlowTo30Fast_expiredThenIatInFuture() throws Exception {
        SkewReport r = sweep("scenarios/skew-floor-minus-30.yaml", -7200, 7200, List.of());
        assertThat(r.window()).isEqualTo(new SkewReport.Window(-7169, 30));
        assertThat(r.slow().reason()).isEqualTo("EXPIRED");
        assertThat(r.fast().reason()).isEqualTo("IAT_IN_FUTURE");
        assertThat(SkewJson.toJson(r).get("windowSeconds").get("min").asLong()).isEqualTo(-7169);
    }

    @Test
    void javaFloatRound_hasAProbabilisticFastEdge_andRejectsAShareWithAPerfectClock() throws Exception {
        SkewReport r = sweep("scenarios/skew-java-float-round.yaml", -300, 300, List.of());
        assertThat(r.fast().probabilistic()).isTrue();
        assertThat(r.fast().reason()).isEqualTo("IAT_IN_FUTURE");
        assertThat(r.window().max()).isNegative();
        SkewStep zero = r.at(0).orElseThrow();
        assertThat(zero.outcome()).isEqualTo(SkewStep.Outcome.SOME_VALID);
        assertThat(zero.rejectedShare()).isBetween(0.1, 0.7);
    }
}
