package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and outputs of {@code sigload gate} on synthetic JMH JSON. */
class GateCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    /** One benchmark, 2 forks x 5 iterations, scores = mean * (1 + spread * pattern). */
    private Path jmh(String name, double mean, double spread, String jdk) throws Exception {
        double[] pattern = {-1, 0.5, 0, 1, -0.5, 0.25, -0.25, 0.75, -0.75, 0};
        StringBuilder raw = new StringBuilder("[");
        for (int f = 0; f < 2; f++) {
            raw.append(f == 0 ? "[" : ",[");
            for (int i = 0; i < 5; i++) {
                raw.append(i == 0 ? "" : ",").append(mean * (1 + spread * pattern[f * 5 + i]));
            }
            raw.append(']');
        }
        raw.append(']');
        String json = """
                [{"jmhVersion": "1.37", "benchmark": "io.sigload.bench.SignerBench.sign", "mode": "avgt", "threads": 1,
                  "forks": 2, "jdkVersion": "%s", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "%s-LTS",
                  "params": {"signer": "java-jwt"},
                  "primaryMetric": {"score": %s, "scoreError": 1.0, "scoreConfidence": [0, 0], "scoreUnit": "ns/op",
                                    "rawData": %s},
                  "secondaryMetrics": {"\u00b7gc.alloc.rate.norm": {"score": 7500.0, "scoreError": 0.1, "scoreUnit": "B/op",
                                       "rawData": [[7500, 7500], [7500, 7500]]}}}]
                """.formatted(jdk, jdk, mean, raw);
        return Files.writeString(dir.resolve(name), json);
    }

    @Test
    void aToAPassesWithExitZero() throws Exception {
        int code = run("gate", "--baseline", jmh("a.json", 1840, 0.01, "25").toString(), "--current",
                jmh("b.json", 1850, 0.01, "25").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no change").contains("PASS");
    }

    @Test
    void aRegressionExitsOneAndWritesMarkdownAndJunit() throws Exception {
        Path md = dir.resolve("out/summary.md");
        Path junit = dir.resolve("out/gate.xml");

        int code = run("gate", "--baseline", jmh("a.json", 1840, 0.01, "25").toString(), "--current",
                jmh("b.json", 1840 * 1.3, 0.01, "25").toString(), "--threshold", "10%", "--markdown", md.toString(),
                "--junit", junit.toString());

        assertThat(code).isEqualTo(Main.CHECK_FAILED);
        assertThat(err.toString()).contains("REGRESSION");
        assertThat(Files.readString(md)).contains("FAIL");
        assertThat(Files.readString(junit)).contains("<failure");
    }

    @Test
    void aHigherThresholdLetsTheSameSlowdownPass() throws Exception {
        int code = run("gate", "--baseline", jmh("a.json", 1840, 0.01, "25").toString(), "--current",
                jmh("b.json", 1840 * 1.3, 0.01, "25").toString(), "--threshold", "50%");

        assertThat(code).isZero();
    }

    @Test
    void badInputExitsTwoWithoutAStackTrace() throws Exception {
        Path a = jmh("a.json", 1840, 0.01, "25");

        assertThat(run("gate", "--baseline", a.toString(), "--current", dir.resolve("missing.json").toString())).isEqualTo(Main.USAGE);
        assertThat(run("gate", "--baseline", a.toString(), "--current", jmh("c.json", 1840, 0.01, "21").toString()))
                .isEqualTo(2);
        assertThat(run("gate", "--baseline", a.toString(), "--current", a.toString(), "--threshold", "ten")).isEqualTo(Main.USAGE);
        assertThat(run("gate", "--baseline", a.toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("no such file").contains("JDK 21").doesNotContain("Exception");
    }

    @Test
    void severalRunsPerSideAreMerged() throws Exception {
        int code = run("gate", "--baseline", jmh("a1.json", 1840, 0.01, "25").toString(), "--baseline",
                jmh("a2.json", 1850, 0.01, "25").toString(), "--current", jmh("b1.json", 1840 * 1.3, 0.01, "25").toString(),
                "--current", jmh("b2.json", 1850 * 1.3, 0.01, "25").toString());

        assertThat(code).isEqualTo(Main.CHECK_FAILED);
        assertThat(out.toString()).contains("20+20 iterations in 4+4 forks");
    }

    @Test
    void interleaveNeedsBothJars() {
        assertThat(run("gate", "--interleave", "--baseline-jar", dir.resolve("a.jar").toString())).isEqualTo(Main.USAGE);
        assertThat(run("gate", "--interleave", "--baseline-jar", dir.resolve("a.jar").toString(), "--current-jar",
                dir.resolve("b.jar").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no such file");
    }
}
