package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.LoadRun;
import io.sigload.drive.Plan;
import io.sigload.drive.ScenarioSweep;
import io.sigload.drive.Shard;
import io.sigload.merge.ShardFiles;
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
import java.time.Duration;
import java.time.Instant;
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
            description = {"A threshold, checked after the run (repeatable; adds to the scenario's thresholds), e.g.:",
                "'invalid == 0'; 'rate(IAT_IN_FUTURE) < 0.01';", // a line each: picocli may wrap inside 'p99(total)'
                "'p99(total) < 2ms'; 'throughput > 50000/s'."})
    List<String> asserts = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per threshold.")
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY).")
    Path summary;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardOptions.ShardConverter.class,
            description = "Run shard I of N (0 <= I < N) of the seeded plan: participant i runs in shard i mod N;"
                + " maxInFlight is shared out. Needs --json FILE; an HdrHistogram log (.hlog) goes beside it."
                + " Merge the shards with sigload merge.")
    Shard shard;

    @Option(names = "--shard-from-env", description = "Take the shard index from JOB_COMPLETION_INDEX (set in each pod of"
        + " a Kubernetes Indexed Job) and the count from --shard-count or SIGLOAD_SHARD_COUNT.")
    boolean shardFromEnv;

    @Option(names = "--shard-count", paramLabel = "N", description = "The shard count for --shard-from-env (else SIGLOAD_SHARD_COUNT).")
    Integer shardCount;

    @Option(names = "--start-at", paramLabel = "INSTANT", converter = ShardOptions.InstantConverter.class,
            description = {"Release the participants at this wall-clock instant, so every shard starts together; the"
                + " report says how late it started. For example:",
                "2026-03-02T09:00:00Z, or epoch seconds 1772442000."}) // a line of its own: picocli wraps at ':'
    Instant startAt;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Write the latency histograms as an HdrHistogram log"
        + " (one tag per phase, ns). A shard writes one beside its --json anyway.")
    Path hlog;

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
        var recorder = new RunRecorder(Defaults.FAILURE_SAMPLE, replayFailures);
        Instant releasedAt;
        FailureStream stream = openFailures();
        if (stream != null) {
            recorder.streamFailuresTo(stream);
        }
        try (LoadRun run = scenario.prepare(part == null ? s : part.apply(s))) {
            int expected = part == null ? s.participants() : part.size(new Plan(s).size());
            if (startAt != null) {
                err.printf("sigload run: %sreleasing the participants at %s (in %.1f s, this machine's clock)%n",
                        part == null ? "" : "shard " + part + ": ", startAt,
                        Duration.between(Instant.now(), startAt).toMillis() / 1000.0);
            }
            try (Progress p = Progress.start("run " + s.name(), "participants", () -> new Progress.Counts(
                    recorder.completed(), recorder.validCount(), recorder.invalidCount(), expected),
                    err, Progress.style())) {
                result = run.run(recorder, part == null ? Shard.ALL : part, startAt);
            }
            releasedAt = run.releasedAt();
            if (reports.html != null) { // the HTML report shows the signer's skew window beside the run
                skew = SkewJson.toJson(ScenarioSweep.defaultWindow(run));
            }
        } finally {
            closeFailures(stream, err);
        }
        ConsoleReport.print(result, out);
        ShardOptions.printRelease(out, part, s, startAt, releasedAt);
        // a shard's thresholds are the whole run's: sigload merge checks them on the merged result
        List<ThresholdResult> checked = part != null ? List.of() : thresholds.stream().map(t -> t.check(result)).toList();
        CiReports.printConsole(checked, out);
        if (part != null && !thresholds.isEmpty()) {
            out.printf("%nthresholds   %d, checked by sigload merge on the merged result, not on one shard%n", thresholds.size());
        }
        try {
            if (part != null) {
                ShardOptions.write(reports.json, result, recorder, part, scenario.file, scenario.overrides(own), s, startAt,
                        releasedAt, failures);
            } else if (reports.json != null) {
                JsonReport.write(result, reports.json);
            }
            if (hlog != null) {
                ShardFiles.writeHistogramLog(hlog, recorder.histograms(), releasedAt,
                        releasedAt == null ? null : releasedAt.plusNanos((long) (result.timing().elapsedMillis() * 1e6)),
                        "sigload run " + s.name() + ", seed " + s.seed());
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
