package io.sigload.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {
    private static final String SIGN = "io.sigload.bench.SignerBench.sign";
    private static final String FLOOR = "io.sigload.bench.HmacFloorBench.reusedMac";

    @TempDir
    Path dir;

    private static final GateSettings MEDIAN = GateSettings.defaults().withEstimator(Bootstrap.Estimator.MEDIAN);

    /** One side of an interleaved gate on a busy machine: 3 rounds of 1 fork x 8 iterations, 30% of them disturbed. */
    private static SyntheticJmh busy(long seed, double signerMean) {
        return new SyntheticJmh(seed).disturbed(0.3).add(SIGN, "java-jwt", signerMean, 0.03, 0.03, 3, 8, 7500);
    }

    /** Over 20 simulated trials: [false alarms in A/A, detections of a 30% slowdown]. */
    private int[] rates(GateSettings settings) throws Exception {
        int falseAlarms = 0;
        int detections = 0;
        for (int trial = 0; trial < 20; trial++) {
            long seed = 1000L * trial;
            Comparison aa = find(gate(busy(seed + 1, 3000), busy(seed + 2, 3000), settings), "java-jwt", "time");
            Comparison ab = find(gate(busy(seed + 3, 3000), busy(seed + 4, 3900), settings), "java-jwt", "time");
            falseAlarms += aa.verdict() == GateVerdict.REGRESSION ? 1 : 0;
            detections += ab.verdict() == GateVerdict.REGRESSION ? 1 : 0;
            assertThat(aa.verdict()).as("A/A trial %d: %s", trial, aa).isNotEqualTo(GateVerdict.IMPROVEMENT);
        }
        return new int[] {falseAlarms, detections};
    }

    @Test
    void onABusyMachine_theFastestIterationsNeverCryWolf_andCatchA30PercentSlowdown() throws Exception {
        assertThat(rates(GateSettings.defaults())).containsExactly(0, 20);
    }

    @Test
    void onABusyMachine_theMedianAndTheMeanMissTheSlowdown() throws Exception {
        GateSettings mean = GateSettings.defaults().withEstimator(Bootstrap.Estimator.MEAN);
        // Same trials as above: the disturbed iterations widen their intervals past the threshold.
        assertThat(rates(mean)[1]).isLessThanOrEqualTo(2);
        assertThat(rates(MEDIAN)[1]).isLessThanOrEqualTo(2);
    }

    private static SyntheticJmh typical(long seed, double signerMean, double noise) {
        return typical(new SyntheticJmh(seed), signerMean, noise, 0);
    }

    private static SyntheticJmh typical(SyntheticJmh s, double signerMean, double noise, double forkNoise) {
        return s.add(FLOOR, null, 280, noise, forkNoise, 2, 5, 48)
                .add(SIGN, "java-jwt", signerMean, noise, forkNoise, 2, 5, 7500);
    }

    private GateReport gate(SyntheticJmh base, SyntheticJmh cur, GateSettings s) throws IOException, GateInputException {
        return Gate.compareFiles(base.write(dir.resolve("base.json")), cur.write(dir.resolve("cur.json")), s);
    }

    private static Comparison find(GateReport r, String namePart, String metric) {
        return r.comparisons().stream().filter(c -> c.name().contains(namePart) && c.metric().equals(metric)).findFirst()
                .orElseThrow();
    }

    /** The smoke profile's shape: 1 fork x 1 iteration per benchmark. */
    private static SyntheticJmh smoke(long seed, double signerMean) {
        return new SyntheticJmh(seed).add(FLOOR, null, 280, 0.2, 0.2, 1, 1, 48)
                .add(SIGN, "java-jwt", signerMean, 0.2, 0.2, 1, 1, 7500);
    }

    @Test
    void smokeResults_oneForkOneIteration_areInconclusiveTooFewSamples_neverARegression() throws Exception {
        // issue #15: two smoke runs of one build read as "REGRESSION HmacFloorBench.sha256Only +32.2%", exit 1
        for (int trial = 0; trial < 20; trial++) {
            GateReport r = gate(smoke(2L * trial, 1840), smoke(2L * trial + 1, 1840 * 1.32), GateSettings.defaults());
            assertThat(r.failed()).as("trial %d", trial).isFalse();
            assertThat(r.comparisons()).extracting(Comparison::verdict).containsOnly(GateVerdict.INCONCLUSIVE);
            assertThat(find(r, "java-jwt", "time").note()).startsWith("inconclusive: too few samples (baseline 1 fork x 1"
                    + " iteration, current 1 fork x 1 iteration; a verdict needs at least 2 forks x 3 iterations a side");
        }
    }

    @Test
    void sameCodeTwiceIsNoChange() throws Exception {
        GateReport r = gate(typical(1, 1840, 0.02), typical(2, 1840, 0.02), GateSettings.defaults());

        assertThat(r.failed()).isFalse();
        assertThat(r.comparisons()).extracting(Comparison::verdict).containsOnly(GateVerdict.NO_CHANGE);
    }

    @Test
    void thirtyPercentSlowerWithTightIntervalsIsARegression() throws Exception {
        GateReport r = gate(typical(1, 1840, 0.02), typical(2, 1840 * 1.3, 0.02), GateSettings.defaults());

        Comparison signer = find(r, "java-jwt", "time");
        assertThat(signer.verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(signer.change()).isBetween(0.25, 0.35);
        assertThat(signer.lower()).isGreaterThan(0.10);
        assertThat(find(r, "reusedMac", "time").verdict()).isEqualTo(GateVerdict.NO_CHANGE);
        assertThat(r.failed()).isTrue();
    }

    @Test
    void thirtyPercentSlowerWithHugeIntervalsIsNotARegression() throws Exception {
        // Forks that disagree by ~40% (a neighbour compiling during one fork) and noisy iterations.
        GateReport r = gate(typical(new SyntheticJmh(1), 1840, 0.3, 0.4), typical(new SyntheticJmh(2), 1840 * 1.3, 0.3, 0.4),
                GateSettings.defaults());

        Comparison signer = find(r, "java-jwt", "time");
        assertThat(signer.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
        assertThat(signer.lower()).isLessThan(0.10);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void smallCertainSlowdownBelowTheThresholdIsNoChange() throws Exception {
        GateReport r = gate(typical(1, 1840, 0.005), typical(2, 1840 * 1.04, 0.005), GateSettings.defaults());

        Comparison signer = find(r, "java-jwt", "time");
        assertThat(signer.lower()).isGreaterThan(0);
        assertThat(signer.verdict()).isEqualTo(GateVerdict.NO_CHANGE);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void thirtyPercentFasterIsAnImprovement() throws Exception {
        GateReport r = gate(typical(1, 1840, 0.02), typical(2, 1840 * 0.7, 0.02), GateSettings.defaults());

        assertThat(find(r, "java-jwt", "time").verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void moreAllocationPerOpIsARegressionEvenWhenTimeIsUnchanged() throws Exception {
        SyntheticJmh cur = new SyntheticJmh(2).add(FLOOR, null, 280, 0.02, 2, 5, 48)
                .add(SIGN, "java-jwt", 1840, 0.02, 2, 5, 7500 * 1.2);
        GateReport r = gate(typical(1, 1840, 0.02), cur, GateSettings.defaults());

        assertThat(find(r, "java-jwt", "alloc").verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(find(r, "java-jwt", "time").verdict()).isEqualTo(GateVerdict.NO_CHANGE);
        assertThat(r.failed()).isTrue();
    }

    @Test
    void allocationJitterBelowEightBytesIsIgnored() throws Exception {
        SyntheticJmh base = new SyntheticJmh(1).add(FLOOR, null, 280, 0.02, 2, 5, 0.01);
        SyntheticJmh cur = new SyntheticJmh(2).add(FLOOR, null, 280, 0.02, 2, 5, 0.4);

        assertThat(find(gate(base, cur, GateSettings.defaults()), "reusedMac", "alloc").verdict()).isEqualTo(GateVerdict.NO_CHANGE);
    }

    @Test
    void allocationIsComparedAtSteadyStateNotWhileTheJitIsWarming() throws Exception {
        // The current side's first iterations ran before C2: 10% more allocation there, none after.
        GateReport r = gate(typical(1, 1840, 0.02), typical(new SyntheticJmh(2).coldAlloc(750), 1840, 0.02, 0),
                GateSettings.defaults());

        assertThat(find(r, "java-jwt", "alloc").verdict()).isEqualTo(GateVerdict.NO_CHANGE);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void aSideStillWarmingUpGetsNoSlowerVerdict_byTheMedian() throws Exception {
        // Scores still falling 3x within each current fork: looks 100% slower, but it is JIT progress.
        GateReport r = gate(typical(1, 1840, 0.01), typical(new SyntheticJmh(2).warming(0.5), 1840, 0.01, 0), MEDIAN);

        Comparison signer = find(r, "java-jwt", "time");
        assertThat(signer.change()).isGreaterThan(0.5);
        assertThat(signer.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
        assertThat(signer.note()).contains("still warming up");
        assertThat(r.failed()).isFalse();
    }

    @Test
    void disturbedForksGetNoVerdict_byTheMedian() throws Exception {
        // Identical code (2,000 ns). The baseline shared the machine with a compile: most of its
        // iterations took twice as long, one per fork ran undisturbed. Looks 50% "faster" now.
        SyntheticJmh base = new SyntheticJmh(1).add(SIGN, "java-jwt", 4000, 0.02, 2, 5, 7500);
        SyntheticJmh cur = new SyntheticJmh(2).add(SIGN, "java-jwt", 2000, 0.02, 2, 5, 7500);
        Path b = base.write(dir.resolve("b.json"));
        String json = Files.readString(b)
                .replaceFirst("(\\[\\s*\\[\\s*)[0-9.E]+", "$1" + 1000.0)
                .replaceFirst("(\\]\\s*,\\s*\\[\\s*)[0-9.E]+", "$1" + 1000.0);
        Files.writeString(b, json);

        Comparison signer = find(Gate.compareFiles(b, cur.write(dir.resolve("c.json")), MEDIAN), "java-jwt", "time");

        assertThat(signer.change()).isLessThan(-0.4);
        assertThat(signer.note()).contains("disturbed in 2 of 2 baseline");
        assertThat(signer.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    }

    @Test
    void theIntervalIsReproducible() throws Exception {
        GateReport a = gate(typical(1, 1840, 0.1), typical(2, 1900, 0.1), GateSettings.defaults());
        GateReport b = gate(typical(1, 1840, 0.1), typical(2, 1900, 0.1), GateSettings.defaults());

        assertThat(a.comparisons()).isEqualTo(b.comparisons());
    }

    @Test
    void missingFileIsBadInput() throws IOException {
        Path base = typical(1, 1840, 0.02).write(dir.resolve("base.json"));

        assertThatThrownBy(() -> Gate.compareFiles(base, dir.resolve("nope.json"), GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void truncatedFileIsBadInput() throws IOException {
        Path base = typical(1, 1840, 0.02).write(dir.resolve("base.json"));
        String json = typical(2, 1840, 0.02).json();
        Path cur = Files.writeString(dir.resolve("cur.json"), json.substring(0, json.length() / 2));

        assertThatThrownBy(() -> Gate.compareFiles(base, cur, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("truncated");
    }

    @Test
    void emptyFileAndEmptyArrayAreBadInput() throws IOException {
        Path base = typical(1, 1840, 0.02).write(dir.resolve("base.json"));
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Path none = Files.writeString(dir.resolve("none.json"), "[]");

        assertThatThrownBy(() -> Gate.compareFiles(base, empty, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Gate.compareFiles(base, none, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("no benchmark results");
    }

    @Test
    void differentBenchmarkSetsAreBadInput() {
        SyntheticJmh cur = new SyntheticJmh(2).add(FLOOR, null, 280, 0.02, 2, 5, 48)
                .add(SIGN, "nimbus", 2900, 0.02, 2, 5, 9000);

        assertThatThrownBy(() -> gate(typical(1, 1840, 0.02), cur, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class)
                .hasMessageContaining("different benchmark sets")
                .hasMessageContaining("signer=java-jwt")
                .hasMessageContaining("signer=nimbus");
    }

    @Test
    void aBaselineFromAnotherJdkIsBadInputUnlessAllowed() throws Exception {
        SyntheticJmh old = typical(new SyntheticJmh(1).jdk("21.0.5", "21.0.5+11-LTS"), 1840, 0.02, 0);

        assertThatThrownBy(() -> gate(old, typical(2, 1840, 0.02), GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("JDK 21.0.5");
        GateSettings allow = GateSettings.defaults().withEstimator(Bootstrap.Estimator.MEDIAN)
                .withAllowJdkMismatch(true);
        SyntheticJmh old2 = typical(new SyntheticJmh(1).jdk("21.0.5", "21.0.5+11-LTS"), 1840, 0.02, 0);
        assertThat(gate(old2, typical(2, 1840, 0.02), allow).notes()).anyMatch(n -> n.startsWith("WARNING"));
    }

    @Test
    void interleavedRoundsMergeTheirForks() throws Exception {
        List<JmhResult> r1 = JmhResultFile.read(typical(1, 1000, 0.01).write(dir.resolve("r1.json")));
        List<JmhResult> r2 = JmhResultFile.read(typical(2, 2000, 0.01).write(dir.resolve("r2.json")));

        List<JmhResult> merged = Interleave.merge(List.of(r1, r2), "baseline");

        JmhResult signer = merged.stream().filter(r -> r.benchmark().equals(SIGN)).findFirst().orElseThrow();
        assertThat(signer.raw()).hasSize(4);
        assertThat(signer.score()).isBetween(1450.0, 1550.0);
    }

    @Test
    void reportsCarryTheRegression() throws Exception {
        GateReport r = gate(typical(1, 1840, 0.02), typical(2, 1840 * 1.3, 0.02), GateSettings.defaults());

        assertThat(r.markdown()).contains("FAIL").contains("SignerBench.sign signer=java-jwt");
        assertThat(r.junitXml()).contains("<failure").contains("failures=\"1\"");
        assertThat(r.text()).contains("slower").contains("FAIL");
    }

    private static JmhResult withAlloc(List<List<Double>> alloc) {
        return new JmhResult("io.sigload.bench.SignerBench.sign", "avgt", new TreeMap<>(Map.of("signer",
                "java-jwt")), "ns/op", 2000, 10, List.of(List.of(2000.0, 2000.0)), alloc.getFirst().getFirst(), alloc, "25",
                "OpenJDK 64-Bit Server VM", "25");
    }

    @Test
    void allocationStillChangingBetweenIterations_getsNoVerdict() {
        // Measured on a starved machine: code ~100x slower than normal, not yet compiled by C2.
        JmhResult base = withAlloc(List.of(List.of(7430.0, 7404.0, 7402.0, 7403.0, 7189.0),
                List.of(7523.0, 7461.0, 7459.0, 7458.0, 7459.0)));
        JmhResult cur = withAlloc(List.of(List.of(7885.0, 7874.0, 7875.0, 7877.0, 7875.0),
                List.of(7873.0, 7875.0, 7875.0, 7877.0, 7741.0)));

        Comparison a = Gate.alloc(base, cur, GateSettings.defaults());

        assertThat(a.change()).isGreaterThan(0.05);
        assertThat(a.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
        assertThat(a.note()).contains("B/op still changing in 1 of 2 baseline and 1 of 2 current forks");
    }

    @Test
    void settledAllocation_isJudgedEvenWhenForksDifferALittle() {
        // java-jwt's C2 plateaus differ by fork (6,688 vs 6,728 B/op); a real +400 B/op (6%) is caught.
        JmhResult base = withAlloc(List.of(List.of(7002.0, 6730.2, 6728.1, 6728.1), List.of(6796.6, 6688.8, 6688.1, 6688.2)));
        JmhResult cur = withAlloc(List.of(List.of(7400.0, 7128.1, 7128.3), List.of(7130.0, 7088.1, 7088.4)));

        assertThat(Gate.alloc(base, cur, GateSettings.defaults()).verdict()).isEqualTo(GateVerdict.REGRESSION);
        assertThat(Gate.unsettled(base.allocRaw())).isZero();
    }
}
