package io.sigload.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.cli.Main;
import io.sigload.report.LatencyPhase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Runs sharded and unsharded runs through the CLI and compares their reports. */
final class Shards {
    static final ObjectMapper JSON = new ObjectMapper();

    private Shards() {
    }

    /** One command line's outcome. */
    record Outcome(int code, String out, String err) {
    }

    static Outcome sigload(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static Outcome sigload(List<String> args) {
        return sigload(args.toArray(String[]::new));
    }

    /** {@code run ARGS --shard i/n --json DIR/shard-i.json} for every i; each must exit 0. */
    static List<Path> runShards(Path dir, int n, List<String> runArgs) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path json = dir.resolve("shard-" + i + ".json");
            List<String> a = new ArrayList<>(List.of("run"));
            a.addAll(runArgs);
            a.addAll(List.of("--shard", i + "/" + n, "--json", json.toString()));
            Outcome o = sigload(a);
            assertThat(o.code()).as("shard %d/%d: %s", i, n, o.err()).isZero();
            files.add(json);
        }
        return files;
    }

    /** {@code run ARGS --json FILE}, exit 0. */
    static JsonNode runWhole(Path json, List<String> runArgs) throws IOException {
        List<String> a = new ArrayList<>(List.of("run"));
        a.addAll(runArgs);
        a.addAll(List.of("--json", json.toString()));
        Outcome o = sigload(a);
        assertThat(o.code()).as(o.err()).isZero();
        return JSON.readTree(json.toFile());
    }

    /** {@code merge FILES --json FILE --hlog FILE}, exit 0, the merged report. */
    static JsonNode merge(List<Path> shards, Path json, Path hlog) throws IOException {
        List<String> a = new ArrayList<>(List.of("merge"));
        shards.forEach(p -> a.add(p.toString()));
        a.addAll(List.of("--json", json.toString(), "--hlog", hlog.toString()));
        Outcome o = sigload(a);
        assertThat(o.code()).as(o.out() + o.err()).isZero();
        return JSON.readTree(json.toFile());
    }

    /**
     * The merged run against the unsharded one: the same participants, verdict counts by reason,
     * warnings, hints, mint errors, skew ranges, failure sample, scatter and diagnosis. In wall
     * time a token's numbers (iat, the validator's second) depend on the instant it was minted, so
     * there the failure sample is compared by participant, skew, role and reason codes, and hints
     * (which read the iat value: FLOAT_PRECISION_TIME fires when iat is a multiple of 128) are not
     * compared: a wall-clock edge, not a merge rule.
     */
    static void assertSameRun(JsonNode merged, JsonNode single, boolean wallTime) {
        for (String f : List.of("scenario", "seed", "participants", "completed", "valid", "invalid", "byReason",
                "warnings", "mintErrors", "skewValid", "skewByReason", "droppedStarts")) {
            assertThat(merged.get(f)).as(f).isEqualTo(single.get(f));
        }
        if (!wallTime) {
            assertThat(merged.get("hints")).as("hints").isEqualTo(single.get("hints"));
        }
        for (String phase : List.of("sign", "validate", "total", "totalUncorrected")) {
            assertThat(merged.path("latencyMicros").path(phase).path("count"))
                    .as("latency count of " + phase).isEqualTo(single.path("latencyMicros").path(phase).path("count"));
        }
        if (wallTime) {
            assertThat(essentials(merged.get("failures"))).as("failure sample").isEqualTo(essentials(single.get("failures")));
        } else {
            assertThat(merged.get("failures")).as("failure sample").isEqualTo(single.get("failures"));
            assertThat(merged.get("scatter")).as("scatter").isEqualTo(single.get("scatter"));
            assertThat(merged.get("diagnosis")).as("diagnosis").isEqualTo(single.get("diagnosis"));
            // the diagnosis' evidence adds exactly (issue #11): the merged evidence is the single run's
            assertThat(merged.get("evidence")).as("evidence").isEqualTo(single.get("evidence"));
        }
        assertThat(merged.get("failures")).hasSizeGreaterThanOrEqualTo(Math.min(20, single.get("invalid").asInt()));
    }

    private static List<String> essentials(JsonNode failures) {
        List<String> out = new ArrayList<>();
        failures.forEach(f -> out.add(f.path("participant").asInt() + " " + f.path("skewMillis").asLong() + " "
                + f.path("role").asInt() + " " + f.path("errors")));
        return out;
    }

    /** Every count map of the merged report is the sum of the shards' maps. */
    static void assertCountsAdd(JsonNode merged, List<Path> shards) throws IOException {
        for (String f : List.of("byReason", "warnings", "hints", "mintErrors", "signerCounters")) {
            Map<String, Long> sum = new TreeMap<>();
            long valid = 0;
            for (Path p : shards) {
                JsonNode s = JSON.readTree(p.toFile());
                s.path(f).properties().forEach(e -> sum.merge(e.getKey(), e.getValue().asLong(), Long::sum));
                valid += s.path("valid").asLong();
            }
            Map<String, Long> actual = new TreeMap<>();
            merged.path(f).properties().forEach(e -> actual.put(e.getKey(), e.getValue().asLong()));
            assertThat(actual).as(f + " adds up over the shards").isEqualTo(sum);
            assertThat(merged.path("valid").asLong()).isEqualTo(valid);
        }
    }

    /** Phase → the sum of the shards' histogram logs. */
    static Map<LatencyPhase, Histogram> sumOfLogs(List<Path> shards) throws MergeException {
        Map<LatencyPhase, Histogram> sum = new EnumMap<>(LatencyPhase.class);
        for (Path json : shards) {
            ShardFiles.readHistogramLog(ShardFiles.histogramLogFor(json))
                    .forEach((p, h) -> sum.computeIfAbsent(p, k -> new Histogram(3)).add(h));
        }
        return sum;
    }
}
