package io.sigload.perf;

import io.sigload.sign.Signers;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs sigload's JMH benchmarks through JMH's {@link Runner} API. Forks start with the host's
 * class path, so run from the shaded jar ({@code java -jar sigload.jar bench}).
 */
public final class BenchRunner {
    /** The built-in in-process signers, in the order reports list them. */
    public static final List<String> IN_PROCESS_SIGNERS = List.of("java-jwt", "fast", "nimbus", "jjwt", "legacy");
    /** The floor every signer is divided by. */
    public static final String FLOOR = "io.sigload.bench.HmacFloorBench.reusedMac";
    static final String SIGNER_BENCH = "io.sigload.bench.SignerBench.sign";
    /** Silences JDK 25's sun.misc.Unsafe warnings in the forks (JMH 1.37 calls sun.misc.Unsafe; JEP 471). */
    public static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";
    /**
     * Every fork's heap: fixed at 512 MB and touched before the first iteration, on transparent huge
     * pages where the kernel offers them (madvise). Without it G1 grows the heap during measurement,
     * and on this VM the first touch of fresh memory costs ~2.5 ms per MB: allocating iterations ran
     * 8-30x slower whenever the heap grew, the largest noise the gate saw (docs/performance.md,
     * "First touch"). Left out when the host's own flags size the heap ({@code SIGLOAD_JAVA_OPTS}).
     */
    public static final List<String> FORK_HEAP = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch",
            "-XX:+UseTransparentHugePages");

    private BenchRunner() {
    }

    /** Installed in-process signers (the registry may also hold remote ones, which are not benchmarked). */
    public static List<String> installedInProcessSigners() {
        List<String> installed = Signers.names();
        return IN_PROCESS_SIGNERS.stream().filter(installed::contains).toList();
    }

    /** The include patterns actually used: the plan's, plus the floor when signers run without it. */
    static List<String> includes(BenchPlan plan) {
        List<String> inc = new ArrayList<>(plan.includes().isEmpty() ? List.of(".*") : plan.includes());
        boolean floorIncluded = inc.stream().anyMatch(r -> Pattern.compile(r).matcher(FLOOR).find());
        boolean signersIncluded = inc.stream().anyMatch(r -> Pattern.compile(r).matcher(SIGNER_BENCH).find());
        if (plan.floor() && signersIncluded && !floorIncluded) {
            inc.add("^" + Pattern.quote(FLOOR) + "$");
        }
        return inc;
    }

    /** The JMH options for a plan; {@code json} is where the result goes. */
    public static Options options(BenchPlan plan, Path json, List<String> signers) {
        return options(plan, json, signers, ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** As {@link #options(BenchPlan, Path, List)}, with the host JVM's flags given ({@code hostArgs}). */
    public static Options options(BenchPlan plan, Path json, List<String> signers, List<String> hostArgs) {
        BenchProfile p = plan.profile();
        List<String> host = forkJvmArgs(hostArgs);
        List<String> append = new ArrayList<>(List.of(UNSAFE_FLAG));
        if (!sizesHeap(host)) {
            append.addAll(FORK_HEAP);
        }
        ChainedOptionsBuilder b = new OptionsBuilder()
                .forks(plan.forks() != null ? plan.forks() : p.forks)
                .warmupIterations(plan.warmupIterations() != null ? plan.warmupIterations() : p.warmupIterations)
                .warmupTime(plan.warmupTime() != null ? plan.warmupTime() : p.warmupTime)
                .measurementIterations(plan.iterations() != null ? plan.iterations() : p.iterations)
                .measurementTime(plan.time() != null ? plan.time() : p.time)
                .addProfiler(GCProfiler.class)
                .jvmArgs(host.toArray(String[]::new))
                .jvmArgsAppend(append.toArray(String[]::new))
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        includes(plan).forEach(b::include);
        plan.excludes().forEach(b::exclude);
        if (!signers.isEmpty()) {
            b.param("signer", signers.toArray(String[]::new));
        }
        return b.build();
    }

    /**
     * The host's JVM flags minus those that must not reach forks: the launcher's class-data-sharing
     * archive (forks load other classes and would rewrite it at every exit), its AOT cache (its
     * method profiles come from an http run and would steer the forks' JIT) and debugger agents.
     */
    public static List<String> forkJvmArgs(List<String> hostArgs) {
        return hostArgs.stream()
                .filter(a -> !a.startsWith("-XX:SharedArchiveFile") && !a.equals("-XX:+AutoCreateSharedArchive")
                        && !a.startsWith("-Xlog:cds") && !a.startsWith("-XX:AOTCache") && !a.startsWith("-XX:AOTMode")
                        && !a.startsWith("-Xlog:aot") && !a.startsWith("-agentlib:jdwp") && !a.startsWith("-XX:ArchiveClassesAtExit")
                        && !a.equals(UNSAFE_FLAG))
                .toList();
    }

    /** Whether JVM flags choose the heap's size themselves (then {@link #FORK_HEAP} stays out). */
    static boolean sizesHeap(List<String> jvmArgs) {
        return jvmArgs.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-XX:MaxHeapSize")
                || a.startsWith("-XX:InitialHeapSize") || a.contains("RAMPercentage") || a.contains("AlwaysPreTouch"));
    }

    /**
     * How many results a run should produce: benchmarks matched times parameter combinations.
     * JMH drops a benchmark that throws from its results; comparing with this count makes that loud.
     */
    public static int expectedResults(Options opts) {
        OutputFormat silent = OutputFormatFactory.createFormatInstance(System.err, VerboseMode.SILENT);
        SortedSet<BenchmarkListEntry> found = BenchmarkList.defaultList().find(silent, opts.getIncludes(), opts.getExcludes());
        int n = 0;
        for (BenchmarkListEntry e : found) {
            Map<String, Integer> counts = new HashMap<>();
            if (e.getParams().hasValue()) {
                for (Map.Entry<String, String[]> pe : e.getParams().get().entrySet()) {
                    Collection<String> override = opts.getParameter(pe.getKey()).orElse(null);
                    counts.put(pe.getKey(), override != null ? override.size() : pe.getValue().length);
                }
            }
            n += counts.values().stream().reduce(1, (x, y) -> x * y);
        }
        return n;
    }

    /** Runs JMH; progress goes to {@code progress} (JMH's usual console output). */
    public static Collection<RunResult> run(Options opts, PrintStream progress, VerboseMode mode) throws RunnerException {
        return new Runner(opts, OutputFormatFactory.createFormatInstance(progress, mode)).run();
    }
}
