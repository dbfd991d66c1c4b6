package io.sigload.cli;

import io.sigload.gate.GateInputException;
import io.sigload.gate.JmhResult;
import io.sigload.gate.JmhResultFile;
import io.sigload.perf.BareLoop;
import io.sigload.perf.BenchPlan;
import io.sigload.perf.BenchProfile;
import io.sigload.perf.BenchRunner;
import io.sigload.perf.BenchTable;
import io.sigload.token.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sigload bench}: sigload's JMH benchmarks, a table, and JMH's JSON for {@code sigload gate}. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs the JMH microbenchmarks (HMAC floor, every in-process signer in its own fork, validator, codec) and"
                    + " prints score ± error, allocation per op and each result's ratio to the HMAC floor.",
            "Run it from the jar (./sigload bench or java -jar sigload.jar bench): JMH forks reuse the host's class path.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all benchmarks ran", "1:a benchmark failed (see JMH's errors on stderr)", "2:bad usage"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", defaultValue = "ci", paramLabel = "PROFILE",
            description = "smoke (1 fork, 1x0.5 s warmup, 1x0.5 s measurement: plumbing only), ci (2 forks,"
                    + " 3x1 s warmup, 5x1 s measurement, ~20 s per benchmark) or full (3 forks, 5x2 s + 10x2 s)."
                    + " All add -prof gc. Default: ${DEFAULT-VALUE}. Choices: ${COMPLETION-CANDIDATES}")
    BenchProfile profile;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Benchmarks to run (regex found in the full name, e.g. SignerBench or 'Hmac.*reused');"
                    + " repeatable; default: all")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX", description = "Benchmarks to leave out; repeatable")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--signers", split = ",", paramLabel = "NAME",
            description = "Signers for SignerBench (comma-separated); default: every installed in-process signer")
    List<String> signers = new ArrayList<>();

    @Option(names = "--json", paramLabel = "FILE", description = "Write JMH's JSON result here (input of sigload gate)")
    Path json;

    @Option(names = "--no-floor", description = "Do not add HmacFloorBench.reusedMac when signers run without it")
    boolean noFloor;

    @Option(names = "--forks", paramLabel = "N", description = "Override the profile's fork count")
    Integer forks;

    @Option(names = "--warmup-iterations", paramLabel = "N", description = "Override the profile's warmup iterations")
    Integer warmupIterations;

    @Option(names = "--warmup-time", paramLabel = "TIME", description = "Override the warmup iteration time, e.g. 1s, 500ms")
    String warmupTime;

    @Option(names = "--iterations", paramLabel = "N", description = "Override the profile's measurement iterations")
    Integer iterations;

    @Option(names = "--time", paramLabel = "TIME", description = "Override the measurement iteration time, e.g. 1s, 500ms")
    String time;

    @Option(names = "--quiet", description = "Do not show JMH's progress on stderr")
    boolean quiet;

    @Option(names = "--bare-loop", paramLabel = "TOKENS",
            description = "Instead of JMH: mint and check TOKENS tokens with the JDK alone (StringBuilder claims,"
                    + " base64url, a reused Mac, decode and re-MAC) on --threads platform threads and print tokens/s,"
                    + " the floor a run's participants/s is compared with (scripts/compare-bare.sh)")
    Long bareLoop;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Platform threads for --bare-loop. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--lock-wait", defaultValue = "10m", paramLabel = "TIME",
            description = "How long to wait while another JMH run holds the machine-wide JMH lock, e.g. 10m, 0s."
                    + " Default: ${DEFAULT-VALUE}")
    String lockWait;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (bareLoop != null) {
            return bareLoop(out);
        }
        for (String r : concat(includes, excludes)) {
            try {
                Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw new UsageException("--include/--exclude '" + r + "' is not a regular expression: " + e.getDescription());
            }
        }
        List<String> installed = BenchRunner.installedInProcessSigners();
        List<String> chosen = signers.isEmpty() ? installed : signers;
        for (String s : chosen) {
            if (!installed.contains(s)) {
                throw new UsageException("--signers: '" + s + "' is not an installed in-process signer; installed: "
                        + String.join(", ", installed));
            }
        }
        positive("--forks", forks);
        positive("--iterations", iterations);
        if (warmupIterations != null && warmupIterations < 0) {
            throw new UsageException("--warmup-iterations must be >= 0");
        }
        BenchPlan plan = new BenchPlan(profile, includes, excludes, chosen, !noFloor, json, forks, warmupIterations,
                duration("--warmup-time", warmupTime), iterations, duration("--time", time));
        Path result = json != null ? json : Files.createTempFile("sigload-bench-", ".json");
        if (json != null && json.toAbsolutePath().getParent() != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
        }
        Options opts = BenchRunner.options(plan, result, chosen);
        int expected = BenchRunner.expectedResults(opts);
        if (expected == 0) {
            throw new UsageException("no benchmark matches --include " + includes + (excludes.isEmpty() ? "" : " --exclude " + excludes)
                    + "; benchmarks: HmacFloorBench, SignerBench, ValidatorBench, CodecBench");
        }
        err.println("sigload bench: " + expected + " benchmark(s), profile " + profile.name().toLowerCase(Locale.ROOT)
                + " (" + profile.describe() + (hasOverrides() ? ", with overrides" : "") + "), signers " + chosen);
        err.flush();
        TimeValue wait = lockWait.strip().matches("0+\\s*[a-z]*") ? TimeValue.seconds(0) : duration("--lock-wait", lockWait);
        long deadline = System.nanoTime() + wait.convertTo(TimeUnit.NANOSECONDS);
        Collection<RunResult> results;
        while (true) {
            try {
                results = BenchRunner.run(opts, System.err, quiet ? VerboseMode.SILENT : VerboseMode.NORMAL);
                break;
            } catch (RunnerException e) {
                boolean locked = String.valueOf(e.getMessage()).contains("JMH lock");
                if (locked && System.nanoTime() < deadline) {
                    err.println("sigload bench: another JMH run holds the lock; waiting (up to --lock-wait " + lockWait + ")");
                    err.flush();
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return Main.CHECK_FAILED;
                    }
                    continue;
                }
                err.println("sigload bench: JMH failed: " + e.getMessage());
                return Main.CHECK_FAILED;
            }
        }
        if (results.isEmpty()) {
            err.println("sigload bench: every benchmark failed (see JMH's errors above); no results");
            return Main.CHECK_FAILED;
        }
        List<JmhResult> parsed;
        try {
            parsed = JmhResultFile.read(result);
        } catch (GateInputException e) {
            err.println("sigload bench: cannot read JMH's result: " + e.getMessage());
            return Main.CHECK_FAILED;
        } finally {
            if (json == null) {
                Files.deleteIfExists(result);
            }
        }
        out.print(BenchTable.render(parsed));
        if (json != null) {
            err.println("sigload bench: JMH JSON written to " + json);
        }
        if (parsed.size() < expected) {
            err.println("sigload bench: " + (expected - parsed.size()) + " of " + expected
                    + " benchmark(s) failed and are missing from the results (see JMH's errors above)");
            return Main.CHECK_FAILED;
        }
        return Main.OK;
    }

    private int bareLoop(PrintWriter out) {
        if (bareLoop < 0 || threads < 1) {
            throw new UsageException("--bare-loop needs TOKENS >= 0 and --threads >= 1");
        }
        BareLoop.Result r;
        try {
            r = BareLoop.run(bareLoop, threads, Secret.demo().bytes());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.CHECK_FAILED;
        }
        out.printf(Locale.ROOT, "bare loop: %,d tokens on %d platform threads in %.1f ms: %,.0f tokens/s%s%n",
                r.tokens(), r.threads(), r.elapsedNanos() / 1e6, r.tokensPerSecond(),
                r.failed() == 0 ? "" : " (" + r.failed() + " did not verify)");
        out.flush();
        return r.failed() == 0 ? Main.OK : Main.CHECK_FAILED;
    }

    private boolean hasOverrides() {
        return forks != null || warmupIterations != null || warmupTime != null || iterations != null || time != null;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static void positive(String option, Integer v) {
        if (v != null && v < 1) {
            throw new UsageException(option + " must be >= 1, was " + v);
        }
    }

    static TimeValue duration(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            TimeValue tv = TimeValue.fromString(text.strip().replaceAll("(\\d)\\s*([a-z]+)$", "$1$2"));
            if (tv.getTime() <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return tv;
        } catch (RuntimeException e) {
            throw new UsageException(option + " '" + text + "' is not a duration (e.g. 1s, 500ms)");
        }
    }
}
