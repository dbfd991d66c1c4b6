package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.perf.BenchPlan;
import io.sigload.perf.BenchProfile;
import io.sigload.perf.BenchRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

/** Plumbing of {@code sigload bench} that needs no forked JVM (the smoke run is scripts/bench-smoke.sh). */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("bench", "--include", "([")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--signers", "no-such-signer")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--include", "NoSuchBenchmark")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--profile", "weekly")).isEqualTo(Main.USAGE);
        assertThat(run("bench", "--time", "soon")).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("not a regular expression").contains("no-such-signer")
                .contains("no benchmark matches").contains("not a duration");
    }

    @Test
    void ciProfileIsTwoForksShortWarmupsAndGcProfiler() {
        Options o = BenchRunner.options(BenchPlan.of(BenchProfile.CI, List.of("Hmac"), null), Path.of("x.json"),
                List.of("java-jwt"));

        assertThat(o.getForkCount().get()).isEqualTo(2);
        assertThat(o.getWarmupIterations().get()).isEqualTo(3);
        assertThat(o.getMeasurementIterations().get()).isEqualTo(5);
        assertThat(o.getProfilers()).extracting(p -> p.getKlass()).anyMatch(k -> k.contains("GCProfiler"));
        assertThat(o.getJvmArgsAppend().get()).contains(BenchRunner.UNSAFE_FLAG);
    }

    @Test
    void signersWithoutTheFloorGetTheFloorAdded() {
        Options o = BenchRunner.options(BenchPlan.of(BenchProfile.SMOKE, List.of("SignerBench"), null), Path.of("x.json"),
                List.of("java-jwt"));

        assertThat(o.getIncludes()).hasSize(2).anyMatch(i -> i.contains("HmacFloorBench"));
        assertThat(BenchRunner.expectedResults(o)).isEqualTo(2);
    }

    @Test
    void forksDoNotInheritTheLaunchersSharedArchive() {
        List<String> host = List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=target/sigload.jsa", "-Xlog:cds=off",
                "--sun-misc-unsafe-memory-access=allow", "-Xmx512m");

        assertThat(BenchRunner.forkJvmArgs(host)).containsExactly("-Xmx512m");
    }

    @Test
    void forksGetAFixedPretouchedHeapUnlessTheHostSizesIt() {
        BenchPlan plan = BenchPlan.of(BenchProfile.SMOKE, List.of("CodecBench"), null);

        Options plain = BenchRunner.options(plan, Path.of("x.json"), List.of(), List.of("-Dfoo=1"));
        Options sized = BenchRunner.options(plan, Path.of("x.json"), List.of(), List.of("-Xmx2g"));

        assertThat(plain.getJvmArgs().get()).containsExactly("-Dfoo=1");
        assertThat(plain.getJvmArgsAppend().get()).containsExactly("--sun-misc-unsafe-memory-access=allow", "-Xms512m",
                "-Xmx512m", "-XX:+AlwaysPreTouch", "-XX:+UseTransparentHugePages");
        assertThat(sized.getJvmArgs().get()).containsExactly("-Xmx2g");
        assertThat(sized.getJvmArgsAppend().get()).containsExactly("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void forksDoNotInheritTheLaunchersAotCache() {
        List<String> host = List.of("-XX:AOTCache=target/sigload.aot", "-Xlog:aot=off", "-Xlog:cds=off", "-Xmx512m");

        assertThat(BenchRunner.forkJvmArgs(host)).containsExactly("-Xmx512m");
    }

    @Test
    void everySignerParameterValueCountsAsOneResult() {
        Options o = BenchRunner.options(BenchPlan.of(BenchProfile.SMOKE, List.of("CodecBench"), null), Path.of("x.json"),
                List.of("java-jwt"));

        assertThat(BenchRunner.expectedResults(o)).isEqualTo(3 * 3);
    }
}
