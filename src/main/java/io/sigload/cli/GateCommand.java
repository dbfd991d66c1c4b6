package io.sigload.cli;

import io.sigload.gate.Bootstrap;
import io.sigload.gate.Gate;
import io.sigload.gate.GateInputException;
import io.sigload.gate.GateReport;
import io.sigload.gate.GateSettings;
import io.sigload.gate.Interleave;
import io.sigload.gate.JmhResult;
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
@Command(name = "gate",
        header = "Compare a baseline with a current result and fail only on a regression the data support.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {
            "Inputs: two JMH JSON files (sigload bench --json) or load-run summaries (sigload run --json), one or"
                    + " more a side; or --interleave: bench (or, with --scenario, run) from two jars alternately.",
            "",
            "JMH time: change = stat(current)/stat(baseline) - 1 of the iteration scores (stat: --estimator), with a"
                    + " two-stage bootstrap interval (forks, then iterations; fixed seed). Regression when the"
                    + " interval's lower end is above +threshold; faster when its upper end is below -threshold; no"
                    + " change when it lies within the threshold; otherwise inconclusive. Fewer than 2 forks x 3"
                    + " iterations a side (the smoke profile) is inconclusive: too few samples.",
            "",
            "Allocation (B/op, -prof gc) is compared at steady state (the lowest iteration) by its point estimate:"
                    + " regression above max(alloc-threshold, 8 B/op).",
            "",
            "Load runs: counts (invalid, per reason code, per mint error) from runs with the same seed in simulated"
                    + " time are deterministic: any increase fails. Latency percentiles and throughput need repeated"
                    + " runs (5 a side at 99%%): baseline and current are each side's median, the change is their ratio,"
                    + " and the verdict rests on the ratio's rank interval from the spread between runs; one run a side is inconclusive: too few samples. Max latency is reported only.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no regression (including inconclusive results)",
            "1:a regression beyond the threshold that the interval supports",
            "2:bad usage or input: missing/truncated JSON, different benchmark sets, another JDK",
            "3:internal error (a bug: --debug prints the stack trace)"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  # JMH results of two builds (bench --profile ci on each):",
            "  sigload gate --baseline base.json --current current.json --markdown gate.md",
            "  # both builds alternately in one job (steadier on shared runners):",
            "  sigload gate --interleave --baseline-jar base.jar --current-jar target/sigload.jar \\",
            "      --include SignerBench",
            "  # a scenario run 5 times from each build, alternately:",
            "  sigload gate --interleave --scenario scenarios/thirty-users-server.yaml \\",
            "      --baseline-jar base.jar --current-jar target/sigload.jar",
            "  # load runs made elsewhere, 5 a side:",
            "  sigload gate --baseline a1.json ... --baseline a5.json --current b1.json ... --current b5.json",
            "",
            "Method and measured rates: benchmarks/README.md, docs/performance.md."})
