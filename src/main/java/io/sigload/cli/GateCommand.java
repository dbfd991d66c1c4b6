package io.sigload.cli;

import io.sigload.gate.Bootstrap;
import io.sigload.gate.Gate;
import io.sigload.gate.GateInputException;
import io.sigload.gate.GateReport;
import io.sigload.gate.GateSettings;
import io.sigload.gate.Interleave;
import io.sigload.gate.JmhResult;
import io.sigload.gate.JmhResultFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sigload gate}: fails a build only on a regression that the data support. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compares a baseline with a current result: two JMH JSON files (sigload bench --json) or two load-run"
                    + " summaries (sigload run --json). With --interleave, runs bench from two jars alternately and"
                    + " compares the merged rounds.",
            "",
            "JMH time: change = stat(current)/stat(baseline) - 1 of the iteration scores, stat being the fastest iteration unless --estimator says otherwise, with a two-stage bootstrap"
                    + " interval (resample forks, then iterations; fixed seed). Regression when the interval's lower end"
                    + " is above +threshold; faster when its upper end is below -threshold; no change when it lies within"
                    + " the threshold; otherwise inconclusive (measure longer, or interleave).",
            "",
            "Allocation (B/op, -prof gc) is compared at steady state (the lowest iteration: code allocates more before C2"
                    + " compiles it) by its point estimate: regression above max(alloc-threshold, 8 B/op).",
            "",
            "Unsteady forks (scores still falling steeply: JIT not finished; or slowest iteration over 3x the fastest: a"
                    + " busy machine) are named in a note; with --estimator median or mean they get no faster/slower"
                    + " verdict (inconclusive), since those statistics follow the disturbance; min and p10 look past them.",
            "",
            "Load runs: more invalid tokens (overall, per reason code, per mint error) fail; latency percentiles and"
                    + " throughput are single observations compared with the threshold without an interval (the verdict"
                    + " says so); max latency is reported only.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no regression (including inconclusive results)",
            "1:a regression beyond the threshold that the interval supports",
            "2:bad usage or input: missing/truncated JSON, different benchmark sets, another JDK"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # JMH results of two builds:",
            "  sigload bench --profile ci --json base.json      (on the baseline build)",
            "  sigload bench --profile ci --json current.json   (on your change)",
            "  sigload gate --baseline base.json --current current.json --markdown gate.md",
            "  # both builds alternately in one job (steadier on shared runners):",
            "  sigload gate --interleave --baseline-jar base.jar \\",
            "      --current-jar target/sigload.jar --include SignerBench --rounds 8",
            "  # two load runs of one scenario (sigload run ... --json a.json / b.json):",
            "  sigload gate --baseline a.json --current b.json",
            "Method and measured rates: benchmarks/README.md, docs/performance.md."})
