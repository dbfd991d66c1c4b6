package io.sigload.cli;

import io.sigload.clock.Durations;
import io.sigload.drive.LoadRun;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.report.JsonReport;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.skew.ScenarioSweep;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SkewReport;
import io.sigload.skew.SkewSweep;
import io.sigload.skew.SkewText;
import io.sigload.skew.SweepStoppedException;
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
 * {@code sigload skew SCENARIO}: sweeps the clock skew between the minting clock and the
 * validator's for the scenario's signer and profile, and reports the acceptance window.
 */
@Command(name = "skew",
        header = "Sweep clock skew and report the window in which a signer's tokens validate.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find the clock skew window in which the scenario's signer's tokens validate:",
            "skew = minting clock minus validator clock; coarse grid, then bisection of each edge to 1 s."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sweep completed (the report says where tokens fail)",
            "1:no token validated at any skew in the range",
            "2:bad usage, a bad scenario or an empty or absurd range"})
final class SkewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, e.g. scenarios/skew-floor-minus-30.yaml")
    Path scenarioFile;

    @Option(names = "--from", paramLabel = "DURATION", defaultValue = "-2h",
            description = "Lowest skew (minting clock slow), e.g. -2h, -90s. Default: ${DEFAULT-VALUE}")
    String from;

    @Option(names = "--to", paramLabel = "DURATION", defaultValue = "2h",
            description = "Highest skew (minting clock fast), e.g. 2h, 120s. Default: ${DEFAULT-VALUE}")
    String to;

    @Option(names = "--samples", paramLabel = "N",
            description = "Tokens per skew (default: 256 when the iat formula varies with time, else 4).")
    Integer samples;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override any scenario value, e.g. --set signer.iat=java-float-round-minus-30")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write the machine-readable report here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts here.")
    Path html;

    @Override
    public Integer call() throws ScenarioException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration lo = duration("--from", from);
        Duration hi = duration("--to", to);
        try {
            SkewSweep.checkRange(lo, hi);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (samples != null && (samples < 1 || samples > 100_000)) {
            throw new UsageException("--samples " + samples + ": allowed 1..100000 tokens per skew");
        }
        Scenario scenario = ScenarioLoader.load(scenarioFile, sets);
        SkewReport report;
        try (LoadRun run = LoadRun.prepare(scenario, System.getenv())) {
            Main.redactor(spec).addAll(run.redactor());
            Duration deadline = ScenarioSweep.deadline(run, samples, lo, hi);
            err.println("sigload skew: deadline " + deadline.toSeconds() + " s (from the signer's call bound, the range"
                    + " and the samples per skew)");
            ScenarioSweep sweep = new ScenarioSweep(run, samples);
            var probe = sweep.probe();
            try (Progress p = Progress.start("skew " + scenario.name(), "tokens", () -> new Progress.Counts(
                    probe.tokensTried(), probe.tokensAccepted(), probe.tokensTried() - probe.tokensAccepted(), -1),
                    err, Progress.style())) {
                report = sweep.sweep(lo, hi, deadline, null);
            } catch (SweepStoppedException e) {
                throw new UsageException("the skew sweep " + e.getMessage());
            }
        }
        SkewText.print(report, out);
        try {
            if (json != null) {
                ReportFiles.write(json, JsonReport.JSON.writeValueAsString(SkewJson.toJson(report)), Main.redactor(spec));
            }
            if (html != null) {
                ReportFiles.write(html, HtmlReport.forSkew(scenario.name(), report), Main.redactor(spec));
            }
        } catch (IOException e) {
            throw new UsageException("cannot write a report file: " + e.getMessage());
        }
        if (!report.everValid()) {
            err.printf("sigload skew: no token from %s validated at any skew in [%+d s, %+d s]; most frequent reason: %s."
                    + " Try 'sigload run %s' to see the verdicts.%n", report.signer(), report.fromSeconds(), report.toSeconds(),
                    report.mainReason(), scenarioFile);
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    /** Parses a skew bound; refuses values that overflow (absurd ranges say so, not wrap around). */
    static Duration duration(String option, String text) {
        try {
            Duration d = Durations.parse(text);
            boolean negText = text.trim().startsWith("-");
            if (text.replaceAll("[^0-9]", "").length() > 12 || (negText && d.isPositive()) || (!negText && d.isNegative())) {
                throw new UsageException(option + " " + text + ": beyond ±30 days; clocks that far apart are not skew."
                        + " Try --from -2h --to 2h");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
