package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}'s shard flags: what they accept, what they refuse (exit 2, one line), what a shard prints. */
class ShardOptionsTest {
    @Test
    void shardWithoutJson_isRefused() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--shard", "1/4");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--shard 1/4: a shard writes its result for sigload merge; give --json FILE");
    }

    @Test
    void badShard_isRefused_withTheForm() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--shard", "4/4", "--json", "x.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("0 to 3 for 4 shards");
    }

    @Test
    void shardAndShardFromEnv_isRefused() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--shard", "0/2", "--shard-from-env", "--json", "x.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("either --shard I/N or --shard-from-env");
    }

    @Test
    void shardFromEnv_withoutTheIndexedJobVariable_saysWhereItComesFrom() {
        Assumptions.assumeTrue(System.getenv("JOB_COMPLETION_INDEX") == null);
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--shard-from-env", "--shard-count", "4", "--json", "x.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--shard-from-env: JOB_COMPLETION_INDEX is not set", "Indexed Job");
    }

    @Test
    void assertWithShard_isRefused_pointingAtMerge() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--shard", "0/2", "--json", "x.json", "--assert", "invalid == 0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("give them to sigload merge");
    }

    @Test
    void startAt_acceptsIsoAndEpochSeconds_andRefusesOthers() {
        ShardOptions.InstantConverter c = new ShardOptions.InstantConverter();
        assertThat(c.convert("2026-03-02T09:00:00Z")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(c.convert("1772442000")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(c.convert("1772442000.25")).isEqualTo(Instant.parse("2026-03-02T09:00:00.250Z"));
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--start-at", "9am");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("found '9am'; allowed: an ISO-8601 instant in UTC");
        CliRun far = CliRun.of("run", "scenarios/thirty-users.yaml", "--start-at", Instant.now().plusSeconds(90_000).toString());
        assertThat(far.exitCode()).isEqualTo(2);
        assertThat(far.err()).contains("more than 24 h ahead");
    }

    @Test
    void maxInFlightBelowTheShardCount_isAScenarioError() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--set", "load.maxInFlight=2", "--shard", "0/4",
                "--json", "x.json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("load.maxInFlight: 2 cannot be shared by 4 shards");
    }

    @Test
    void aShard_printsWhichParticipantsItRan_andWhenItStarted(@TempDir Path dir) throws Exception {
        Instant at = Instant.now().plusMillis(300);
        Path json = dir.resolve("s.json");
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--shard", "2/4", "--start-at", at.toString(),
                "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("(seed 42, 7 participants, burst")
                .contains("shard        2/4: 7 of the plan's 30 participants (participant i runs in shard i mod 4)")
                .contains("after --start-at " + at).doesNotContain("did not start");
        JsonNode s = new ObjectMapper().readTree(json.toFile()).path("shard");
        assertThat(s.path("index").asInt()).isEqualTo(2);
        assertThat(s.path("participants").asInt()).isEqualTo(7);
        assertThat(s.path("scenarioDigest").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(Instant.parse(s.path("releasedAt").asText())).isAfterOrEqualTo(at);
        assertThat(dir.resolve("s.hlog")).exists();
    }

    @Test
    void hlog_onAnUnshardedRun_writesTheHistogramLog(@TempDir Path dir) {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--hlog", dir.resolve("run.hlog").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(dir.resolve("run.hlog")).content().contains("Tag=sign,").contains("Tag=total,");
    }

    @Test
    void mergeHelp_listsItsExitCodesAndAnExample() {
        CliRun r = CliRun.of("merge", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--allow-partial", "--failures", "2   bad usage, or shards that cannot be merged",
                "sigload merge out/shard-*.json");
    }
}
