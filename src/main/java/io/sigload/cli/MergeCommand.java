package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.guard.Redactor;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.merge.MergeException;
import io.sigload.merge.MergeReports;
import io.sigload.merge.MergedRun;
import io.sigload.merge.ShardFiles;
import io.sigload.merge.ShardFiles.ShardInput;
import io.sigload.merge.ShardMerge;
import io.sigload.report.ConsoleReport;
import io.sigload.report.JsonReport;
import io.sigload.scenario.ScenarioException;
import io.sigload.threshold.CiReports;
import io.sigload.threshold.Threshold;
import io.sigload.threshold.ThresholdResult;
import io.sigload.threshold.Thresholds;
import io.sigload.threshold.ThresholdException;
import io.sigload.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sigload merge SHARD...}: the shards of one sharded run merged into one result
 * ({@link ShardMerge}), reported like a run, its thresholds checked on the merged data.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Merge the shards of one run (run --shard I/N) into one result, and gate on it.",
        description = {"Reads each shard's --json report and the HdrHistogram log beside it, checks that they are the"
            + " shards of one run (same scenario, seed and shard count, each shard once, counts that agree with the"
            + " histogram logs), merges them exactly (counts add, histograms add, the failure sample keeps the lowest"
            + " indexes), diagnoses the merged data, checks the thresholds on it and writes the usual reports."
            + " A directory stands for the shard reports (*.json with a shard section) directly inside it."},
        footerHeading = "%nExamples:%n",
        footer = {"  sigload run scenarios/thirty-users.yaml --shard 0/4 --json out/shard-0.json   # and 1/4, 2/4, 3/4",
            "  sigload merge out/shard-*.json --json out/merged.json --assert 'invalid == 0'",
            "  sigload merge /results --allow-partial --summary \"$GITHUB_STEP_SUMMARY\""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:merged (failing participants are findings)",
            "1:a threshold (--assert or the scenario's thresholds) failed on the merged result",
            "2:bad usage, or shards that cannot be merged (missing, duplicated, another scenario, seed or shard count,",
            "  truncated or damaged files, an interrupted shard without --allow-partial)",
            "3:internal error (a bug: --debug prints the stack trace)"})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHARD", arity = "1..*", description = "A shard's --json report, or a directory of them.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--allow-partial", description = "Merge even when shards are missing or were interrupted;"
        + " the result says which (JSON: \"interrupted\": true, merge.missing, merge.interrupted).")
    boolean allowPartial;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the merged machine-readable report here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report of the merged run.")
    Path html;

    @Option(names = "--failures", paramLabel = "FILE", description = "Concatenate the shards' every-failure files"
        + " (run --failures, JSON lines) into FILE, in shard order.")
    Path failures;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Write the merged latency histograms as an HdrHistogram log.")
    Path hlog;

    @Option(names = "--assert", paramLabel = "EXPR", description = "A threshold on the merged result (repeatable;"
        + " adds to the scenario's thresholds), e.g. 'invalid == 0', 'p99(total) < 2ms'.")
    List<String> asserts = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML, one test case per threshold.")
    Path junit;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY).")
    Path summary;

    @Override
    public Integer call() throws ScenarioException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MergedRun merged;
        try {
            merged = ShardMerge.merge(read(expand(err)), allowPartial);
        } catch (MergeException e) {
            throw new UsageException(e.getMessage() + System.lineSeparator() + "nothing was merged");
        }
        List<Threshold> thresholds = thresholds(merged.scenario());
        var result = merged.result();
        MergeReports.printHeader(merged, out);
        ConsoleReport.print(result, out);
        MergeReports.printShards(merged, out);
        List<ThresholdResult> checked = thresholds.stream().map(t -> t.check(result)).toList();
        CiReports.printConsole(checked, out);
        out.flush();
        try {
            ObjectNode report = MergeReports.toJson(merged);
            Redactor redactor = Main.redactor(spec);
            if (json != null) {
                ReportFiles.write(json, JsonReport.JSON.writeValueAsString(report), redactor);
            }
            if (html != null) {
                ReportFiles.write(html, HtmlReport.render("sigload merge: " + result.context().scenario() + " ("
                        + merged.shards().size() + " of " + merged.shardCount() + " shards)", List.of(report), List.of()),
                        redactor);
            }
            if (hlog != null) {
                ShardFiles.writeHistogramLog(hlog, merged.histograms(), merged.shards().get(0).header().clock().releasedAt(),
                        null, "sigload merge of " + merged.shards().size() + " shards of " + result.context().scenario());
            }
            String suite = result.context().scenario() + (merged.partial() ? " (merged, partial)" : " (merged)");
            if (junit != null) {
                CiReports.writeJunit(junit, suite, checked, result.completion(), redactor);
            }
            if (summary != null) {
                ReportFiles.write(summary, CiReports.summary(result, checked) + MergeReports.markdown(merged), redactor);
            }
            if (failures != null) {
                long n = MergeReports.concatenateFailures(merged, failures);
                err.printf("sigload merge: %d failing participants written to %s%n", n, failures);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write a report file: " + e.getMessage());
        } catch (MergeException e) {
            throw new UsageException(e.getMessage());
        }
        long failed = checked.stream().filter(c -> !c.passed()).count();
        if (failed > 0) {
            err.printf("sigload merge: %d of %d thresholds failed on the merged result%n", failed, checked.size());
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    /** Files as given; a directory stands for the shard reports directly inside it, in name order. */
    private List<Path> expand(PrintWriter err) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            List<Path> found;
            try (Stream<Path> s = Files.list(p)) {
                found = s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).sorted().toList();
            } catch (IOException e) {
                throw new UsageException(p + ": cannot list the directory: " + e.getMessage());
            }
            int before = files.size();
            for (Path f : found) {
                if (isShard(f)) {
                    files.add(f);
                } else {
                    err.println("sigload merge: ignoring " + f + " (no shard section: not a shard's report)");
                }
            }
            if (files.size() == before) {
                throw new UsageException(p + ": no shard report (*.json with a shard section) in this directory");
            }
        }
        return files;
    }

    private static boolean isShard(Path f) {
        try {
            // the whole file is read (and checked) again by the shard reader
            return JsonReport.JSON.readTree(f.toFile()).has("shard");
        } catch (IOException e) {
            return true; // unreadable: let the reader name the problem
        }
    }

    /** Reads every shard, collecting every file's problem before refusing. */
    private List<Threshold> thresholds(Scenario scenario) throws ScenarioException {
        try {
            return Thresholds.parse(scenario, asserts);
        } catch (ThresholdException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<ShardInput> read(List<Path> files) throws MergeException {
        List<ShardInput> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(ShardFiles.read(f));
            } catch (MergeException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
        return out;
    }
}