final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline result (JMH JSON or run summary); repeat for several JMH runs of one side: their forks are merged")
    List<Path> baseline = new ArrayList<>();

    @Option(names = "--current", paramLabel = "FILE", description = "Current result, same kind as the baseline; repeatable likewise")
    List<Path> current = new ArrayList<>();

    @Option(names = "--threshold", defaultValue = "10%", paramLabel = "PCT",
            description = "Minimum effect size for time (and load-run latency), e.g. 10%%. Default: ${DEFAULT-VALUE}")
    String threshold;

    @Option(names = "--alloc-threshold", defaultValue = "5%", paramLabel = "PCT",
            description = "Minimum change of allocation per op (also at least 8 B/op). Default: ${DEFAULT-VALUE}")
    String allocThreshold;

    @Option(names = "--confidence", defaultValue = "99%", paramLabel = "PCT",
            description = "Confidence level of the bootstrap interval. Default: ${DEFAULT-VALUE}")
    String confidence;

    @Option(names = "--estimator", defaultValue = "min", paramLabel = "STAT",
            description = "Statistic of each side's iteration scores: min (the fastest iteration: on a busy machine"
                    + " interference only adds time), p10 (10th percentile), median, or mean (JMH's score)."
                    + " Default: ${DEFAULT-VALUE}."
                    + " Choices: ${COMPLETION-CANDIDATES}")
    Bootstrap.Estimator estimator;

    @Option(names = "--allow-jdk-mismatch", description = "Compare results from different JDKs anyway (with a warning)")
    boolean allowJdkMismatch;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown report (e.g. $GITHUB_STEP_SUMMARY)")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: one test case per metric")
    Path junit;

    @Option(names = "--interleave", description = "Run bench from --baseline-jar and --current-jar alternately, then gate")
    boolean interleave;

    @Option(names = "--baseline-jar", paramLabel = "JAR", description = "With --interleave: the baseline build")
    Path baselineJar;

    @Option(names = "--current-jar", paramLabel = "JAR", description = "With --interleave: the current build")
    Path currentJar;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "With --interleave: rounds (each runs both jars, ABBA order). Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "With --interleave: keep each round's JSON here")
    Path workDir;

    @Option(names = "--profile", defaultValue = "ci", paramLabel = "PROFILE",
            description = "With --interleave: bench profile (smoke, ci, full). Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--include", paramLabel = "REGEX", description = "With --interleave: benchmarks to run; repeatable")
    List<String> includes = new ArrayList<>();

    @Option(names = "--bench-arg", paramLabel = "ARG",
            description = "With --interleave: extra argument for both bench runs, e.g. --bench-arg=--forks=1; repeatable")
    List<String> benchArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GateSettings settings;
        try {
            settings = new GateSettings(percent("--threshold", threshold), percent("--alloc-threshold", allocThreshold), 8,
                    percent("--confidence", confidence), Bootstrap.RESAMPLES, Bootstrap.SEED,
                    allowJdkMismatch, estimator);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        GateReport report;
        try {
            if (interleave) {
                report = interleaved(settings, err);
            } else {
                if (baseline.isEmpty() || current.isEmpty() || baselineJar != null || currentJar != null) {
                    throw new UsageException("give --baseline FILE and --current FILE (or --interleave with --baseline-jar"
                            + " and --current-jar)");
                }
                if (baseline.size() == 1 && current.size() == 1) {
                    report = Gate.compareFiles(baseline.getFirst(), current.getFirst(), settings);
                } else {
                    report = Gate.compareJmh(mergedRuns(baseline, "baseline"), mergedRuns(current, "current"), settings);
                }
            }
        } catch (GateInputException e) {
            throw new UsageException(e.getMessage());
        }
        out.print(report.text());
        if (markdown != null) {
            write(markdown, report.markdown());
        }
        if (junit != null) {
            write(junit, report.junitXml());
        }
        for (var r : report.regressions()) {
            err.println("sigload gate: REGRESSION " + r.name() + " (" + r.metric() + "): "
                    + GateReport.change(r) + ", " + r.note());
        }
        return report.exitCode();
    }

    private static List<JmhResult> mergedRuns(List<Path> files, String label) throws GateInputException {
        List<List<JmhResult>> runs = new ArrayList<>();
        for (Path f : files) {
            runs.add(JmhResultFile.read(f));
        }
        return Interleave.merge(runs, label);
    }

    private GateReport interleaved(GateSettings settings, PrintWriter err)
            throws GateInputException, IOException, InterruptedException {
        if (baselineJar == null || currentJar == null || !baseline.isEmpty() || !current.isEmpty()) {
            throw new UsageException("--interleave needs --baseline-jar JAR and --current-jar JAR (not --baseline/--current)");
        }
        if (rounds < 1) {
            throw new UsageException("--rounds must be >= 1, was " + rounds);
        }
        List<String> args = new ArrayList<>(List.of("--profile", profile));
        includes.forEach(i -> args.addAll(List.of("--include", i)));
        for (String a : benchArgs) {
            if (a.startsWith("--json")) {
                throw new UsageException("--bench-arg: --json is set by gate itself");
            }
            args.add(a);
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("sigload-gate-");
        err.println("sigload gate: interleaving " + rounds + " round(s); results in " + dir);
        List<List<JmhResult>> merged = Interleave.run(new Interleave.Side("baseline", baselineJar),
                new Interleave.Side("current", currentJar), rounds, args, dir, err);
        return Gate.compareJmh(merged.get(0), merged.get(1), settings);
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** "10%", "10" or "0.1x"-free: a percentage as a fraction. */
    static double percent(String option, String text) {
        String t = text.strip();
        boolean pct = t.endsWith("%");
        if (pct) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return v / 100;
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + text + "' is not a percentage (e.g. 10%)");
        }
    }
}
