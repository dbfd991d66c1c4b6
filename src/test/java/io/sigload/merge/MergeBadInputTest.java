package io.sigload.merge;

import static io.sigload.merge.Shards.JSON;
import static io.sigload.merge.Shards.runShards;
import static io.sigload.merge.Shards.sigload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.merge.Shards.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards that do not belong together, or files that were cut or edited, are refused with exit 2,
 * a message naming the file and the problem, and nothing written; an interrupted or missing shard
 * is merged only with --allow-partial, and the result says so.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MergeBadInputTest {
    @TempDir
    static Path made;
    static List<Path> four;
    static Path otherSeed;
    static Path otherScenario;
    static Path otherCount;

    @BeforeAll
    static void runShards_ofFourRuns() throws Exception {
        four = runShards(dir("four"), 4, List.of("scenarios/thirty-users.yaml"));
        otherSeed = runShards(dir("seed7"), 4, List.of("scenarios/thirty-users.yaml", "--seed", "7")).get(3);
        otherScenario = runShards(dir("server"), 4, List.of("scenarios/thirty-users-server.yaml")).get(3);
        otherCount = runShards(dir("three"), 3, List.of("scenarios/thirty-users.yaml")).get(1);
    }

    private static Path dir(String name) throws IOException {
        return Files.createDirectories(made.resolve(name));
    }

    /** Copies shard reports (and their .hlog) into dir, each under a new name, so they can be edited. */
    private static List<Path> copy(Path dir, Path... shards) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < shards.length; i++) {
            Path json = dir.resolve("in-" + i + ".json");
            Path hlog = ShardFiles.histogramLogFor(json);
            ObjectNode o = (ObjectNode) JSON.readTree(shards[i].toFile());
            ((ObjectNode) o.get("shard")).put("histogramLog", hlog.getFileName().toString());
            JSON.writeValue(json.toFile(), o);
            Files.copy(ShardFiles.histogramLogFor(shards[i]), hlog);
            out.add(json);
        }
        return out;
    }

    private static void edit(Path json, Consumer<ObjectNode> change) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(json.toFile());
        change.accept(o);
        JSON.writeValue(json.toFile(), o);
    }

    private static Outcome merge(Path out, List<Path> shards, String... flags) {
        List<String> a = new ArrayList<>(List.of("merge"));
        shards.forEach(p -> a.add(p.toString()));
        a.addAll(List.of("--json", out.toString()));
        a.addAll(Arrays.asList(flags));
        return Shards.sigload(a);
    }

    private static void assertRefused(Outcome o, Path out, String... says) {
        assertThat(o.code()).as(o.out() + o.err()).isEqualTo(2);
        assertThat(o.err()).contains(says).contains("nothing was merged").doesNotContain("at io.sigload");
        assertThat(o.out()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void missingShard_isRefused_namingIt_andItsParticipants(@TempDir Path d) {
        Outcome o = merge(d.resolve("m.json"), List.of(four.get(0), four.get(1), four.get(3)));
        assertRefused(o, d.resolve("m.json"), "missing shard 2/4 (3 of 4 given; participants 2, 6, 10, ... are in shard 2/4)",
                "--allow-partial");
    }

    @Test
    void shardGivenTwice_isRefused_namingBothFiles(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.get(0), four.get(1), four.get(2), four.get(3), four.get(2));
        Outcome o = merge(d.resolve("m.json"), c);
        assertRefused(o, d.resolve("m.json"), "shard 2/4 is given 2 times: " + c.get(2) + ", " + c.get(4));
    }

    @Test
    void shardOfAnotherSeed_isRefused(@TempDir Path d) {
        Outcome o = merge(d.resolve("m.json"), List.of(four.get(0), four.get(1), four.get(2), otherSeed));
        assertRefused(o, d.resolve("m.json"), otherSeed + ": seed 7, but " + four.get(0) + " has seed 42");
    }

    @Test
    void shardOfAnotherScenario_isRefused_sayingWhatDiffers(@TempDir Path d) {
        Outcome o = merge(d.resolve("m.json"), List.of(four.get(0), four.get(1), four.get(2), otherScenario));
        assertRefused(o, d.resolve("m.json"), otherScenario + ": another scenario than " + four.get(0),
                "thirty-users-server vs thirty-users", "signer.mintedOn");
    }

    @Test
    void shardOfAnotherShardCount_isRefused(@TempDir Path d) {
        Outcome o = merge(d.resolve("m.json"), List.of(four.get(0), four.get(1), four.get(2), four.get(3), otherCount));
        assertRefused(o, d.resolve("m.json"), otherCount + ": shard 1/3, but " + four.get(0) + " is shard 0/4");
    }

    @Test
    void truncatedHistogramLog_isRefused_crossCheckedWithTheReportsCounts(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        Path hlog = ShardFiles.histogramLogFor(c.get(2));
        byte[] all = Files.readAllBytes(hlog);
        Files.write(hlog, Arrays.copyOf(all, all.length * 2 / 3));
        Outcome o = merge(d.resolve("m.json"), c);
        assertRefused(o, d.resolve("m.json"), hlog.toString());
        assertThat(o.err()).containsAnyOf("truncated", "cannot be decoded");
    }

    @Test
    void histogramLogOfAnotherShard_isRefused(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        Files.copy(ShardFiles.histogramLogFor(c.get(1)), ShardFiles.histogramLogFor(c.get(2)),
                StandardCopyOption.REPLACE_EXISTING);
        Outcome o = merge(d.resolve("m.json"), c);
        assertRefused(o, d.resolve("m.json"), ShardFiles.histogramLogFor(c.get(2)) + ": phase sign has 8 values, the report "
                + c.get(2).getFileName() + " counts 7");
    }

    @Test
    void missingHistogramLog_isRefused(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        Files.delete(ShardFiles.histogramLogFor(c.get(0)));
        assertRefused(merge(d.resolve("m.json"), c), d.resolve("m.json"), "in-0.hlog: no such file");
    }

    @Test
    void truncatedReport_isRefused(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        String text = Files.readString(c.get(3));
        Files.writeString(c.get(3), text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        assertRefused(merge(d.resolve("m.json"), c), d.resolve("m.json"), c.get(3) + ": not valid JSON");
    }

    @Test
    void editedCounts_areRefused(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        edit(c.get(1), o -> o.put("valid", o.get("valid").asLong() + 1));
        edit(c.get(0), o -> ((ObjectNode) o.get("failures").get(0)).put("participant", 3));
        Outcome o = merge(d.resolve("m.json"), c);
        assertRefused(o, d.resolve("m.json"), c.get(1) + ": completed 8 is not valid 9 + invalid 0",
                c.get(0) + ": failing participant 3 is not in shard 0/4");
    }

    @Test
    void aMissingText_readsAsNull_butAMissingNumberIsRefused(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        // a sigload that did not write the failing participants' zone: still merged
        edit(c.get(0), o -> o.get("failures").forEach(f -> ((ObjectNode) f).remove("zone")));
        Outcome ok = merge(d.resolve("m.json"), c);
        assertThat(ok.code()).as(ok.err()).isZero();
        edit(c.get(3), o -> ((ObjectNode) o.get("failures").get(0)).remove("skewMillis"));
        assertRefused(merge(d.resolve("m2.json"), c), d.resolve("m2.json"),
                c.get(3) + ": 'failures[0]' cannot be read as FailureSample", "skewMillis");
    }

    @Test
    void plainRunReport_isRefused_sayingHowToMakeAShard(@TempDir Path d) throws Exception {
        Path plain = d.resolve("plain.json");
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--json", plain.toString()).code()).isZero();
        assertRefused(merge(d.resolve("m.json"), List.of(plain)), d.resolve("m.json"),
                plain + ": a run report without a shard section", "--shard I/N");
    }

    @Test
    void interruptedShard_isRefused_thenMergedWithAllowPartial_andTheResultSaysSo(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        edit(c.get(3), o -> o.put("interrupted", true));
        assertRefused(merge(d.resolve("m.json"), c), d.resolve("m.json"),
                c.get(3) + ": shard 3/4 was interrupted", "--allow-partial");

        Outcome ok = merge(d.resolve("m.json"), c, "--allow-partial");
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode m = JSON.readTree(d.resolve("m.json").toFile());
        assertThat(m.path("interrupted").asBoolean()).isTrue();
        assertThat(m.path("merge").path("partial").asBoolean()).isTrue();
        assertThat(m.path("merge").path("interrupted")).containsExactly(JSON.getNodeFactory().numberNode(3));
        assertThat(ok.out()).contains("PARTIAL").contains("shard 3/4 interrupted");
    }

    @Test
    void missingShard_withAllowPartial_mergesTheRest_andCountsTheMissingAsNotStarted(@TempDir Path d) throws Exception {
        Outcome ok = merge(d.resolve("m.json"), List.of(four.get(0), four.get(1), four.get(3)), "--allow-partial");
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode m = JSON.readTree(d.resolve("m.json").toFile());
        assertThat(m.path("participants").asInt()).isEqualTo(30);
        assertThat(m.path("completed").asInt()).isEqualTo(23);
        assertThat(m.path("merge").path("missing")).containsExactly(JSON.getNodeFactory().numberNode(2));
        assertThat(m.path("interrupted").asBoolean()).isTrue();
        assertThat(ok.out()).contains("7 did not start").contains("shard 2/4 missing: 23 of 30 planned participants");
    }

    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.get(0), four.get(1), four.get(2));
        Files.writeString(c.get(1), "{", StandardCharsets.UTF_8);
        Outcome o = merge(d.resolve("m.json"), List.of(c.get(0), c.get(1), c.get(2), d.resolve("nope.json")));
        assertRefused(o, d.resolve("m.json"), c.get(1) + ": not valid JSON", d.resolve("nope.json") + ": no such file");
    }

    @Test
    void directoryOfShards_mergesTheShardsAndSaysWhatItIgnored(@TempDir Path d) throws Exception {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        Files.writeString(d.resolve("notes.json"), "{\"hello\": 1}", StandardCharsets.UTF_8);
        Outcome o = Shards.sigload("merge", d.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("ignoring " + d.resolve("notes.json"));
        assertThat(o.out()).contains("sigload merge: 4 of 4 shards of thirty-users").contains("25 valid, 5 invalid");
        assertThat(c).hasSize(4);
    }

    /** Until run --failures exists (issue #15), the shards' every-failure files are made here. */
    private static List<Path> withFailureFiles(Path d, int cutFromShard) throws IOException {
        List<Path> c = copy(d, four.toArray(Path[]::new));
        for (int i = 0; i < c.size(); i++) {
            Path json = c.get(i);
            JsonNode r = JSON.readTree(json.toFile());
            String name = "in-" + i + ".failures.jsonl";
            StringBuilder lines = new StringBuilder();
            long n = r.path("invalid").asLong() - (i == cutFromShard ? 1 : 0);
            for (int k = 0; k < n; k++) {
                lines.append("{\"participant\":").append(r.path("failures").get(k).path("participant").asInt()).append("}\n");
            }
            Files.writeString(d.resolve(name), lines.toString());
            edit(json, o -> ((ObjectNode) o.get("shard")).put("failuresFile", name));
        }
        return c;
    }

    @Test
    void failures_concatenatesTheShardsEveryFailureFiles_inShardOrder(@TempDir Path d) throws Exception {
        List<Path> c = withFailureFiles(d, -1);
        Outcome o = merge(d.resolve("m.json"), c, "--failures", d.resolve("all.jsonl").toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("5 failing participants written to " + d.resolve("all.jsonl"));
        // shard 0's failing participants (8, 20, 24, 28), then shard 3's (7)
        assertThat(Files.readAllLines(d.resolve("all.jsonl"))).containsExactly("{\"participant\":8}",
                "{\"participant\":20}", "{\"participant\":24}", "{\"participant\":28}", "{\"participant\":7}");
    }

    @Test
    void failures_refusesAFileThatLostALine(@TempDir Path d) throws Exception {
        List<Path> c = withFailureFiles(d, 0);
        Outcome o = merge(d.resolve("m.json"), c, "--failures", d.resolve("all.jsonl").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("in-0.failures.jsonl: 3 failing participants, but in-0.json counts 4 invalid");
    }

    @Test
    void failures_withoutTheShardsFiles_saysHowToMakeThem(@TempDir Path d) throws Exception {
        Outcome o = merge(d.resolve("m.json"), four, "--failures", d.resolve("all.jsonl").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("the shard wrote no --failures file; run the shards with --failures FILE");
    }

    @Test
    void mergedResultAsInput_isRefused(@TempDir Path d) throws Exception {
        Path merged = d.resolve("merged.json");
        assertThat(merge(merged, four).code()).isZero();
        assertRefused(merge(d.resolve("again.json"), List.of(merged)), d.resolve("again.json"),
                merged + ": a merged result, not a shard");
    }
}
