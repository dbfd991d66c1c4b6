package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.LoadRun;
import io.sigload.drive.ScenarioSweep;
import io.sigload.html.HtmlReport;
import io.sigload.report.ConsoleReport;
import io.sigload.report.FailureStream;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.skew.SkewJson;
import io.sigload.threshold.CiReports;
import io.sigload.threshold.Threshold;
import io.sigload.threshold.ThresholdException;
import io.sigload.threshold.ThresholdResult;
import io.sigload.threshold.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sigload run SCENARIO}: the main job. Parses, runs the engine ({@link LoadRun}), prints
 * the report, writes the files asked for, and maps the outcome to an exit code.
 */
@Command(name = "run",
        header = "Burst participants, mint a token for each on its own clock, validate all, say who fails and why.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (failing participants are findings)",
            "1:a threshold (--assert or the scenario's thresholds) failed",
            "2:bad usage or a bad scenario",
            "3:internal error (a bug: --debug prints the stack trace)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sigload run scenarios/thirty-users.yaml",
            "  sigload run scenarios/java-float-round.yaml --set signer.iat=floor",
            "  sigload run scenarios/thirty-users-server.yaml --participants 100000 --assert 'invalid == 0'",
            "  sigload run scenarios/remote-endpoint.yaml --url https://signing.example.com/sign \\",
            "      --secret-env ZOOM_MEETING_SDK_SECRET",
            "  sigload run scenarios/thirty-users.yaml --failures failing.jsonl --json run.json --html run.html"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the plan (overrides the scenario's).")
    Long seed;

    @Option(names = "--participants", paramLabel = "N", description = "Participant count (overrides the scenario's).")
    Integer participants;

    @Mixin
    ReportOptions reports;

    @Option(names = "--failures", paramLabel = "FILE",
            description = "Write every failing participant here as it fails, one JSON object a line: participant,"
                    + " skewMillis, errors, messages, token, validatedAt (--json keeps the lowest-index "
                    + Defaults.FAILURE_SAMPLE + ").")
    Path failures;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = "A threshold, checked after the run (repeatable; adds to the scenario's thresholds), e.g."
                    + " 'invalid == 0', 'rate(IAT_IN_FUTURE) < 0.01', 'p99(total) < 2ms', 'throughput > 50000/s'.")
    List<String> asserts = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per threshold.")
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY).")
    Path summary;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> own = new LinkedHashMap<>();
        if (participants != null) {
            own.put("participants=" + participants, "--participants " + participants);
        }
        if (seed != null) {
            own.put("seed=" + seed, "--seed " + seed);
        }
        Scenario s = scenario.load(own);
        List<Threshold> thresholds;
        try {
            thresholds = Thresholds.parse(s, asserts);
        } catch (ThresholdException e) {
            throw new UsageException(e.getMessage());
        }
        RunResult result;
        ObjectNode skew = null;
        FailureStream stream = openFailures();
        try (LoadRun run = scenario.prepare(s)) {
            var recorder = new RunRecorder(Defaults.FAILURE_SAMPLE);
            if (stream != null) {
                recorder.streamFailuresTo(stream);
            }
            try (Progress p = Progress.start("run " + s.name(), "participants", () -> new Progress.Counts(
                    recorder.completed(), recorder.validCount(), recorder.invalidCount(), s.participants()),
                    err, Progress.style())) {
                result = run.run(recorder);
            }
            if (reports.html != null) { // the HTML report shows the signer's skew window beside the run
                skew = SkewJson.toJson(ScenarioSweep.defaultWindow(run));
            }
        } finally {
            closeFailures(stream, err);
        }
        ConsoleReport.print(result, out);
        List<ThresholdResult> checked = thresholds.stream().map(t -> t.check(result)).toList();
        CiReports.printConsole(checked, out);
        try {
            if (reports.json != null) {
                JsonReport.write(result, reports.json);
            }
            if (reports.html != null) {
                ReportOptions.write(reports.html, HtmlReport.forRun(JsonReport.toJson(result), skew));
            }
            if (junit != null) {
                CiReports.writeJunit(junit, result.context().scenario(), checked);
            }
            if (summary != null) {
                CiReports.writeSummary(summary, result, checked);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write a report file: " + e.getMessage());
        }
        long failed = checked.stream().filter(c -> !c.passed()).count();
        if (failed > 0) {
            err.printf("sigload run: %d of %d thresholds failed%n", failed, checked.size());
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    private FailureStream openFailures() {
        if (failures == null) {
            return null;
        }
        try {
            return FailureStream.open(failures);
        } catch (IOException e) {
            throw new UsageException("--failures " + failures + ": cannot create the file: " + e.getMessage());
        }
    }

    /** Closes the failures file; a write error is reported, the run's results are still printed. */
    private static void closeFailures(FailureStream stream, PrintWriter err) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
            err.println("sigload run: " + stream.lines() + " failing participant(s) written to " + stream.file());
        } catch (UncheckedIOException e) {
            err.println("sigload run: --failures: " + e.getMessage() + ": " + e.getCause().getMessage());
        }
    }
}
