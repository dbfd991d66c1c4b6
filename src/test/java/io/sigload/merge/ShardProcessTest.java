package io.sigload.merge;

import static io.sigload.merge.Shards.JSON;
import static io.sigload.merge.Shards.assertSameRun;
import static io.sigload.merge.Shards.merge;
import static io.sigload.merge.Shards.runWhole;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards as separate processes on this machine (what a Kubernetes Indexed Job or a CI matrix
 * runs), released together by --start-at, against an in-process signer and against a separate
 * {@code sigload serve} process on 127.0.0.1; merged, they equal the unsharded run.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ShardProcessTest {
    /** {@code java -cp <this class path> io.sigload.cli.Main}, as this JVM runs. */
    private static List<String> sigloadCommand() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-XX:+EnableDynamic")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.sigload.cli.Main"));
        return cmd;
    }

    private static Process start(Path dir, String name, Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = sigloadCommand();
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().remove("JOB_COMPLETION_INDEX");
        pb.environment().remove("SIGLOAD_SHARD_COUNT");
        pb.environment().put("SIGLOAD_PROGRESS", "off");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void awaitAll(Path dir, List<Process> ps, List<String> names) throws Exception {
        for (int i = 0; i < ps.size(); i++) {
            Process p = ps.get(i);
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            assertThat(done && p.exitValue() == 0).as("%s exited %s: %s", names.get(i), done ? p.exitValue() : "(timeout)",
                    Files.readString(dir.resolve(names.get(i) + ".err"))).isTrue();
        }
    }

    @Test
    void fourShardProcesses_releasedTogether_mergeToTheUnshardedRun(@TempDir Path dir) throws Exception {
        String seed = "20260302";
        List<String> scenario = List.of("run", "scenarios/thirty-users.yaml", "--seed", seed);
        Instant startAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        List<Process> ps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path json = dir.resolve("shard-" + i + ".json");
            shards.add(json);
            List<String> a = new ArrayList<>(scenario);
            a.addAll(List.of("--start-at", startAt.toString(), "--json", json.toString()));
            Map<String, String> env = Map.of();
            if (i < 2) {
                a.addAll(List.of("--shard", i + "/4"));
            } else if (i == 2) { // as a Kubernetes Indexed Job pod: the index from the environment
                a.addAll(List.of("--shard-from-env", "--shard-count", "4"));
                env = Map.of("JOB_COMPLETION_INDEX", "2");
            } else {
                a.add("--shard-from-env");
                env = Map.of("JOB_COMPLETION_INDEX", "3", "SIGLOAD_SHARD_COUNT", "4");
            }
            ps.add(start(dir, "shard-" + i, env, a));
            names.add("shard-" + i);
        }
        awaitAll(dir, ps, names);

        JsonNode single = runWhole(dir.resolve("single.json"), List.of("scenarios/thirty-users.yaml", "--seed", seed));
        JsonNode merged = merge(shards, dir.resolve("merged.json"), dir.resolve("merged.hlog"));
        assertSameRun(merged, single, false);
        Shards.assertCountsAdd(merged, shards);
        for (int i = 0; i < 4; i++) {
            JsonNode s = JSON.readTree(shards.get(i).toFile()).path("shard");
            assertThat(s.path("index").asInt()).isEqualTo(i);
            assertThat(s.path("startAt").asText()).isEqualTo(startAt.toString());
            assertThat(Instant.parse(s.path("releasedAt").asText())).as("never released before --start-at")
                    .isAfterOrEqualTo(startAt);
            assertThat(s.path("startLateMillis").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(Files.readString(dir.resolve("shard-" + i + ".out"))).contains("after --start-at " + startAt);
        }
        assertThat(merged.path("merge").path("maxStartLateMillis").isNumber()).isTrue();
    }

    @Test
    void shardProcesses_againstASigloadServeProcess_mergeToTheUnshardedRun(@TempDir Path dir) throws Exception {
        Process serve = start(dir, "serve", Map.of(), List.of("serve", "--port", "0", "--demo-credentials", "--clock-offset", "90s"));
        try {
            String url = CompletableFuture.supplyAsync(() -> {
                try (var r = new BufferedReader(new InputStreamReader(Files.newInputStream(dir.resolve("serve.out")),
                        StandardCharsets.UTF_8))) {
                    for (int i = 0; i < 600; i++) {
                        String line = r.readLine();
                        if (line != null && line.startsWith("http://127.0.0.1:")) {
                            return line.strip();
                        }
                        if (line == null) {
                            Thread.sleep(100);
                        }
                    }
                    return null;
                } catch (Exception e) {
                    return null;
                }
            }).get(90, TimeUnit.SECONDS);
            assertThat(url).as(Files.readString(dir.resolve("serve.err"))).isNotNull();
            List<String> scenario = List.of("scenarios/remote-endpoint.yaml", "--set", "endpoint=null", "--set",
                    "signer.url=" + url, "--participants", "50", "--seed", "5");
            List<Process> ps = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<Path> shards = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Path json = dir.resolve("shard-" + i + ".json");
                shards.add(json);
                List<String> a = new ArrayList<>(List.of("run"));
                a.addAll(scenario);
                a.addAll(List.of("--shard", i + "/2", "--json", json.toString()));
                ps.add(start(dir, "shard-" + i, Map.of(), a));
                names.add("shard-" + i);
            }
            awaitAll(dir, ps, names);
            JsonNode single = runWhole(dir.resolve("single.json"), scenario);
            JsonNode merged = merge(shards, dir.resolve("merged.json"), dir.resolve("merged.hlog"));
            assertSameRun(merged, single, true);
            assertThat(merged.path("byReason").path("IAT_IN_FUTURE").asInt()).isEqualTo(50);
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
