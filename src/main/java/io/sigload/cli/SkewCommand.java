package io.sigload.cli;

import io.sigload.drive.LoadRun;
import io.sigload.guard.ReportFiles;
import io.sigload.html.HtmlReport;
import io.sigload.report.JsonReport;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.drive.ScenarioSweep;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SkewReport;
import io.sigload.skew.SkewText;
import io.sigload.skew.SweepStoppedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sigload skew SCENARIO}: sweeps the clock skew between the minting clock and the
 * validator's for the scenario's signer and profile, and reports the acceptance window.
 */
@Command(name = "skew",
        header = "Sweep clock skew and report the window in which a signer's tokens validate.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Skew = minting clock minus validator clock; a coarse grid, then bisection of each edge to 1 s."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sweep completed (the report says where tokens fail)",
            "1:no token validated at any skew in the range",
            "2:bad usage, a bad scenario or an empty or absurd range",
            "3:internal error (a bug: --debug prints the stack trace)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sigload skew scenarios/skew-floor-minus-30.yaml",
            "  sigload skew scenarios/skew-java-float-round.yaml --from -5m --to 5m",
            "  sigload skew scenarios/remote-endpoint.yaml --url https://signing.example.com/sign \\",
            "      --secret-env ZOOM_MEETING_SDK_SECRET"})
final class SkewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--from", paramLabel = "DURATION", defaultValue = ScenarioSweep.DEFAULT_FROM,
            description = "Lowest skew (minting clock slow), e.g. -2h, -90s. Default: ${DEFAULT-VALUE}")
    String from;

    @Option(names = "--to", paramLabel = "DURATION", defaultValue = ScenarioSweep.DEFAULT_TO,
            description = "Highest skew (minting clock fast), e.g. 2h, 120s. Default: ${DEFAULT-VALUE}")
    String to;

    @Option(names = "--samples", paramLabel = "N",
            description = "Tokens per skew (default: " + ScenarioSweep.TIME_VARYING_SAMPLES + " when the iat formula varies"
                    + " with time, else " + ScenarioSweep.STEADY_SAMPLES + ").")
    Integer samples;

    @Mixin
    ReportOptions reports;

    @Override
    public Integer call() throws ScenarioException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration lo = SkewRange.parse("--from", from);
        Duration hi = SkewRange.parse("--to", to);
        SkewRange.check(lo, hi);
        if (samples != null && (samples < 1 || samples > 100_000)) {
            throw new UsageException("--samples " + samples + ": allowed 1..100000 tokens per skew");
        }
        Scenario scenario = this.scenario.load();
        reports.check();
        SkewReport report;
        try (LoadRun run = this.scenario.prepare(scenario)) {
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
            if (reports.json != null) {
                ReportFiles.write(reports.json, JsonReport.JSON.writeValueAsString(SkewJson.toJson(report)), Main.redactor(spec));
            }
            if (reports.html != null) {
                ReportFiles.write(reports.html, HtmlReport.forSkew(scenario.name(), report), Main.redactor(spec));
            }
        } catch (IOException e) {
            throw new UsageException("cannot write a report file: " + e.getMessage());
        }
        if (!report.everValid()) {
            err.printf("sigload skew: no token from %s validated at any skew in [%+d s, %+d s]; most frequent reason: %s."
                    + " Try 'sigload run %s' to see the verdicts.%n", report.signer(), report.fromSeconds(), report.toSeconds(),
                    report.mainReason(), this.scenario.file);
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }
}
