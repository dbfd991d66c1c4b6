package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.LoadRun;
import io.sigload.html.HtmlReport;
import io.sigload.report.ConsoleReport;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.drive.ScenarioSweep;
import io.sigload.skew.SkewJson;
import io.sigload.threshold.CiReports;
import io.sigload.threshold.Threshold;
import io.sigload.threshold.ThresholdException;
import io.sigload.threshold.ThresholdResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sigload run SCENARIO}: the main job. Parses, runs the engine ({@link LoadRun}), prints
 * the report, writes the files asked for, and maps the outcome to an exit code.
 */
@Command(name = "run",
        header = "Burst participants, mint a signature for each on its own clock, validate every token, report who fails and why.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Burst many participants at once on virtual threads, mint a signature for each on its own",
            "clock, validate every token as Zoom would, and say who fails and why."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed (failing participants are findings)",
            "1:a threshold (--assert or the scenario's thresholds) failed",
            "2:bad usage or a bad scenario"})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, e.g. scenarios/thirty-users.yaml")
    Path scenarioFile;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the plan (overrides the scenario's).")
    Long seed;

    @Option(names = "--participants", paramLabel = "N", description = "Participant count (overrides the scenario's).")
    Integer participants;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override any scenario value, e.g. --set signer.iat=floor --set clocks.server=90s")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the machine-readable report here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts here.")
    Path html;

    @Option(names = "--assert", paramLabel = "EXPR",
            description = {"A threshold, checked after the run (repeatable; adds to the scenario's thresholds), e.g.",
                "'invalid == 0', 'rate(IAT_IN_FUTURE) < 0.01', 'p99(total) < 2ms', 'throughput > 50000/s'"})
    List<String> asserts = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per threshold.")
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY).")
    Path summary;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> all = new ArrayList<>(sets);
        if (participants != null) {
            all.add("participants=" + participants);
        }
        if (seed != null) {
            all.add("seed=" + seed);
        }
        Scenario scenario = ScenarioLoader.load(scenarioFile, all);
        List<Threshold> thresholds = thresholds(scenario);
        RunResult result;
        ObjectNode skew = null;
        try (LoadRun run = LoadRun.prepare(scenario, System.getenv())) {
            var recorder = new RunRecorder(Defaults.FAILURE_SAMPLE);
            try (Progress p = Progress.start("run " + scenario.name(), "participants", () -> new Progress.Counts(
                    recorder.completed(), recorder.validCount(), recorder.invalidCount(), scenario.participants()),
                    spec.commandLine().getErr(), Progress.style())) {
                result = run.run(recorder);
            }
            if (html != null) { // the HTML report shows the signer's skew window beside the run
                skew = SkewJson.toJson(new ScenarioSweep(run, null)
                        .sweep(Duration.ofHours(-2), Duration.ofHours(2)));
            }
        }
        ConsoleReport.print(result, out);
        List<ThresholdResult> checked = thresholds.stream().map(t -> t.check(result)).toList();
        CiReports.printConsole(checked, out);
        try {
            if (json != null) {
                JsonReport.write(result, json);
            }
            if (html != null) {
                SkewCommand.write(html, HtmlReport.forRun(JsonReport.toJson(result), skew));
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
            spec.commandLine().getErr().printf("sigload run: %d of %d thresholds failed%n", failed, checked.size());
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    /** The scenario's thresholds, then --assert ones, all parsed before anything runs. */
    private List<Threshold> thresholds(Scenario scenario) throws ScenarioException {
        List<Threshold> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < scenario.thresholds().size(); i++) {
            try {
                out.add(Threshold.parse(scenario.thresholds().get(i)));
            } catch (ThresholdException e) {
                problems.add(scenario.source() + ": thresholds[" + i + "]: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        for (String a : asserts) {
            try {
                out.add(Threshold.parse(a));
            } catch (ThresholdException e) {
                throw new UsageException("--assert: " + e.getMessage());
            }
        }
        return out;
    }
}
