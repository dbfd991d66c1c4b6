package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite, interruption part: a real sigload in a child JVM, in its own process
 * group with SIGINT and SIGTERM at their defaults, gets the signal while participants are being
 * measured. It must stop releasing participants, write every report asked for, marked
 * interrupted, with what was measured, and exit 130 (SIGINT) or 143 (SIGTERM) after writing.
 */
class AdversarialInterruptTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A progress line with at least one participant done: {@code run x: 1,234/5,000,000 participants}. */
    private static final Pattern MEASURING = Pattern.compile("run [^:]+: [1-9][0-9,]*/.*");
    private static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void sigint_duringABurst_writesEveryReportMarkedInterrupted_thenExits130(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("burst.yaml"), """
                name: long-burst
                participants: 5000000
                credentials: {demoSecret: true}
                signer: {type: java-jwt, mintedOn: client, iat: floor-minus-30}
                clocks: {participants: real-world-clients}
                load: {model: burst, maxInFlight: 2}
                """);
        interrupted(dir, scenario, "INT", 130, "SIGINT");
    }

    @Test
    void sigterm_duringAnOpenModelRun_writesEveryReportMarkedInterrupted_thenExits143(@TempDir Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("open.yaml"), """
                name: long-open
                participants: 1000000
                credentials: {demoSecret: true}
                signer: {type: fast}
                load: {model: arrival-rate, stages: [{rate: 1000/s, for: 600s}]}
                """);
        interrupted(dir, scenario, "TERM", 143, "SIGTERM");
    }

    private static void interrupted(Path dir, Path scenario, String signal, int exitCode, String cause) throws Exception {
        Path json = dir.resolve("r.json");
        Path junit = dir.resolve("r.xml");
        Path summary = dir.resolve("r.md");
        Path html = dir.resolve("r.html");
        try (ChildSigload c = ChildSigload.start(dir, Map.of(), "run", scenario.toString(), "--json", json.toString(),
                "--junit", junit.toString(), "--summary", summary.toString(), "--html", html.toString())) {
            assertThat(c.awaitStderr(l -> MEASURING.matcher(l).matches(), BOUND)).as(c.stderr()).isTrue();
            c.signal(signal);
            int code = c.exitCode(BOUND);
            String out = c.stdout();
            assertThat(code).as(c.stderr()).isEqualTo(exitCode);

            assertThat(out).contains("INTERRUPTED by " + cause);
            JsonNode r = JSON.readTree(json.toFile());
            assertThat(r.path("interrupted").asBoolean()).isTrue();
            assertThat(r.path("stoppedBy").asText()).isEqualTo(cause);
            long planned = r.path("participants").asLong();
            long measured = r.path("completed").asLong();
            assertThat(measured).as("what was measured is written").isPositive().isLessThan(planned);
            assertThat(r.path("notStarted").asLong()).as("no participant is released after the signal").isPositive();
            assertThat(measured + r.path("notStarted").asLong() + r.path("abandoned").asLong()
                    + r.path("droppedStarts").asLong()).isEqualTo(planned);
            assertThat(r.path("valid").asLong() + r.path("invalid").asLong()).isEqualTo(measured);
            assertThat(Files.readString(junit)).contains("<property name=\"interrupted\" value=\"true\"/>")
                    .contains("name=\"run completed\"");
            assertThat(Files.readString(summary)).contains("**Interrupted**: stopped by " + cause);
            assertThat(Files.readString(html)).contains("INTERRUPTED by " + cause).contains("Skew sweep skipped");
            assertThat(c.stderr()).contains("every report asked for was written");
        }
    }
}
