package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.drive.LoadRun;
import io.sigload.drive.Shard;
import io.sigload.drive.StopCause;
import io.sigload.guard.Redactor;
import io.sigload.merge.MergeException;
import io.sigload.merge.MergedRun;
import io.sigload.merge.ShardFiles;
import io.sigload.merge.ShardMerge;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard stopped by the one stop path (a signal, here SIGTERM) writes a shard file that says so
 * itself ({@code shard.interrupted}, not only the run's {@code "interrupted"}), and the merge
 * refuses it unless partial merges are allowed, naming the shard.
 */
class InterruptedShardTest {
    private static final Path SCENARIO = Path.of("scenarios", "thirty-users.yaml");

    @Test
    void aStoppedShard_isMarkedInterruptedInItsShardSection_andTheMergeSaysSo(@TempDir Path dir) throws Exception {
        Path whole = shard(dir, new Shard(0, 2), false);
        Path stopped = shard(dir, new Shard(1, 2), true);

        JsonNode s = new ObjectMapper().readTree(stopped.toFile());
        assertThat(s.path("interrupted").asBoolean()).isTrue();
        assertThat(s.path("stoppedBy").asText()).isEqualTo("SIGTERM");
        assertThat(s.path("notStarted").asInt()).isEqualTo(15);
        assertThat(s.path("shard").path("interrupted").asBoolean()).as("the shard header, not only the run").isTrue();
        JsonNode w = new ObjectMapper().readTree(whole.toFile());
        assertThat(w.has("interrupted")).isFalse();
        assertThat(w.path("shard").path("interrupted").asBoolean()).isFalse();

        var inputs = List.of(ShardFiles.read(whole), ShardFiles.read(stopped));
        assertThat(inputs.get(1).header().interrupted()).isTrue();
        assertThatThrownBy(() -> ShardMerge.merge(inputs, false)).isInstanceOf(MergeException.class)
                .hasMessageContaining("shard 1/2 was interrupted");
        MergedRun m = ShardMerge.merge(inputs, true);
        assertThat(m.partial()).isTrue();
        assertThat(m.interrupted()).containsExactly(1);
        assertThat(m.result().verdicts().completed()).isEqualTo(15);
    }

    private static Path shard(Path dir, Shard shard, boolean stop) throws Exception {
        Scenario sc = ScenarioLoader.load(SCENARIO, List.of());
        RunRecorder rec = new RunRecorder(Defaults.FAILURE_SAMPLE);
        RunResult r;
        Instant released;
        try (LoadRun run = LoadRun.prepare(shard.apply(sc), Map.of())) {
            if (stop) { // before the release: no participant of this shard starts
                run.stop(StopCause.SIGTERM, StopCause.SIGTERM.text());
            }
            r = run.run(rec, shard, null);
            released = run.releasedAt();
        }
        Path json = dir.resolve("shard-" + shard.index() + ".json");
        ShardOptions.write(json, r, rec, shard, SCENARIO, List.of(), sc, null, released, null, Redactor.NONE);
        return json;
    }
}
