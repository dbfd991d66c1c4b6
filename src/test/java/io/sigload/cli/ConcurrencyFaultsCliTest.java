package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.SignerFault;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The concurrency faults from the command line: {@code sigload serve --fault}, the replay in
 * {@code sigload run}'s console and JSON reports, and {@code --replay-failures}. A race is tried
 * up to {@value #ATTEMPTS} times until the burst refuses someone; then every replayed refused
 * participant must validate alone.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ConcurrencyFaultsCliTest {
    private static final int ATTEMPTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void serveFault_typo_isExit2WithDidYouMean() {
        CliRun r = CliRun.of("serve", "--port", "0", "--demo-credentials", "--fault", "shared-mca", "--stop-after", "1s");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--fault: unknown fault 'shared-mca'; allowed: none, shared-mac, shared-claims,"
                + " cached-token. Did you mean 'shared-mac'?");
    }

    @Test
    void throughSigloadServeWithSharedMac_theReplayShowsTheRefusedParticipantsValidAlone(@TempDir Path dir)
            throws Exception {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "0", "--demo-credentials", "--fault", "shared-mac");
        ServeConfig config = serve.config(Map.of());
        assertThat(config.faults().race()).isEqualTo(SignerFault.SHARED_MAC);
        try (SignatureServer server = SignatureServer.start(config)) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Path json = dir.resolve("run-" + attempt + ".json");
                CliRun r = CliRun.of("run", "scenarios/shared-mac-remote.yaml", "--set", "endpoint=null",
                        "--set", "signer.url=" + server.uri(), "--set", "credentials.sdkKey=sigload-demo-sdk-key",
                        "--json", json.toString());
                assertThat(r.exitCode()).as(r.all()).isZero();
                JsonNode report = JSON.readTree(json.toFile());
                if (report.path("invalid").asLong() == 0) {
                    continue;
                }
                JsonNode replay = report.path("replay");
                assertThat(replay.path("clock").asText()).isEqualTo("wall");
                assertThat(replay.path("failingReplayed").asInt()).isPositive();
                assertThat(replay.path("failingValidAlone").asInt()).isEqualTo(replay.path("failingReplayed").asInt());
                assertThat(replay.path("summary").asText()).contains("validate alone").contains("a race");
                assertThat(r.out()).contains("replay       one at a time, wall time").contains("valid alone");
                return;
            }
            throw new AssertionError("the endpoint's shared Mac refused nobody in " + ATTEMPTS + " bursts of 30");
        }
    }

    @Test
    void replayFailuresZero_isOff_andNegativeIsAUsageError() {
        CliRun off = CliRun.of("run", "scenarios/thirty-users.yaml", "--replay-failures", "0");
        assertThat(off.exitCode()).isZero();
        assertThat(off.out()).contains("replay       not replayed (--replay-failures 0)");
        CliRun five = CliRun.of("run", "scenarios/thirty-users.yaml", "--replay-failures", "3");
        assertThat(five.out()).contains("refused in the burst       3 replayed").contains("accepted in the burst      3");
        CliRun bad = CliRun.of("run", "scenarios/thirty-users.yaml", "--replay-failures", "-1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--replay-failures: -1 is negative");
    }
}
