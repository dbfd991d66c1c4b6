package io.sigload.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.compare.CompareRow;
import io.sigload.compare.CompareRunner;
import io.sigload.compare.CompareTable;
import io.sigload.drive.LoadRun;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.scenario.CompareList;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.sign.Signers;
import io.sigload.skew.SkewSweep;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sigload compare SCENARIO --signer A --signer B}: the same seeded plan against several signers, one table. */
@Command(name = "compare",
        header = "Run one seeded plan against several signers and print one comparison table.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the same seeded plan against several signers (each in its own JVM) and print one table:",
            "validity by reason, latency percentiles, throughput, mint and transport errors, skew window."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every signer's run completed (failing participants are findings)",
            "1:a signer's run could not be carried out",
            "2:bad usage, a bad scenario, or fewer than two signers"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, e.g. scenarios/compare-signers.yaml")
    Path scenarioFile;

    @Option(names = "--signer", paramLabel = "NAME",
            description = "A signer to compare (repeatable; replaces the scenario's compare: list), e.g. --signer java-jwt --signer nimbus")
    List<String> signers = new ArrayList<>();

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override a scenario value for every signer, e.g. --set participants=10000")
    List<String> sets = new ArrayList<>();

    @Option(names = "--in-process", description = "Run every signer in this JVM (each after its own warm-up run) instead of one JVM each.")
    boolean inProcess;

    @Option(names = "--skew-from", paramLabel = "DURATION", defaultValue = "-2h", description = "Skew window sweep start. Default: ${DEFAULT-VALUE}")
    String skewFrom;

    @Option(names = "--skew-to", paramLabel = "DURATION", defaultValue = "2h", description = "Skew window sweep end. Default: ${DEFAULT-VALUE}")
    String skewTo;

    @Option(names = "--no-skew", description = "Do not measure each signer's skew window.")
    boolean noSkew;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every signer's report and skew window here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts here.")
    Path html;

    @Override
    public Integer call() throws ScenarioException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var scenario = ScenarioLoader.load(scenarioFile, sets);
        Main.redactor(spec).addAll(LoadRun.knownSecrets(scenario, System.getenv()));
        List<CompareList.Entry> entries = signers.isEmpty() ? buildable(CompareList.select(scenarioFile), err)
                : signers.stream().map(CompareList.Entry::named).toList();
        if (entries.size() < 2) {
            throw new UsageException("a compare needs at least two signers; got " + entries.size()
                    + (entries.isEmpty() ? "" : " (" + entries.get(0).label() + ")")
                    + ". Add --signer NAME (installed: " + String.join(", ", Signers.names())
                    + ") or list them under compare: in the scenario");
        }
        Duration from = noSkew ? null : SkewCommand.duration("--skew-from", skewFrom);
        Duration to = noSkew ? null : SkewCommand.duration("--skew-to", skewTo);
        if (from != null) {
            try {
                SkewSweep.checkRange(from, to);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        Progress.Style style = Progress.style();
        Path work;
        try {
            work = Files.createTempDirectory("sigload-compare-");
        } catch (IOException e) {
            throw new UsageException("cannot create a temporary directory: " + e.getMessage());
        }
        var options = new CompareRunner.Options(!inProcess, from, to, System.getenv(),
                Map.of("SIGLOAD_PROGRESS", style.name().toLowerCase(Locale.ROOT)), work);
        CompareRunner runner = new CompareRunner(scenarioFile, sets, entries, options);
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
            if (json != null) {
                ReportFiles.write(json, JsonReport.JSON.writeValueAsString(toJson(scenario.name(), rows)), Main.redactor(spec));
            }
            if (html != null) {
                ReportFiles.write(html, HtmlReport.render("sigload compare: " + scenario.name(),
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

    /** The selected signers; with {@code compare: installed}, only those this scenario can build (others noted on stderr). */
    private List<CompareList.Entry> buildable(CompareList.Selection selection, PrintWriter err) {
        if (!selection.installed()) {
            return selection.entries();
        }
        List<CompareList.Entry> out = new ArrayList<>();
        for (CompareList.Entry e : selection.entries()) {
            List<String> all = new ArrayList<>(sets);
            all.addAll(e.sets());
            try (var run = LoadRun.prepare(ScenarioLoader.load(scenarioFile, all), System.getenv())) {
                out.add(e);
            } catch (ScenarioException | RuntimeException ex) {
                err.println("sigload compare: skipping " + e.label() + " (cannot be built from this scenario: "
                        + ex.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        return out;
    }

    /** {@code {"scenario", "signers": [{"label", "sets", "failure", "run", "skew"}]}}. */
    static ObjectNode toJson(String scenario, List<CompareRow> rows) {
        ObjectNode o = JsonReport.JSON.createObjectNode();
        o.put("scenario", scenario);
        ArrayNode a = o.putArray("signers");
        for (CompareRow r : rows) {
            ObjectNode n = a.addObject();
            n.put("label", r.entry().label());
            n.set("sets", JsonReport.JSON.valueToTree(r.entry().sets()));
            n.put("failure", r.failure());
            n.set("run", r.run());
            n.set("skew", r.skew());
        }
        return o;
    }
}
