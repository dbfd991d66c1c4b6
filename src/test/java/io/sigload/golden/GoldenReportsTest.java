package io.sigload.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.drive.LoadRun;
import io.sigload.guard.Redactor;
import io.sigload.report.Completion;
import io.sigload.report.ConsoleReport;
import io.sigload.report.FailureSample;
import io.sigload.report.JsonReport;
import io.sigload.report.LatencyPhase;
import io.sigload.report.LatencySummary;
import io.sigload.report.MintErrors;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.Diagnoser;
import io.sigload.report.Diagnosis;
import io.sigload.report.Evidence;
import io.sigload.report.RunContext;
import io.sigload.report.RunResult;
import io.sigload.report.SkewRange;
import io.sigload.report.Skews;
import io.sigload.report.Timing;
import io.sigload.report.Verdicts;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.threshold.CiReports;
import io.sigload.threshold.Threshold;
import io.sigload.threshold.ThresholdResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every report format of a run, byte for byte against files in {@code src/test/resources/golden}:
 * console, JSON, JUnit XML and Markdown, for seeded bundled scenarios in simulated time (so verdicts,
 * tokens and the diagnosis repeat exactly) with a fixed timing (latency is measured on the real clock).
 * Each format is rendered in two default locales, which must agree: reports never use the host's
 * decimal comma.
 *
 * <p>After an intended change of a report, update the files with one command and review the diff:
 * {@code scripts/update-golden.sh} (it runs this test with {@code -Dsigload.golden.update=true}).
 */
class GoldenReportsTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("sigload.golden.update");
    /** Latency and elapsed time as a run could have measured them (µs), so the reports are stable. */
    private static final Timing TIMING;

    static {
        Map<LatencyPhase, LatencySummary> lat = new LinkedHashMap<>();
        lat.put(LatencyPhase.SIGN, new LatencySummary(30, 12.5, 40.1, 250.0, 250.0, 250.0, 20.2));
        lat.put(LatencyPhase.VALIDATE, new LatencySummary(30, 8.2, 15.0, 90.4, 90.4, 90.4, 10.1));
        lat.put(LatencyPhase.TOTAL, new LatencySummary(30, 1520.3, 2811.0, 3412.0, 3412.0, 3412.0, 1700.9));
        TIMING = new Timing(lat, 51.4, 583.7, 0, 0);
    }

    static Stream<Arguments> runs() {
        return Stream.of(Arguments.of("thirty-users"), Arguments.of("java-float-round"), Arguments.of("fractional-iat"),
                Arguments.of(OPEN_MODEL_REMOTE), Arguments.of(INTERRUPTED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void everyReportFormat_matchesItsGoldenFile(String scenario) throws Exception {
        RunResult r = run(scenario);
        List<ThresholdResult> checked = new ArrayList<>();
        for (String t : List.of("invalid == 0", "p99(total) < 2ms", "rate(IAT_IN_FUTURE) < 0.5")) {
            checked.add(Threshold.parse(t).check(r));
        }
        Locale before = Locale.getDefault();
        try {
            Map<String, String> root = render(r, checked, Locale.ROOT);
            Map<String, String> german = render(r, checked, Locale.GERMANY);
            assertThat(german).as("reports do not depend on the default locale").isEqualTo(root);
            for (var e : root.entrySet()) {
                compare(scenario + "." + e.getKey(), e.getValue());
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    private static Map<String, String> render(RunResult r, List<ThresholdResult> checked, Locale locale)
            throws Exception {
        Locale.setDefault(locale);
        Map<String, String> out = new LinkedHashMap<>();
        StringWriter console = new StringWriter();
        try (PrintWriter w = new PrintWriter(console)) {
            ConsoleReport.print(r, w);
            CiReports.printConsole(checked, w);
        }
        out.put("console.txt", console.toString());
        out.put("json", JsonReport.JSON.writeValueAsString(JsonReport.toJson(r)) + "\n");
        Path tmp = Files.createTempDirectory("golden");
        CiReports.writeJunit(tmp.resolve("j.xml"), r.context().scenario(), checked, r.completion(), Redactor.NONE);
        CiReports.writeSummary(tmp.resolve("s.md"), r, checked, Redactor.NONE);
        out.put("junit.xml", Files.readString(tmp.resolve("j.xml")));
        out.put("summary.md", Files.readString(tmp.resolve("s.md")));
        return out;
    }

    /** Not a bundled scenario: an open-model run against a failing endpoint, built by hand (wall time repeats nothing). */
    private static final String OPEN_MODEL_REMOTE = "open-model-remote";

    /** thirty-users planned with 45 participants, as a Ctrl-C would leave it: 30 measured, 12 not started, 3 in flight. */
    private static final String INTERRUPTED = "thirty-users-interrupted";

    private static RunResult run(String scenario) throws Exception {
        if (scenario.equals(OPEN_MODEL_REMOTE)) {
            return diagnosed(openModelRemote());
        }
        if (scenario.equals(INTERRUPTED)) {
            RunResult r = run("thirty-users");
            RunContext c = r.context();
            RunContext planned = new RunContext(c.scenario(), c.source(), c.seed(), 45, c.signer(), c.mintedOn(),
                    c.profile(), c.loadModel(), c.timeMode(), c.meetingNumber(), c.inspectOptions());
            // a stopped run replays nothing (LoadRun): the replay is no part of an interrupted report
            return new RunResult(planned, r.verdicts(), r.mintErrors(), r.timing(), r.skews(), r.evidence(), r.failures(),
                    ReplayEvidence.NONE, r.diagnosis(), new Completion("SIGINT", "SIGINT (Ctrl-C)", 12, 3, 2000));
        }
        Path file = Path.of("scenarios", scenario + ".yaml");
        try (LoadRun run = LoadRun.prepare(ScenarioLoader.load(file, List.of()), Map.of())) {
            RunResult r = run.run(null);
            return new RunResult(r.context(), r.verdicts(), r.mintErrors(), TIMING, r.skews(), r.evidence(),
                    r.failures(), stable(r.replay()), r.diagnosis());
        }
    }

    /** The replay's evidence with a fixed elapsed time (it is measured on the real clock). */
    private static ReplayEvidence stable(ReplayEvidence e) {
        return new ReplayEvidence(e.failingReplayed(), e.failingValidAlone(), e.passingReplayed(),
                e.passingInvalidAlone(), e.duplicateTokens(), e.clock(), e.note(), e.tokensCounted(), e.deadlineMillis(),
                e.ran() ? 3 : 0, e.participants());
    }

    private static RunResult openModelRemote() {
        Map<LatencyPhase, LatencySummary> lat = new LinkedHashMap<>(TIMING.latency());
        lat.put(LatencyPhase.TOTAL_UNCORRECTED, new LatencySummary(400, 900.0, 1500.5, 2100.0, 2500.0, 2600.0, 1000.0));
        return new RunResult(
                new RunContext("endpoint-stall", "scenarios/endpoint-stall.yaml", 7, 400, "http POST http://127.0.0.1:8080/",
                        "server", "meeting-web", "arrival-rate", "wall", "85746065432", "--secret-env ZOOM_SDK_SECRET"),
                new Verdicts(396, 380, 16, Map.of("IAT_IN_FUTURE", 4L), Map.of("EXP_AT_MIN_BOUNDARY", 2L), Map.of()),
                new MintErrors(Map.of("HTTP_5XX", 9L, "READ_TIMEOUT", 3L),
                        Map.of("HTTP_5XX", "HTTP 503 from the endpoint: {\"error\":\"overloaded\"}",
                                "READ_TIMEOUT", "no answer within 2000 ms"),
                        Map.of("attempts", 413L, "retries", 12L)),
                new Timing(lat, 2012.5, 196.8, 4, 37),
                new Skews(new SkewRange(380, -1200, 1900), Map.of("IAT_IN_FUTURE", new SkewRange(4, -900, 800)), List.of()),
                Evidence.EMPTY,
                List.of(new FailureSample(3, 250, 90_000, 0, List.of("HTTP_5XX"),
                                List.of("HTTP 503 from the endpoint: {\"error\":\"overloaded\"}"), null, 0),
                        new FailureSample(11, -40, 90_000, 1, List.of("IAT_IN_FUTURE"),
                                List.of("iat is 60 s after the validator's clock (leeway 0 s)"), "eyJ.eyJ.sig", 1772442011)),
                new ReplayEvidence(2, 1, 2, 0, 0, "wall", "", 384, 30_000, 41, List.of(
                        new ReplayEvidence.Replayed(3, "HTTP_5XX", "valid"),
                        new ReplayEvidence.Replayed(0, "valid", "valid"),
                        new ReplayEvidence.Replayed(11, "IAT_IN_FUTURE", "IAT_IN_FUTURE"),
                        new ReplayEvidence.Replayed(1, "valid", "valid"))),
                Diagnosis.NONE);
    }

    private static RunResult diagnosed(RunResult r) {
        return r.withDiagnosis(Diagnoser.explain(r, Diagnosis.FixLanguage.NEUTRAL_HINT));
    }

    private static void compare(String name, String actual) throws Exception {
        Path file = DIR.resolve(name);
        if (UPDATE) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file).as("golden file %s is missing: run scripts/update-golden.sh", file).exists();
        assertThat(actual).as("%s differs from its golden file; if the change is intended, run"
                + " scripts/update-golden.sh and review the diff", name)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
