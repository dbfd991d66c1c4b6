package io.sigload.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.drive.LoadRun;
import io.sigload.report.Cause;
import io.sigload.report.CauseCode;
import io.sigload.report.RunResult;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.serve.Minting;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.IatFormula;
import io.sigload.token.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, done when: a remote run against {@code sigload serve --clock-offset 90s} (the same
 * {@link SignatureServer} and {@link Minting} that the command builds) reports SERVER_CLOCK_OFFSET near
 * 90 s with an interval; the scenario names only the endpoint's URL, so nothing of serve's settings
 * reaches the diagnosis.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteClockOffsetTest {
    @TempDir
    Path dir;

    @Test
    void serveWithAClock90sFast_isDiagnosedAsTheServersClock_withAnInterval() throws Exception {
        ServeConfig config = ServeConfig.loopback("sigload-demo-sdk-key", Secret.demo())
                .withMinting(new Minting(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90)), IatFormula.FLOOR));
        try (SignatureServer server = SignatureServer.start(config)) {
            Path file = dir.resolve("remote.yaml");
            Files.writeString(file, """
                    name: remote-serve
                    participants: 200
                    seed: 5
                    meeting: {number: "85746065432", hosts: 1}
                    credentials: {sdkKey: sigload-demo-sdk-key, demoSecret: true}
                    signer: {type: http, url: "%s", headers: {Content-Type: application/json}}
                    clocks: {participants: real-world-clients}
                    join: {window: 2s}
                    time: {mode: wall}
                    load: {model: burst, maxInFlight: 32}
                    validator: {profile: meeting-web}
                    """.formatted(server.uri()));
            RunResult r;
            try (LoadRun run = LoadRun.prepare(ScenarioLoader.load(file, List.of()), Map.of())) {
                r = run.run(null);
            }
            assertThat(r.verdicts().byReason()).containsEntry("IAT_IN_FUTURE", 200L);
            Cause top = r.diagnosis().causes().get(0);
            assertThat(top.code()).isEqualTo(CauseCode.SERVER_CLOCK_OFFSET);
            assertThat(top.estimate().value()).isBetween(89.5, 90.5);
            assertThat(top.estimate().low()).isLessThanOrEqualTo(90.0).isGreaterThan(88.5);
            assertThat(top.estimate().high()).isGreaterThanOrEqualTo(90.0).isLessThan(91.5);
            assertThat(top.estimate().alternative()).isBetween(119.5, 120.5);
            assertThat(r.diagnosis().fixLanguage().language()).isEqualTo("neutral");
            assertThat(r.diagnosis().text()).containsPattern("the minting server.s clock is (89\\.[5-9]|90\\.[0-4]) s fast \\(95% \\[");
        }
    }
}
