package io.sigload.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
        String json = """
                {"scenario": "%s", "seed": %d, "participants": 30, "valid": %d, "invalid": %d,
                 "byReason": {%s}, "mintErrors": {},
                 "latencyMicros": {"sign": {"p50": 20, "p90": 40, "p99": %s, "max": 900},
                                   "total": {"p50": 120, "p90": 240, "p99": %s, "max": 5000}},
                 "throughputPerSec": %s}
                """.formatted(scenario, seed, 30 - invalid, invalid, byReason, p99, p99 * 5, throughput);
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void sameRunIsNoChange() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 0, "", 82), GateSettings.defaults());

        assertThat(r.exitCode()).isZero();
        assertThat(r.notes()).anyMatch(n -> n.contains("no confidence interval"));
    }

    @Test
    void moreInvalidTokensWithTheSameSeedFail() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 2, "\"IAT_IN_FUTURE\": 2", 80), GateSettings.defaults());

        assertThat(r.exitCode()).isEqualTo(1);
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

    @ParameterizedTest
    @CsvSource({
        "593.1, 193.3, -67.4%, REGRESSION",   // a fall is negative (was printed as +206.8%, reading like a gain)
        "193.3, 593.1, +206.8%, IMPROVEMENT",
        "500.0, 460.0, -8.0%, NO_CHANGE"})
    void throughputShowsItsOwnChange(double base, double cur, String change, Verdict verdict) throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80, base),
                summary("b.json", "thirty", 7, 0, "", 80, cur), GateSettings.defaults());

        Comparison t = r.comparisons().stream().filter(c -> c.name().equals("throughput")).findFirst().orElseThrow();
        assertThat(GateReport.change(t)).isEqualTo(change);
        assertThat(t.verdict()).isEqualTo(verdict);
        assertThat(r.text()).contains("throughput  ");
    }

    @Test
    void slowerPercentilesFailWithoutAnInterval() throws Exception {
        GateReport r = Gate.compareFiles(summary("a.json", "thirty", 7, 0, "", 80),
                summary("b.json", "thirty", 7, 0, "", 200), GateSettings.defaults());

        assertThat(r.regressions()).extracting(Comparison::name).contains("latency sign p99", "latency total p99");
        assertThat(r.regressions()).allMatch(c -> !c.hasInterval() && c.note().contains("no CI"));
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
