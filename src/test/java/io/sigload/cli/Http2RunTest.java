package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code signer.protocol} through the CLI: a bundled remote scenario over h2c, and a typo. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Http2RunTest {
    @Test
    void remoteEndpointScenario_overH2c_getsTheSameVerdictsAsOverHttp11(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode[] reports = new JsonNode[2];
        String[] protocols = {"http1", "h2c"};
        for (int i = 0; i < 2; i++) {
            Path r = dir.resolve(protocols[i] + ".json");
            CliRun run = CliRun.of("run", "scenarios/remote-endpoint.yaml", "--set", "signer.protocol=" + protocols[i],
                    "--json", r.toString());
            assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
            reports[i] = json.readTree(r.toFile());
        }
        assertThat(reports[1].path("signer").asText()).contains("h2c, prior knowledge");
        assertThat(reports[0].path("signer").asText()).doesNotContain("HTTP/2");
        assertThat(reports[1].path("mintErrors").isObject()).isTrue();
        assertThat(reports[1].path("mintErrors").size()).isZero();
        assertThat(reports[1].path("byReason").path("IAT_IN_FUTURE").asLong()).isEqualTo(200); // its clock is 90 s fast
        assertThat(reports[1].path("byReason")).isEqualTo(reports[0].path("byReason"));
        assertThat(reports[1].path("valid").asLong() + reports[1].path("invalid").asLong()).isEqualTo(200);
    }

    @Test
    void aProtocolTypo_isExit2_withDidYouMean() {
        CliRun run = CliRun.of("run", "scenarios/remote-endpoint.yaml", "--set", "signer.protocol=h2cc");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("signer.protocol: protocol 'h2cc' is not known; allowed: http1")
                .contains("Did you mean 'h2c'?").doesNotContain("at io.sigload");
    }
}
