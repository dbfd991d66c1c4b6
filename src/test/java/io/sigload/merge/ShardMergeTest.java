package io.sigload.merge;

import static io.sigload.merge.Shards.assertSameRun;
import static io.sigload.merge.Shards.merge;
import static io.sigload.merge.Shards.runShards;
import static io.sigload.merge.Shards.runWhole;
import static io.sigload.merge.Shards.sumOfLogs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.report.LatencyPhase;
import io.sigload.report.LatencySummary;
import io.sigload.serve.Minting;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.IatFormula;
import io.sigload.token.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run cut into N shards (each a separate {@code sigload run --shard i/N}) and merged equals the
 * unsharded run of the same seed: same participants, verdict counts by reason, skew ranges,
 * failure sample and diagnosis; and the merged histograms are the sum of the shards' logs. In this
 * JVM for speed; {@link ShardProcessTest} runs shards as separate processes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShardMergeTest {
    private static final Map<String, JsonNode> SINGLE = new ConcurrentHashMap<>();
    private static SignatureServer endpoint;

    @TempDir
    static Path shared;

    @BeforeAll
    static void startEndpoint() throws Exception {
        // the reference endpoint with its clock 90 s fast: every token is refused, deterministically
        endpoint = SignatureServer.start(ServeConfig.loopback("SIGLOAD_DEMO_SDK_KEY_NOT_REAL", Secret.demo())
                .withMinting(new Minting(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90)), IatFormula.FLOOR)));
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    private static JsonNode single(String key, List<String> args) throws Exception {
        JsonNode cached = SINGLE.get(key);
        if (cached == null) {
            cached = runWhole(shared.resolve("single-" + SINGLE.size() + ".json"), args);
            SINGLE.put(key, cached);
        }
        return cached;
    }

    static Stream<Arguments> seedsAndShardCounts() {
        List<Arguments> a = new ArrayList<>();
        for (long seed : new long[] {42, 7, 20260302}) {
            for (int n : new int[] {1, 2, 4, 7}) {
                a.add(Arguments.of(seed, n));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "thirty-users (in-process signer), seed {0}, {1} shards")
    @MethodSource("seedsAndShardCounts")
    void inProcessSigner_mergedShardsEqualTheUnshardedRun(long seed, int n, @TempDir Path dir) throws Exception {
        List<String> args = List.of("scenarios/thirty-users.yaml", "--seed", String.valueOf(seed));
        check(args, single("thirty-users " + seed, args), n, dir, false);
    }

    @ParameterizedTest(name = "java-float-round (failures at random instants), {0} shards")
    @MethodSource("floatCounts")
    void failuresAtRandomInstants_mergeExactly(int n, @TempDir Path dir) throws Exception {
        List<String> args = List.of("scenarios/java-float-round.yaml", "--participants", "200");
        check(args, single("float", args), n, dir, false);
    }

    static Stream<Integer> floatCounts() {
        return Stream.of(2, 7);
    }

    @ParameterizedTest(name = "open model (arrival rate, maxInFlight shared out), {0} shards")
    @MethodSource("shardCounts")
    void openModel_mergedShardsEqualTheUnshardedRun(int n, @TempDir Path dir) throws Exception {
        List<String> args = List.of("scenarios/thirty-users.yaml", "--participants", "300", "--set",
                "load={model: arrival-rate, maxInFlight: 14, whenFull: wait, stages: [{rate: 3000/s, for: 1s}]}");
        JsonNode merged = check(args, single("open", args), n, dir, false);
        assertThat(merged.path("loadModel").asText()).isEqualTo("arrival-rate");
        assertThat(merged.path("latencyMicros").path("totalUncorrected").path("count").asLong()).isEqualTo(300);
    }

    static Stream<Integer> shardCounts() {
        return Stream.of(1, 2, 4, 7);
    }

    @ParameterizedTest(name = "http signer against sigload serve, seed {0}, {1} shards")
    @MethodSource("remoteSeedsAndShardCounts")
    void remoteEndpoint_mergedShardsEqualTheUnshardedRun(long seed, int n, @TempDir Path dir) throws Exception {
        List<String> args = List.of("scenarios/remote-endpoint.yaml", "--set", "endpoint=null", "--set",
                "signer.url=" + endpoint.uri(), "--participants", "60", "--seed", String.valueOf(seed));
        JsonNode merged = check(args, single("remote " + seed, args), n, dir, true);
        assertThat(merged.path("byReason").path("IAT_IN_FUTURE").asInt()).isEqualTo(60);
        assertThat(merged.path("signerCounters").path("attempts").asLong()).as("60 participants + one warm-up per shard")
                .isEqualTo(60 + n);
    }

    static Stream<Arguments> remoteSeedsAndShardCounts() {
        List<Arguments> a = new ArrayList<>();
        for (long seed : new long[] {11, 5}) {
            for (int n : new int[] {1, 2, 4, 7}) {
                a.add(Arguments.of(seed, n));
            }
        }
        return a.stream();
    }

    @Test
    void shardFiles_neverHoldAHeaderValueOrAUrlsQuery(@TempDir Path dir) throws Exception {
        List<String> args = List.of("scenarios/remote-endpoint.yaml", "--set", "endpoint=null", "--set",
                "signer.url=" + endpoint.uri() + "?key=s3cr3t-query-value-42", "--set",
                "signer.headers={Content-Type: application/json, X-Api-Key: s3cr3t-header-value-42}", "--participants", "8");
        List<Path> shards = runShards(dir, 2, args);
        JsonNode merged = merge(shards, dir.resolve("merged.json"), dir.resolve("merged.hlog"));
        assertThat(merged.path("invalid").asInt()).isEqualTo(8);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("s3cr3t");
            }
        }
        JsonNode tree = Shards.JSON.readTree(shards.get(0).toFile()).path("shard").path("scenario");
        assertThat(tree.at("/signer/headers/X-Api-Key").asText()).isEqualTo("(redacted)");
        assertThat(tree.at("/signer/url").asText()).isEqualTo(endpoint.uri() + " (redacted)");
    }

    @Test
    void tenThousandParticipants_fourShards_sameSampleScatterAndDiagnosis(@TempDir Path dir) throws Exception {
        List<String> args = List.of("scenarios/thirty-users.yaml", "--participants", "10000", "--set", "signer.type=fast");
        JsonNode merged = check(args, single("10k", args), 4, dir, false);
        assertThat(merged.path("scatter")).hasSize(2000);
        assertThat(merged.path("failures")).hasSize(20);
    }

    /** Shards, merge, compare with the single run; merged histograms against the sum of the logs. */
    private static JsonNode check(List<String> args, JsonNode single, int n, Path dir, boolean wall) throws Exception {
        List<Path> shards = runShards(dir, n, args);
        JsonNode merged = merge(shards, dir.resolve("merged.json"), dir.resolve("merged.hlog"));
        assertSameRun(merged, single, wall);
        Shards.assertCountsAdd(merged, shards);
        assertThat(merged.path("merge").path("shardCount").asInt()).isEqualTo(n);
        assertThat(merged.path("merge").path("partial").asBoolean()).isFalse();
        assertThat(merged.has("interrupted")).isFalse();

        Map<LatencyPhase, Histogram> sum = sumOfLogs(shards);
        Map<LatencyPhase, Histogram> written = ShardFiles.readHistogramLog(dir.resolve("merged.hlog"));
        assertThat(written.keySet()).isEqualTo(sum.keySet());
        for (var e : sum.entrySet()) {
            String phase = e.getKey().wireName();
            Histogram h = e.getValue();
            long shardTotal = 0;
            List<JsonNode> shardSummaries = new ArrayList<>();
            for (Path s : shards) {
                JsonNode lat = Shards.JSON.readTree(s.toFile()).path("latencyMicros").path(phase);
                shardTotal += lat.path("count").asLong();
                shardSummaries.add(lat);
            }
            assertThat(h.getTotalCount()).as(phase + ": counts add exactly").isEqualTo(shardTotal);
            assertThat(buckets(written.get(e.getKey()))).as(phase + ": the merged log is the sum, bucket for bucket")
                    .isEqualTo(buckets(h));
            JsonNode reported = merged.path("latencyMicros").path(phase);
            assertThat(Shards.JSON.treeToValue(reported, LatencySummary.class)).as(phase + ": the report's percentiles are the sum's")
                    .isEqualTo(LatencySummary.ofNanos(h));
            for (String p : List.of("p50", "p90", "p99", "max")) {
                double lo = shardSummaries.stream().mapToDouble(x -> x.path(p).asDouble()).min().orElseThrow();
                double hi = shardSummaries.stream().mapToDouble(x -> x.path(p).asDouble()).max().orElseThrow();
                // a percentile of a mixture lies between its parts' (within one HdrHistogram bucket, 0.1%)
                assertThat(reported.path(p).asDouble()).as(phase + " " + p).isBetween(lo * 0.998 - 0.1, hi * 1.002 + 0.1);
            }
        }
        return merged;
    }

    private static List<String> buckets(Histogram h) {
        List<String> out = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            out.add(v.getValueIteratedTo() + "x" + v.getCountAtValueIteratedTo());
        }
        return out;
    }
}
