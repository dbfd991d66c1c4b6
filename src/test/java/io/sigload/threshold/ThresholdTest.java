package io.sigload.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.guard.Redactor;
import io.sigload.report.Completion;
import io.sigload.report.LatencyPhase;
import io.sigload.report.LatencySummary;
import io.sigload.report.MintErrors;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.Diagnosis;
import io.sigload.report.Evidence;
import io.sigload.report.RunContext;
import io.sigload.report.RunResult;
import io.sigload.report.SkewRange;
import io.sigload.report.Skews;
import io.sigload.report.Timing;
import io.sigload.report.Verdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdTest {
    static RunResult run() {
        return new RunResult(
                new RunContext("thirty-users", "s.yaml", 42, 30, "java-jwt", "client", "meeting-web", "burst", "simulated",
                        "", ""),
                new Verdicts(30, 24, 6, Map.of("IAT_IN_FUTURE", 5L, "EXPIRED", 1L), Map.of(), Map.of()), MintErrors.NONE,
                new Timing(Map.of(LatencyPhase.TOTAL, new LatencySummary(30, 100, 200, 3412, 3412, 4000, 150)), 10.0, 3000.0, 0, 0),
                new Skews(SkewRange.EMPTY, Map.of(), List.of()), Evidence.EMPTY, List.of(), ReplayEvidence.NONE,
                Diagnosis.NONE);
    }

    @Test
    void invalidEqualsZero_failsWithTheActualCount() throws Exception {
        ThresholdResult r = Threshold.parse("invalid == 0").check(run());
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("required invalid == 0, actual 6");
    }

    @Test
    void rateOfAReason_isAShareOfCompleted() throws Exception {
        assertThat(Threshold.parse("rate(IAT_IN_FUTURE) < 0.2").check(run()).actual()).isEqualTo(5 / 30.0);
        assertThat(Threshold.parse("rate(IAT_IN_FUTURE) < 0.2").check(run()).passed()).isTrue();
        assertThat(Threshold.parse("rate(IAT_IN_FUTURE) < 10%").check(run()).passed()).isFalse();
        assertThat(Threshold.parse("rate(invalid) <= 20%").check(run()).passed()).isTrue();
        assertThat(Threshold.parse("count(EXPIRED) == 1").check(run()).passed()).isTrue();
        assertThat(Threshold.parse("count(BAD_SIGNATURE) == 0").check(run()).passed()).isTrue();
    }

    @Test
    void latency_isComparedInMicroseconds_andSaysByHowMuch() throws Exception {
        ThresholdResult r = Threshold.parse("p99(total) < 2ms").check(run());
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).isEqualTo("required p99(total) < 2.00 ms, actual 3.41 ms (1.71x the limit)");
        assertThat(Threshold.parse("max(total) <= 4000us").check(run()).passed()).isTrue();
    }

    @Test
    void unknownReasonCode_isAUsageError_withASuggestion() {
        assertThatThrownBy(() -> Threshold.parse("count(IAT_IN_FUTRE) == 0"))
                .hasMessageContaining("unknown reason code or failure category IAT_IN_FUTRE; did you mean IAT_IN_FUTURE?");
        assertThatThrownBy(() -> Threshold.parse("rate(iat_in_future) < 1%")).hasMessageContaining("did you mean IAT_IN_FUTURE?");
    }

    @Test
    void failureCategories_areCountable() throws Exception {
        assertThat(Threshold.parse("count(READ_TIMEOUT) == 0").check(run()).passed()).isTrue();
    }

    @Test
    void latencies_printInTheUnitThatReadsBest_likeTheConsoleTable() throws Exception {
        assertThat(Threshold.parse("max(total) < 1ms").check(run()).detail()).isEqualTo(
                "required max(total) < 1.00 ms, actual 4.00 ms (4.00x the limit)");
        assertThat(Threshold.parse("mean(total) < 100us").check(run()).detail()).contains("actual 150.0 µs");
        // the trial: "required p99(total) < 30000000 µs, actual 53313.5 µs"
        assertThat(Threshold.parse("p99(total) < 30s").check(run()).detail())
                .isEqualTo("required p99(total) < 30.0 s, actual 3.41 ms").doesNotContain("30000000");
        assertThat(Threshold.parse("p99(total) < 30s").check(run()).actual()).as("the value stays in µs").isEqualTo(3412.0);
    }

    @Test
    void throughput_withPerSecondUnit() throws Exception {
        assertThat(Threshold.parse("throughput > 50000/s").check(run()).passed()).isFalse();
        assertThat(Threshold.parse("throughput >= 3000").check(run()).passed()).isTrue();
    }

    @Test
    void badExpressions_giveExamples() {
        assertThatThrownBy(() -> Threshold.parse("invalid is zero")).hasMessageContaining("examples: invalid == 0");
        assertThatThrownBy(() -> Threshold.parse("p99(total) < 2")).hasMessageContaining("needs a unit");
        assertThatThrownBy(() -> Threshold.parse("p99(sgn) < 2ms")).hasMessageContaining("unknown latency phase sgn");
        assertThatThrownBy(() -> Threshold.parse("bogus > 1")).hasMessageContaining("unknown metric bogus");
    }

    @Test
    void junitXml_hasOneCasePerThreshold_andFailureDetails(@TempDir Path dir) throws Exception {
        List<ThresholdResult> rs = List.of(Threshold.parse("invalid == 0").check(run()),
                Threshold.parse("valid > 1").check(run()));
        Path f = dir.resolve("t.xml");
        CiReports.writeJunit(f, "thirty-users", rs, Completion.FULL, Redactor.NONE);
        String xml = Files.readString(f);
        assertThat(xml).contains("tests=\"2\" failures=\"1\"")
                .contains("<testcase classname=\"sigload.thresholds.thirty-users\" name=\"valid &gt; 1\"/>")
                .contains("<failure message=\"required invalid == 0, actual 6\"");
    }

    @Test
    void markdownSummary_listsReasonsLatencyAndThresholds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.md");
        CiReports.writeSummary(f, run(), List.of(Threshold.parse("invalid == 0").check(run())), Redactor.NONE);
        assertThat(Files.readString(f)).contains("## sigload run: thirty-users ❌")
                .contains("**24 valid, 6 invalid**").contains("| `IAT_IN_FUTURE` | 5 |")
                .contains("| total | 100.0 µs | 200.0 µs | 3.41 ms | 4.00 ms |").contains("| `invalid == 0` | **FAIL** |");
    }
}
