package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite, deadlines part: against an endpoint that never answers, a run ends on
 * time. Each bound below is far above the expected time (a few seconds to ~20 s) and far below
 * what the run took before it had deadlines (the HTML report's skew sweep waited out one timeout
 * per probe, over 1,000 s; {@code whenFull: wait} waited a call timeout per two participants,
 * over 200 s here): these tests check that the run ends, not how fast.
 */
class AdversarialDeadlinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void htmlReport_againstASilentEndpoint_skipsItsSkewSweepWithANote_andEndsOnTime(@TempDir Path dir) throws Exception {
        try (HostileEndpoint silent = HostileEndpoint.start(b -> HostileEndpoint.SILENT)) {
            Path s = Files.writeString(dir.resolve("silent.yaml"), """
                    participants: 20
                    credentials: {demoSecret: true}
                    signer: {type: http, url: "%s", connectTimeout: 1s, readTimeout: 1s, retries: 0}
                    time: {mode: wall}
                    join: {window: 2s}
                    """.formatted(silent.url()));
            Path html = dir.resolve("r.html");
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> CliRun.of("run", s.toString(), "--html",
                    html.toString()));
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).contains("deadlines: warm-up").contains("load ").contains("skew sweep ").contains("report 30 s");
            assertThat(r.out()).contains("skew sweep: skipped: 20 of 20 participants got no token");
            assertThat(Files.readString(html)).contains("Skew sweep skipped");
        }
    }

    @Test
    void whenFullWait_againstASilentEndpoint_endsAtTheLoadPhasesDeadline(@TempDir Path dir) throws Exception {
        try (HostileEndpoint silent = HostileEndpoint.start(b -> HostileEndpoint.SILENT)) {
            Path s = Files.writeString(dir.resolve("wait.yaml"), """
                    participants: 300
                    credentials: {demoSecret: true}
                    signer: {type: http, url: "%s", connectTimeout: 1s, readTimeout: 500ms, retries: 0}
                    time: {mode: wall}
                    load:
                      model: arrival-rate
                      stages: [{rate: 100/s, for: 3s}]
                      maxInFlight: 2
                      whenFull: wait
                    """.formatted(silent.url()));
            Path json = dir.resolve("r.json");
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> CliRun.of("run", s.toString(), "--json",
                    json.toString()));
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode j = JSON.readTree(json.toFile());
            assertThat(j.path("interrupted").asBoolean()).isTrue();
            assertThat(j.path("stoppedBy").asText()).isEqualTo("DEADLINE");
            assertThat(j.path("notStarted").asLong()).isPositive();
            assertThat(j.path("completed").asLong() + j.path("notStarted").asLong() + j.path("abandoned").asLong())
                    .isEqualTo(300);
            assertThat(r.out()).contains("INTERRUPTED by the load phase's deadline");
        }
    }

    @Test
    void everyPhasesDeadline_isPrintedAtTheStart() throws Exception {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).containsPattern("deadlines: load [0-9]+ s \\([0-9]+ waves? × 250 µs \\+ slack [0-9]+ s\\)"
                + ", grace 200 ms, replay 10 s \\(when participants fail: at most 20 \\+ 20 participants one at a time\\)"
                + ", report 30 s");
    }

    @Test
    void reportFileThatIsAFifoNobodyReads_endsTheProcessAtTheReportDeadline(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("report.json");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        try (ChildSigload c = ChildSigload.start(dir, Map.of(), List.of("-Dsigload.reportDeadlineSeconds=3"), "run",
                "scenarios/thirty-users.yaml", "--json", fifo.toString())) {
            int code = c.exitCode(Duration.ofSeconds(120));
            assertThat(code).as(c.stderr()).isEqualTo(3);
            assertThat(c.stderr()).contains("writing the reports passed its deadline of 3 s");
            assertThat(c.stdout()).contains("verdicts     25 valid, 5 invalid"); // the console report came first
        }
    }
}