final class GateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline result (JMH JSON or run summary); repeat for several runs of one side")
    List<Path> baseline = new ArrayList<>();

    @Option(names = "--current", paramLabel = "FILE", description = "Current result, same kind as the baseline; repeatable likewise")
    List<Path> current = new ArrayList<>();

    @Option(names = "--threshold", defaultValue = GateSettings.DEFAULT_THRESHOLD, paramLabel = "PCT",
            description = "Minimum effect size for time (and load-run latency, throughput), e.g. 10%%. Default: ${DEFAULT-VALUE}")
    String threshold;

    @Option(names = "--alloc-threshold", defaultValue = GateSettings.DEFAULT_ALLOC_THRESHOLD, paramLabel = "PCT",
            description = "Minimum change of allocation per op (also at least 8 B/op). Default: ${DEFAULT-VALUE}")
    String allocThreshold;

    @Option(names = "--confidence", defaultValue = GateSettings.DEFAULT_CONFIDENCE, paramLabel = "PCT",
            description = "Confidence level of the intervals. Default: ${DEFAULT-VALUE}")
    String confidence;

    @Option(names = "--estimator", defaultValue = "min", paramLabel = "STAT", completionCandidates = Choices.Estimators.class,
            description = "Statistic of each side's iteration scores: min (the fastest iteration: on a busy machine"
                    + " interference only adds time), p10, median, or mean (JMH's score). Default: ${DEFAULT-VALUE}")
    Bootstrap.Estimator estimator;

    @Option(names = "--allow-jdk-mismatch", description = "Compare results from different JDKs anyway (with a warning)")
    boolean allowJdkMismatch;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown report (e.g. $GITHUB_STEP_SUMMARY)")
    Path markdown;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML: one test case per metric")
    Path junit;

    @Option(names = "--interleave", description = "Run bench (or, with --scenario, run) from --baseline-jar and --current-jar"
            + " alternately, then gate")
    boolean interleave;

    @Option(names = "--baseline-jar", paramLabel = "JAR", description = "With --interleave: the baseline build")
    Path baselineJar;

    @Option(names = "--current-jar", paramLabel = "JAR", description = "With --interleave: the current build")
    Path currentJar;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "With --interleave: run this scenario (sigload run FILE --json) instead of the benchmarks")
    Path scenario;

    @Option(names = "--runs", paramLabel = "N",
            description = "With --interleave --scenario: runs per side, alternately (ABBA). Default: "
                    + GateSettings.DEFAULT_SCENARIO_RUNS)
    Integer runs;

    @Option(names = "--run-arg", paramLabel = "ARG",
            description = "With --interleave --scenario: extra argument for every run, e.g. --run-arg=--participants=2000; repeatable")
    List<String> runArgs = new ArrayList<>();

    @Option(names = "--rounds", paramLabel = "N",
            description = "With --interleave (benchmarks): rounds, each runs both jars, ABBA order. Default: "
                    + GateSettings.DEFAULT_ROUNDS)
    Integer rounds;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "With --interleave: keep each round's JSON here")
    Path workDir;

    @Option(names = "--profile", defaultValue = "ci", paramLabel = "PROFILE", completionCandidates = Choices.BenchProfiles.class,
            description = "With --interleave (benchmarks): bench profile: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}")
    String profile;

    @Option(names = "--include", paramLabel = "REGEX", description = "With --interleave (benchmarks): benchmarks to run; repeatable")
    List<String> includes = new ArrayList<>();

    @Option(names = "--bench-arg", paramLabel = "ARG",
            description = "With --interleave (benchmarks): extra argument for both bench runs, e.g. --bench-arg=--forks=1; repeatable")
    List<String> benchArgs = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GateSettings settings;
        try {
            settings = GateSettings.defaults().withThreshold(percent("--threshold", threshold))
                    .withAllocThreshold(percent("--alloc-threshold", allocThreshold))
                    .withConfidence(percent("--confidence", confidence)).withEstimator(estimator)
                    .withAllowJdkMismatch(allowJdkMismatch);
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
                report = Gate.compareFiles(baseline, current, settings);
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
        return report.failed() ? Main.CHECK_FAILED : Main.OK;
    }

    private GateReport interleaved(GateSettings settings, PrintWriter err)
            throws GateInputException, IOException, InterruptedException {
        if (baselineJar == null || currentJar == null || !baseline.isEmpty() || !current.isEmpty()) {
            throw new UsageException("--interleave needs --baseline-jar JAR and --current-jar JAR (not --baseline/--current)");
        }
        Path dir = workDir != null ? workDir : Files.createTempDirectory("sigload-gate-");
        if (scenario != null) {
            int n = runs != null ? runs : GateSettings.DEFAULT_SCENARIO_RUNS;
            if (n < 1) {
                throw new UsageException("--runs must be >= 1, was " + n);
            }
            if (rounds != null || !includes.isEmpty() || !benchArgs.isEmpty()) {
                throw new UsageException("--scenario runs the scenario, not the benchmarks: --rounds, --include and"
                        + " --bench-arg do not apply (use --runs and --run-arg)");
            }
            for (String a : runArgs) {
                if (a.startsWith("--json")) {
                    throw new UsageException("--run-arg: --json is set by gate itself");
                }
            }
            err.println("sigload gate: " + n + " interleaved run(s) of " + scenario + " a side; results in " + dir);
            List<List<Path>> files = Interleave.runScenario(new Interleave.Side("baseline", baselineJar),
                    new Interleave.Side("current", currentJar), n, scenario, runArgs, dir, err);
            return Gate.compareFiles(files.get(0), files.get(1), settings);
        }
        if (runs != null || !runArgs.isEmpty()) {
            throw new UsageException("--runs and --run-arg go with --scenario");
        }
        int rounds = this.rounds != null ? this.rounds : GateSettings.DEFAULT_ROUNDS;
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

    /** A percentage option as a fraction; a usage error naming the option otherwise. */
    static double percent(String option, String text) {
        try {
            return GateSettings.percent(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }
}
