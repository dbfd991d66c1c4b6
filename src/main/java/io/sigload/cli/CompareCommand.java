package io.sigload.cli;

import io.sigload.compare.CompareJson;
import io.sigload.compare.CompareRow;
import io.sigload.compare.CompareRunner;
import io.sigload.compare.CompareSettings;
import io.sigload.compare.CompareTable;
import io.sigload.drive.LoadRun;
import io.sigload.drive.ScenarioSweep;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.scenario.CompareList;
import io.sigload.scenario.ScenarioException;
import io.sigload.sign.Signers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sigload compare SCENARIO --signer A --signer B}: the same seeded plan against several signers, one table. */
@Command(name = "compare",
        header = "Run one seeded plan against several signers and print one comparison table.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Each signer runs in its own JVM; the table has validity by reason, latency percentiles,"
                + " throughput, mint and transport errors, and each signer's skew window."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every signer's run completed (failing participants are findings)",
            "1:a signer's run could not be carried out",
            "2:bad usage, a bad scenario, or fewer than two signers",
            "3:internal error (a bug: --debug prints the stack trace)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sigload compare scenarios/compare-signers.yaml",
            "  sigload compare scenarios/thirty-users-server.yaml --signer fast --signer java-jwt \\",
            "      --set participants=10000",
            "  sigload compare scenarios/compare-signers.yaml --html compare.html --json compare.json"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--signer", paramLabel = "NAME",
            description = "A signer to compare (repeatable; replaces the scenario's compare: list), e.g. --signer java-jwt --signer nimbus")
    List<String> signers = new ArrayList<>();

    @Option(names = "--in-process", description = "Run every signer in this JVM (each after its own warm-up run) instead of one JVM each.")
    boolean inProcess;

    @Option(names = "--skew-from", paramLabel = "DURATION", defaultValue = ScenarioSweep.DEFAULT_FROM,
            description = "Skew window sweep start. Default: ${DEFAULT-VALUE}")
    String skewFrom;

    @Option(names = "--skew-to", paramLabel = "DURATION", defaultValue = ScenarioSweep.DEFAULT_TO,
            description = "Skew window sweep end. Default: ${DEFAULT-VALUE}")
    String skewTo;

    @Option(names = "--no-skew", description = "Do not measure each signer's skew window.")
    boolean noSkew;

    @Mixin
    ReportOptions reports;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> sets = this.scenario.overrides(Map.of());
        Path scenarioFile = this.scenario.file;
        var scenario = this.scenario.load();
        reports.check();
        Main.redactor(spec).addAll(LoadRun.knownSecrets(scenario, System.getenv()));
        List<CompareList.Entry> entries = signers.isEmpty()
                ? CompareRunner.buildable(scenarioFile, sets, CompareList.select(scenarioFile), System.getenv(),
                        note -> err.println("sigload compare: " + note))
                : signers.stream().map(CompareList.Entry::named).toList();
        if (entries.size() < 2) {
            throw new UsageException("a compare needs at least two signers; got " + entries.size()
                    + (entries.isEmpty() ? "" : " (" + entries.get(0).label() + ")")
                    + ". Add --signer NAME (installed: " + String.join(", ", Signers.names())
                    + ") or list them under compare: in the scenario");
        }
        Duration from = noSkew ? null : SkewRange.parse("--skew-from", skewFrom);
        Duration to = noSkew ? null : SkewRange.parse("--skew-to", skewTo);
        if (from != null) {
            SkewRange.check(from, to);
        }
        Progress.Style style = Progress.style();
        Path work;
        try {
            work = Files.createTempDirectory("sigload-compare-");
        } catch (IOException e) {
            throw new UsageException("cannot create a temporary directory: " + e.getMessage());
        }
        var settings = new CompareSettings(!inProcess, from, to, System.getenv(),
                Map.of("SIGLOAD_PROGRESS", style.name().toLowerCase(Locale.ROOT)), work);
        CompareRunner runner = new CompareRunner(scenarioFile, sets, entries, settings);
        List<CompareRow> rows;
        try (Progress p = Progress.start("compare " + scenario.name(), "participants", () -> {
            RunRecorder r = runner.currentRecorder();
            return r == null ? new Progress.Counts(0, 0, 0, -1)
                    : new Progress.Counts(r.completed(), r.validCount(), r.invalidCount(), scenario.participants());
        }, err, inProcess ? style : Progress.Style.OFF)) {
            rows = runner.run(line -> {
                err.println("sigload compare: " + line);
                err.flush();
            });
        }
        CompareTable.print(scenario.name(), rows, out);
        try {
            if (reports.json != null) {
                ReportFiles.write(reports.json, JsonReport.JSON.writeValueAsString(CompareJson.toJson(scenario.name(), rows)),
                        Main.redactor(spec));
            }
            if (reports.html != null) {
                ReportFiles.write(reports.html, HtmlReport.render("sigload compare: " + scenario.name(),
                        rows.stream().map(CompareRow::run).filter(Objects::nonNull).toList(),
                        rows.stream().map(CompareRow::skew).filter(Objects::nonNull).toList()), Main.redactor(spec));
            }
        } catch (IOException e) {
            throw new UsageException("cannot write a report file: " + e.getMessage());
        }
        long failed = rows.stream().filter(r -> !r.ok()).count();
        if (failed > 0) {
            err.printf("sigload compare: %d of %d signers' runs failed%n", failed, rows.size());
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }
}
