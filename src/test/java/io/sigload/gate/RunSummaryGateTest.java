package io.sigload.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSummaryGateTest {
    @TempDir
    Path dir;

    private Path summary(String name, String scenario, long seed, int invalid, String byReason, double p99) throws Exception {
        return summary(name, scenario, seed, invalid, byReason, p99, 5000.0);
    }

    private Path summary(String name, String scenario, long seed, int invalid, String byReason, double p99,
            double throughput) throws Exception {
        return summary(name, scenario, seed, invalid, byReason, p99, throughput, "simulated");
    }

    private Path summary(String name, String scenario, long seed, int invalid, String byReason, double p99,
            double throughput, String timeMode) throws Exception {
        String json = """
                {"scenario": "%s", "seed": %d, "participants": 30, "valid": %d, "invalid": %d, "timeMode": "%s",
                 "byReason": {%s}, "mintErrors": {},
                 "latencyMicros": {"sign": {"p50": 20, "p90": 40, "p99": %s, "max": 900},
                                   "total": {"p50": 120, "p90": 240, "p99": %s, "max": 5000}},
                 "throughputPerSec": %s}
                """.formatted(scenario, seed, 30 - invalid, invalid, timeMode, byReason, p99, p99 * 5, throughput);
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void sameRunIsNoChange() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 0, "", 82), GateSettings.defaults());

        assertThat(r.failed()).isFalse();
        assertThat(r.notes()).anyMatch(n -> n.contains("inconclusive, too few runs (1 and 1)"));
    }

    @Test
    void moreInvalidTokensWithTheSameSeedFail() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 2, "\"IAT_IN_FUTURE\": 2", 80), GateSettings.defaults());

        assertThat(r.failed()).isTrue();
        assertThat(r.regressions()).extracting(Comparison::name).contains("invalid", "byReason IAT_IN_FUTURE");
    }

    @Test
    void invalidFromZeroShowsTheDifferenceNotNaN() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 5, "\"EXPIRED\": 5", 80), GateSettings.defaults());

        Comparison invalid = r.regressions().stream().filter(c -> c.name().equals("invalid")).findFirst().orElseThrow();
        assertThat(GateReport.change(invalid)).isEqualTo("+5");
        assertThat(r.text()).doesNotContain("NaN").contains("invalid     ").contains("+5 ");
    }

    /** {@code n} runs of one side: p99 (and total p99 = 5x) and throughput, each run off by up to ±{@code jitter}. */
    private List<Path> runs(String side, int n, double p99, double throughput, double jitter, long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double f = 1 + jitter * (2 * rnd.nextDouble() - 1);
            out.add(summary(side + i + ".json", "thirty", 7, 0, "", p99 * f, throughput / f, "wall"));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "593.1, 193.3, -67.4%, REGRESSION",   // a fall is negative (was printed as +206.8%, reading like a gain)
        "193.3, 593.1, +206.8%, IMPROVEMENT",
        "500.0, 460.0, -8.0%, NO_CHANGE"})
    void throughputShowsItsOwnChange(double base, double cur, String change, GateVerdict verdict) throws Exception {
        GateReport r = Gate.compareFiles(runs("a", 5, 80, base, 0, 1), runs("b", 5, 80, cur, 0, 2),
                GateSettings.defaults());

        Comparison t = r.comparisons().stream().filter(c -> c.name().equals("throughput")).findFirst().orElseThrow();
        assertThat(GateReport.change(t)).isEqualTo(change);
        assertThat(t.verdict()).isEqualTo(verdict);
        assertThat(r.text()).contains("throughput  ");
    }

    @Test
    void oneRunASide_slowerPercentilesAreInconclusive_neverARegression() throws Exception {
        // issue #15: two runs of one scenario read as "REGRESSION latency total p50 +829.4%", exit 1
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 0, "", 80 * 9.3), GateSettings.defaults());

        assertThat(r.failed()).isFalse();
        Comparison p99 = r.comparisons().stream().filter(c -> c.name().equals("latency total p99")).findFirst().orElseThrow();
        assertThat(p99.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
        assertThat(p99.note()).startsWith("inconclusive: too few samples (1 and 1 runs;").contains("5 interleaved runs");
    }

    @Test
    void fiveRunsASide_catchATwofoldSlowdown_withTheIntervalPrinted() throws Exception {
        GateReport r = Gate.compareFiles(runs("a", 5, 80, 5000, 0.3, 1), runs("b", 5, 160, 2500, 0.3, 2),
                GateSettings.defaults());

        assertThat(r.failed()).isTrue();
        Comparison p99 = r.regressions().stream().filter(c -> c.name().equals("latency sign p99")).findFirst().orElseThrow();
        assertThat(p99.hasInterval()).isTrue();
        assertThat(p99.lower()).isGreaterThan(0.10);
        assertThat(r.regressions()).extracting(Comparison::name).contains("throughput");
        assertThat(r.text()).contains("[+").contains("99.2% rank interval");
    }

    private List<Path> side(String name, double[] p99s, double[] throughputs) throws Exception {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < p99s.length; i++) {
            out.add(summary(name + i + ".json", "thirty", 7, 0, "", p99s[i], throughputs[i], "wall"));
        }
        return out;
    }

    private static Comparison named(GateReport r, String name) {
        return r.comparisons().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void halvedLatencyAndDoubledThroughput_readAsMinus50AndPlus100_faster() throws Exception {
        // every current run takes exactly half the time of its baseline run: the answer is -50%, +100%
        double[] f = {0.93, 1.0, 1.08, 0.97, 1.04};
        double[] p99 = new double[5];
        double[] half = new double[5];
        double[] tput = new double[5];
        double[] twice = new double[5];
        for (int i = 0; i < 5; i++) {
            p99[i] = 400 * f[i];
            half[i] = 200 * f[i];
            tput[i] = 5000 / f[i];
            twice[i] = 10_000 / f[i];
        }
        GateReport r = Gate.compareFiles(side("a", p99, tput), side("b", half, twice), GateSettings.defaults());

        Comparison p = named(r, "latency sign p99");
        assertThat(p.baseline()).isEqualTo(400.0);
        assertThat(p.current()).isEqualTo(200.0);
        assertThat(GateReport.change(p)).isEqualTo("-50.0%");
        assertThat(p.lower()).isLessThan(-0.5);
        assertThat(p.upper()).isGreaterThan(-0.5).isLessThan(-0.1);
        assertThat(p.verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
        Comparison t = named(r, "throughput");
        assertThat(GateReport.change(t)).isEqualTo("+100.0%");
        assertThat(t.verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
        assertThat(r.text()).containsPattern("latency sign p99 +latency +400\\.0 µs +200\\.0 µs +-50\\.0% .*faster");
        assertThat(r.failed()).isFalse();
    }

    @Test
    void aLowerMedian_neverReadsAsAnIncrease_evenWhenTheHodgesLehmannRatioIsAbove1() throws Exception {
        // the trial: "latency sign p50  359.4  325.9  +11.5%". Here the medians fall 9.3% while the
        // Hodges-Lehmann ratio (median of the 25 pairwise ratios) is +6.7%: the column is the medians'
        double[] base = {300, 310, 359.4, 500, 510};
        double[] cur = {320, 325, 325.9, 600, 610};
        double[] tput = {5000, 5000, 5000, 5000, 5000};
        GateReport r = Gate.compareFiles(side("a", base, tput), side("b", cur, tput), GateSettings.defaults());

        Comparison p = named(r, "latency sign p99");
        assertThat(p.baseline()).isEqualTo(359.4);
        assertThat(p.current()).isEqualTo(325.9);
        assertThat(GateReport.change(p)).isEqualTo("-9.3%");
        assertThat(p.lower()).isLessThanOrEqualTo(p.change());
        assertThat(p.upper()).isGreaterThanOrEqualTo(p.change());
        assertThat(p.note()).contains("ratio of the medians shown").contains("Hodges-Lehmann ratio +6.7%");
        assertThat(p.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE); // the interval spans -37% to +103%
    }

    @Test
    void theVerdictLine_doesNotRepeatInconclusive() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 0, "", 90), GateSettings.defaults());

        assertThat(r.text()).contains("inconclusive: latency sign p99 (latency): too few samples (1 and 1 runs;")
                .doesNotContain("inconclusive: inconclusive").doesNotContain("): inconclusive:");
        assertThat(r.junitXml()).doesNotContain("inconclusive: inconclusive");
    }

    @Test
    void twentyAaPairsOfFiveNoisyRunsASide_noFalseAlarm() throws Exception {
        int falseAlarms = 0;
        for (int trial = 0; trial < 20; trial++) {
            GateReport r = Gate.compareFiles(runs("a" + trial + "-", 5, 80, 5000, 0.5, 10L * trial),
                    runs("b" + trial + "-", 5, 80, 5000, 0.5, 10L * trial + 1), GateSettings.defaults());
            falseAlarms += r.failed() ? 1 : 0;
        }
        assertThat(falseAlarms).isZero();
    }

    @Test
    void wallTimeCountsOfOneRunASideAreInconclusive() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80, 5000, "wall"),
                summary("b.json", "thirty", 7, 3, "\"READ_TIMEOUT\": 3", 80, 5000, "wall"), GateSettings.defaults());

        assertThat(r.failed()).isFalse();
        Comparison invalid = r.comparisons().stream().filter(c -> c.name().equals("invalid")).findFirst().orElseThrow();
        assertThat(invalid.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
        assertThat(invalid.note()).startsWith("inconclusive: too few samples");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"invalid\": 0                  | \"invalid\": -5            | \"invalid\" must be a whole number >= 0",
        "\"invalid\": 0                  | \"invalid\": 5.9           | \"invalid\" must be a whole number >= 0",
        "\"byReason\": {}                | \"byReason\": {\"X\": \"many\"}  | byReason: \"X\" must be a whole number >= 0",
        "\"byReason\": {}                | \"byReason\": [1, 2]       | \"byReason\" must be an object",
        "\"throughputPerSec\": 5000.0    | \"throughputPerSec\": \"fast\"  | \"throughputPerSec\" must be a number >= 0",
        "\"throughputPerSec\": 5000.0    | \"throughputPerSec\": -5   | \"throughputPerSec\" must be a number >= 0"})
    void oddValuesAreBadInputNotZero(String from, String to, String message) throws Exception {
        Path a = summary("a.json", "thirty", 7, 0, "", 80);
        Path b = Files.writeString(dir.resolve("b.json"), Files.readString(a).replace(from.strip(), to.strip()));

        assertThatThrownBy(() -> Gate.compareFiles(a, b, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining(message);
    }

    @Test
    void differentScenariosAreBadInput() throws Exception {
        Path a = summary("a.json", "thirty", 7, 0, "", 80);
        Path b = summary("b.json", "other", 7, 0, "", 80);

        assertThatThrownBy(() -> Gate.compareFiles(a, b, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("different scenarios");
    }

    @Test
    void aRunSummaryAgainstJmhResultsIsBadInput() throws Exception {
        Path a = summary("a.json", "thirty", 7, 0, "", 80);
        Path b = new SyntheticJmh(1).add("x.Y.z", null, 10, 0.01, 1, 3, -1).write(dir.resolve("b.json"));

        assertThatThrownBy(() -> Gate.compareFiles(a, b, GateSettings.defaults()))
                .isInstanceOf(GateInputException.class).hasMessageContaining("cannot compare");
    }
}
