package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.Deadlines;
import io.sigload.drive.LoadRun;
import io.sigload.drive.Plan;
import io.sigload.drive.ScenarioSweep;
import io.sigload.drive.Shard;
import io.sigload.drive.StopCause;
import io.sigload.guard.Redactor;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.merge.ShardFiles;
import io.sigload.report.Completion;
import io.sigload.report.ConsoleReport;
import io.sigload.report.FailureStream;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Overrides;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SweepStoppedException;
import io.sigload.threshold.CiReports;
import io.sigload.threshold.Threshold;
import io.sigload.threshold.ThresholdException;
import io.sigload.threshold.ThresholdResult;
import io.sigload.threshold.Thresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
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
            "3:internal error (a bug: --debug prints the stack trace); also out of memory (the reports are",
            " :written) and writing the reports past their deadline",
            "130:stopped by SIGINT (Ctrl-C); every report asked for was written, marked interrupted",
            "143:stopped by SIGTERM; the same"},
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
            description = {"A threshold, checked after the run (repeatable; adds to the scenario's thresholds), e.g.:",
                "'invalid == 0'; 'rate(IAT_IN_FUTURE) < 0.01';", // a line each: picocli may wrap inside 'p99(total)'
                "'p99(total) < 2ms'; 'throughput > 50000/s'."})
    List<String> asserts = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per threshold.")
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY).")
    Path summary;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardOptions.ShardConverter.class,
            description = {"Run shard I of N (0 <= I < N) of the seeded plan: participant i runs in shard i mod N;"
                + " maxInFlight is shared out. Needs --json FILE; an HdrHistogram log (.hlog) goes beside it.",
                "Merge the shards with sigload merge."})
    Shard shard;

    @Option(names = "--shard-from-env", description = {"Take the shard index from JOB_COMPLETION_INDEX (set in each pod of"
        + " a Kubernetes Indexed Job) and the count from --shard-count or SIGLOAD_SHARD_COUNT."})
    boolean shardFromEnv;

    @Option(names = "--shard-count", paramLabel = "N", description = "The shard count for --shard-from-env (else SIGLOAD_SHARD_COUNT).")
    Integer shardCount;

    @Option(names = "--start-at", paramLabel = "INSTANT", converter = ShardOptions.InstantConverter.class,
            description = {"Release the participants at this wall-clock instant, so every shard starts together; the"
                + " report says how late it started. For example:",
                "2026-03-02T09:00:00Z, or epoch seconds 1772442000."}) // a line of its own: picocli wraps at ':'
    Instant startAt;

    @Option(names = "--hlog", paramLabel = "FILE", description = {"Write the latency histograms as an HdrHistogram log"
        + " (one tag per phase, ns). A shard writes one beside its --json anyway."})
    Path hlog;

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

    @Option(names = "--replay-failures", paramLabel = "N", defaultValue = "" + Defaults.REPLAY_FAILURES,
            description = "After a run with failures, replay up to N failing participants one at a time (and as many"
                + " passing ones): a token refused in the burst but valid alone means the signer breaks under"
                + " concurrency. 0 turns it off (default: ${DEFAULT-VALUE}).")
    int replayFailures;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        if (replayFailures < 0) {
            throw new UsageException("--replay-failures: " + replayFailures + " is negative; give 0 (off) or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Redactor redactor = Main.redactor(spec);
        for (String set : scenario.sets) { // a secret given with --set is refused, and never printed, even echoed
            if (!Overrides.shown(set).equals(set) && set.indexOf('=') > 0) {
                redactor.add(set.substring(set.indexOf('=') + 1));
            }
        }
        Map<String, String> own = new LinkedHashMap<>();
        if (participants != null) {
            own.put("participants=" + participants, "--participants " + participants);
        }
        if (seed != null) {
            own.put("seed=" + seed, "--seed " + seed);
        }
        Scenario s = scenario.load(own, RunCommand::thresholdProblem);
        List<String> all = scenario.overrides(own);
        List<Threshold> thresholds;
        try {
            thresholds = Thresholds.parse(s, asserts);
        } catch (ThresholdException e) {
            throw new UsageException(e.getMessage());
        }
        Shard part = ShardOptions.shard(shard, shardFromEnv, shardCount, reports.json, System.getenv());
        if (part != null && !asserts.isEmpty()) {
            throw new UsageException("--assert with --shard: thresholds hold for the whole run, so give them to sigload"
                    + " merge, which checks them on the merged result");
        }
        ShardOptions.checkStartAt(startAt);
        reports.check(); // before the run: a report that cannot be written is found now, not after it
        ReportOptions.checkWritable("--junit", junit);
        ReportOptions.checkWritable("--summary", summary);
        ReportOptions.checkWritable("--hlog", hlog);
        RunResult result;
        ObjectNode skew = null;
        String skewNote = null;
        var recorder = new RunRecorder(Defaults.FAILURE_SAMPLE, replayFailures);
        Instant releasedAt;
        FailureStream stream = openFailures();
        if (stream != null) {
            recorder.streamFailuresTo(stream);
        }
        AtomicReference<LoadRun> current = new AtomicReference<>();
        AtomicReference<StopCause> signalled = new AtomicReference<>();
        // SIGINT/SIGTERM: stop releasing, keep what was measured, write every report, then exit 130/143
        try (Signals signals = Signals.install(sig -> {
            StopCause c = "INT".equals(sig) ? StopCause.SIGINT : StopCause.SIGTERM;
            signalled.compareAndSet(null, c);
            LoadRun r = current.get();
            if (r != null) {
                r.stop(c, c.text());
            }
        }, err)) {
            try (LoadRun run = scenario.prepare(part == null ? s : part.apply(s))) {
                current.set(run);
                if (signalled.get() != null) { // a signal while the signer was being built
                    run.stop(signalled.get(), signalled.get().text());
                }
                redactor.addAll(run.redactor());
                int expected = part == null ? s.participants() : part.size(new Plan(s).size());
                Deadlines deadlines = run.deadlines();
                if (reports.html != null) {
                    deadlines = deadlines.with(new Deadlines.Phase("skew sweep", ScenarioSweep.deadline(run, null,
                            SWEEP_FROM, SWEEP_TO), "for --html, ±2 h"));
                }
                if (replayFailures > 0) { // runs only when participants fail; the bound is for the most it takes
                    deadlines = deadlines.with(new Deadlines.Phase("replay", run.replayDeadline(replayFailures),
                            "when participants fail: at most " + replayFailures + " + " + replayFailures
                                    + " participants one at a time"));
                }
                deadlines = deadlines.with(new Deadlines.Phase("report", REPORT_DEADLINE, "writing the reports"));
                err.println("sigload run: deadlines: " + deadlines.describe());
                if (startAt != null) {
                    err.printf("sigload run: %sreleasing the participants at %s (in %.1f s, this machine's"
                            + " clock)%n", part == null ? "" : "shard " + part + ": ", startAt,
                            Duration.between(Instant.now(), startAt).toMillis() / 1000.0);
                }
                err.flush();
                try (Progress p = Progress.start("run " + s.name(), "participants", () -> new Progress.Counts(
                        recorder.completed(), recorder.validCount(), recorder.invalidCount(), expected),
                        err, Progress.style())) {
                    result = run.run(recorder, part == null ? Shard.ALL : part, startAt);
                }
                releasedAt = run.releasedAt();
                if (reports.html != null) { // the HTML report shows the signer's skew window beside the run
                    skewNote = skipSweep(result);
                    if (skewNote == null) {
                        try {
                            skew = sweep(run, deadlines.limit("skew sweep"), signalled, err);
                        } catch (SweepStoppedException e) {
                            skewNote = "given up: " + e.getMessage();
                        }
                    }
                    if (skewNote != null) {
                        err.println("sigload run: skew sweep " + skewNote);
                        err.flush();
                    }
                }
            } finally {
                closeFailures(stream, err);
            }
            final RunResult r = result;
            final ObjectNode sk = skew;
            final String note = skewNote;
            final Instant released = releasedAt;
            return ReportPhase.within(REPORT_DEADLINE, err, () -> report(r, recorder, thresholds, part, s, all,
                    released, sk, note, redactor, out, err, signalled.get()));
        }
    }

    /** Prints the report, writes the files asked for, and returns the exit code. */
    private int report(RunResult result, RunRecorder recorder, List<Threshold> thresholds, Shard part, Scenario scenario,
            List<String> all, Instant releasedAt, ObjectNode skew, String skewNote, Redactor redactor, PrintWriter out,
            PrintWriter err, StopCause signal) {
        ConsoleReport.print(result, out);
        ShardOptions.printRelease(out, part, scenario, startAt, releasedAt);
        // a shard's thresholds are the whole run's: sigload merge checks them on the merged result
        List<ThresholdResult> checked = part != null ? List.of() : thresholds.stream().map(t -> t.check(result)).toList();
        CiReports.printConsole(checked, out);
        if (part != null && !thresholds.isEmpty()) {
            out.printf("%nthresholds   %d, checked by sigload merge on the merged result, not on one shard%n", thresholds.size());
        }
        if (skewNote != null) {
            out.printf("%nskew sweep: %s%n", skewNote);
        }
        out.flush();
        try {
            if (part != null) {
                ShardOptions.write(reports.json, result, recorder, part, this.scenario.file, all, scenario, startAt,
                        releasedAt, failures, redactor);
            } else if (reports.json != null) {
                JsonReport.write(result, reports.json, redactor);
            }
            if (hlog != null) {
                ShardFiles.writeHistogramLog(hlog, recorder.histograms(), releasedAt,
                        releasedAt == null ? null : releasedAt.plusNanos((long) (result.timing().elapsedMillis() * 1e6)),
                        "sigload run " + scenario.name() + ", seed " + scenario.seed());
            }
            if (reports.html != null) {
                ObjectNode runJson = JsonReport.toJson(result);
                if (skewNote != null) {
                    runJson.put("skewNote", skewNote);
                }
                ReportFiles.write(reports.html, HtmlReport.forRun(runJson, skew), redactor);
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
        // a signal after the load phase (during the replay or the skew sweep) ended only that phase: the
        // measurements are whole and not marked interrupted, but the exit code still says the user stopped
        int stopCode = c.interrupted() ? StopCause.valueOf(c.stoppedBy()).exitCode()
                : signal != null ? signal.exitCode() : -1;
        if (!c.interrupted() && signal != null) {
            err.println("sigload run: stopped by " + signal.text() + " after the load phase; every participant was"
                    + " measured and every report asked for was written");
        }
        if (stopCode > 0) {
            return stopCode;
        }
        if (failed > 0) {
            err.printf("sigload run: %d of %d thresholds failed%n", failed, checked.size());
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    /** Why the HTML report's skew sweep is not worth running, or {@code null} to run it. */
    static String skipSweep(RunResult result) {
        if (result.completion().interrupted()) {
            return "skipped: the run was stopped (" + result.completion().reason() + ")";
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
    private static ObjectNode sweep(LoadRun run, Duration deadline, AtomicReference<StopCause> signalled, PrintWriter err)
            throws SweepStoppedException {
        ScenarioSweep sweep = new ScenarioSweep(run, null);
        var probe = sweep.probe();
        try (Progress p = Progress.start("skew sweep", "tokens", () -> new Progress.Counts(probe.tokensTried(),
                probe.tokensAccepted(), probe.tokensTried() - probe.tokensAccepted(), -1), err, Progress.style())) {
            return SkewJson.toJson(sweep.sweep(SWEEP_FROM, SWEEP_TO, deadline,
                    () -> signalled.get() != null ? "stopped: " + signalled.get().text() : null));
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
