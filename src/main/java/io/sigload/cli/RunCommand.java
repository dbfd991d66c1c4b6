package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.Deadlines;
import io.sigload.drive.LoadRun;
import io.sigload.drive.RunStop;
import io.sigload.guard.Redactor;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.report.Completion;
import io.sigload.report.ConsoleReport;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Overrides;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.skew.ScenarioSweep;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SweepStoppedException;
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
            "2:bad usage or a bad scenario",
            "130:stopped by SIGINT (Ctrl-C); every report asked for was written, marked interrupted",
            "143:stopped by SIGTERM; the same"})
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

    /**
     * How long printing and writing the reports may take (a report file that is a FIFO nobody reads
     * would block forever): 30 s, or the system property {@code sigload.reportDeadlineSeconds}.
     */
    static final Duration REPORT_DEADLINE = Duration.ofSeconds(Long.getLong("sigload.reportDeadlineSeconds", 30));
    /** The skew range the HTML report sweeps. */
    static final Duration SWEEP_FROM = Duration.ofHours(-2);
    static final Duration SWEEP_TO = Duration.ofHours(2);
    /** The HTML report skips its skew sweep when at least this share of participants got no token. */
    static final double FAILING_SHARE = 0.5;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Redactor redactor = Main.redactor(spec);
        List<String> all = new ArrayList<>(sets);
        for (String set : sets) { // a secret given with --set is refused, and never printed, even echoed
            if (!Overrides.shown(set).equals(set) && set.indexOf('=') > 0) {
                redactor.add(set.substring(set.indexOf('=') + 1));
            }
        }
        if (participants != null) {
            all.add("participants=" + participants);
        }
        if (seed != null) {
            all.add("seed=" + seed);
        }
        Scenario scenario = ScenarioLoader.load(scenarioFile, all, RunCommand::thresholdProblem);
        List<Threshold> thresholds = thresholds(scenario);
        RunStop stop = new RunStop();
        RunResult result;
        ObjectNode skew = null;
        String skewNote = null;
        try (Signals signals = Signals.install(sig -> stop.request("INT".equals(sig) ? RunStop.Cause.SIGINT
                : RunStop.Cause.SIGTERM), err)) {
            try (LoadRun run = LoadRun.prepare(scenario, System.getenv())) {
                redactor.addAll(run.redactor());
                Deadlines deadlines = run.deadlines();
                if (html != null) {
                    deadlines = deadlines.with(new Deadlines.Phase("skew sweep", ScenarioSweep.deadline(run, null,
                            SWEEP_FROM, SWEEP_TO), "for --html, ±2 h"));
                }
                deadlines = deadlines.with(new Deadlines.Phase("report", REPORT_DEADLINE, "writing the reports"));
                err.println("sigload run: deadlines: " + deadlines.describe());
                err.flush();
                var recorder = new RunRecorder(Defaults.FAILURE_SAMPLE);
                try (Progress p = Progress.start("run " + scenario.name(), "participants", () -> new Progress.Counts(
                        recorder.completed(), recorder.validCount(), recorder.invalidCount(), scenario.participants()),
                        err, Progress.style())) {
                    result = run.run(recorder, stop);
                }
                if (html != null) { // the HTML report shows the signer's skew window beside the run
                    skewNote = skipSweep(result, stop);
                    if (skewNote == null) {
                        try {
                            skew = sweep(run, deadlines.limit("skew sweep"), stop, err);
                        } catch (SweepStoppedException e) {
                            skewNote = "given up: " + e.getMessage();
                        }
                    }
                    if (skewNote != null) {
                        err.println("sigload run: skew sweep " + skewNote);
                        err.flush();
                    }
                }
            }
            final RunResult r = result;
            final ObjectNode sk = skew;
            final String note = skewNote;
            return ReportPhase.within(REPORT_DEADLINE, err, () -> report(r, thresholds, sk, note, redactor, out, err));
        }
    }

    /** Prints the report, writes the files asked for, and returns the exit code. */
    private int report(RunResult result, List<Threshold> thresholds, ObjectNode skew, String skewNote,
            Redactor redactor, PrintWriter out, PrintWriter err) {
        ConsoleReport.print(result, out);
        List<ThresholdResult> checked = thresholds.stream().map(t -> t.check(result)).toList();
        CiReports.printConsole(checked, out);
        if (skewNote != null) {
            out.printf("%nskew sweep: %s%n", skewNote);
        }
        out.flush();
        try {
            if (json != null) {
                JsonReport.write(result, json, redactor);
            }
            if (html != null) {
                ObjectNode runJson = JsonReport.toJson(result);
                if (skewNote != null) {
                    runJson.put("skewNote", skewNote);
                }
                ReportFiles.write(html, HtmlReport.forRun(runJson, skew), redactor);
            }
            if (junit != null) {
                CiReports.writeJunit(junit, result.context().scenario(), checked, result.completion(), redactor);
            }
            if (summary != null) {
                CiReports.writeSummary(summary, result, checked, redactor);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write a report file: " + e.getMessage());
        }
        Completion c = result.completion();
        if (c.interrupted()) {
            err.println("sigload run: " + CiReports.stopDetail(c) + "; every report asked for was written, marked"
                    + " interrupted");
        }
        long failed = checked.stream().filter(x -> !x.passed()).count();
        if (c.interrupted() && RunStop.Cause.valueOf(c.stoppedBy()).exitCode() > 0) {
            return RunStop.Cause.valueOf(c.stoppedBy()).exitCode();
        }
        if (failed > 0) {
            err.printf("sigload run: %d of %d thresholds failed%n", failed, checked.size());
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    /** Why the HTML report's skew sweep is not worth running, or {@code null} to run it. */
    static String skipSweep(RunResult result, RunStop stop) {
        if (stop.requested()) {
            return "skipped: the run was stopped (" + stop.cause().text() + ")";
        }
        long noToken = result.mintErrors().byCategory().values().stream().mapToLong(Long::longValue).sum();
        long done = result.verdicts().completed();
        if (done == 0 || noToken >= FAILING_SHARE * done) {
            return "skipped: " + noToken + " of " + done + " participants got no token from the signer "
                    + result.mintErrors().byCategory() + "; a sweep against a failing signer would only wait out its"
                    + " timeouts";
        }
        return null;
    }

    /** The signer's skew window for the HTML report, swept within its deadline with a progress line. */
    private static ObjectNode sweep(LoadRun run, Duration deadline, RunStop stop, PrintWriter err)
            throws SweepStoppedException {
        ScenarioSweep sweep = new ScenarioSweep(run, null);
        var probe = sweep.probe();
        try (Progress p = Progress.start("skew sweep", "tokens", () -> new Progress.Counts(probe.tokensTried(),
                probe.tokensAccepted(), probe.tokensTried() - probe.tokensAccepted(), -1), err, Progress.style())) {
            return SkewJson.toJson(sweep.sweep(SWEEP_FROM, SWEEP_TO, deadline,
                    () -> stop.requested() ? "stopped: " + stop.cause().text() : null));
        }
    }

    /** What is wrong with a threshold expression of the scenario, for the scenario's problem list. */
    static String thresholdProblem(String expression) {
        try {
            Threshold.parse(expression);
            return null;
        } catch (ThresholdException e) {
            return e.getMessage();
        }
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
