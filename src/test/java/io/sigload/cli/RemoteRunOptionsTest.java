package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.SignatureServer;
import io.sigload.token.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote runs from one flag (issue #15): {@code --url} replaces the scenario's {@code endpoint:},
 * mints on the server in wall time; {@code --secret-file}/{@code --secret-env} give the validator
 * its secret; problems name the option; {@code --failures} streams every failing participant.
 */
class RemoteRunOptionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void url_drivesAnEndpoint_inWallTime_minedOnTheServer_withTheSecretFromAFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), Secret.DEMO_VALUE);
        Path json = dir.resolve("r.json");
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback("SIGLOAD_DEMO_SDK_KEY_NOT_REAL", Secret.demo()))) {
            // remote-endpoint.yaml starts its own endpoint (90 s fast); --url replaces it with ours (correct clock)
            CliRun r = CliRun.of("run", "scenarios/remote-endpoint.yaml", "--url", s.uri().toString(), "--secret-file",
                    secret.toString(), "--participants", "40", "--json", json.toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.OK);
        }
        JsonNode report = JSON.readTree(json.toFile());
        assertThat(report.path("timeMode").asText()).isEqualTo("wall");
        assertThat(report.path("mintedOn").asText()).isEqualTo("server");
        assertThat(report.path("valid").asInt()).isEqualTo(40);
        assertThat(report.path("signer").asText()).contains("http");
    }

    @Test
    void url_turnsAnInProcessScenarioRemote() throws Exception {
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback("SIGLOAD_DEMO_SDK_KEY_NOT_REAL", Secret.demo()))) {
            CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--url", s.uri().toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.OK);
            // minted on the endpoint's (correct) clock, not on the participants' skewed ones: all pass
            assertThat(r.out()).contains("30 valid, 0 invalid").contains("wall time");
        }
    }

    @Test
    void aBadUrl_isBlamedOnTheOption_notOnTheFile() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--url", "ftp://example.com/");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--url ftp://example.com/: signer.url").doesNotContain("thirty-users.yaml:");
    }

    @Test
    void aSecretOptionThatClashesWithTheFile_isBlamedOnTheOption() {
        // the issue: --set credentials.demoSecret=false beside a file's secretEnv blamed the file's line
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--set", "credentials.secretEnv=X");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--set credentials.secretEnv=X: credentials: give only one of")
                .contains("(with the rest of credentials from scenarios/thirty-users.yaml:");
        CliRun both = CliRun.of("run", "scenarios/thirty-users.yaml", "--secret-env", "A", "--secret-file", "b");
        assertThat(both.exitCode()).isEqualTo(Main.USAGE);
        assertThat(both.err()).contains("give the secret once");
    }

    @Test
    void secretEnv_replacesTheScenariosSecret_andAnUnsetVariableSaysHowToSetIt() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--secret-env", "SIGLOAD_TEST_UNSET_VARIABLE_XYZ");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("SIGLOAD_TEST_UNSET_VARIABLE_XYZ is not set");
    }

    @Test
    void aRelativeSecretFile_isTheCurrentDirectorys_notTheScenarioFolders() throws Exception {
        // the trial: target/sec.txt was looked for in scenarios/target/sec.txt
        Path relative = Path.of("target", "secret-file-test-" + ProcessHandle.current().pid() + ".txt");
        Files.createDirectories(relative.getParent());
        Files.writeString(relative, Secret.DEMO_VALUE + "\n");
        try {
            CliRun r = CliRun.of("run", "scenarios/thirty-users-server.yaml", "--secret-file", relative.toString());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.OK);
            assertThat(r.out()).contains("30 valid, 0 invalid"); // the MAC checked with the file's (demo) secret
        } finally {
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void aMissingSecretFile_isBlamedOnTheOption_inWords_onRunSkewAndCompare() {
        for (String command : List.of("run", "skew", "compare")) {
            CliRun r = CliRun.of(command, "scenarios/thirty-users-server.yaml", "--secret-file", "target/no-such-secret.txt");
            assertThat(r.exitCode()).as(command).isEqualTo(Main.USAGE);
            assertThat(r.err()).as(command)
                    .contains("--secret-file target/no-such-secret.txt: cannot read: no such file")
                    .contains("read from the current directory")
                    .doesNotContain("thirty-users-server.yaml").doesNotContain("Exception").doesNotContain("scenarios/target");
        }
    }

    @Test
    void anUnsetSecretEnv_isBlamedOnTheOption_onRunSkewAndCompare() {
        for (String command : List.of("run", "skew", "compare")) {
            CliRun r = CliRun.of(command, "scenarios/thirty-users-server.yaml", "--secret-env", "SIGLOAD_TEST_UNSET_VARIABLE_XYZ");
            assertThat(r.exitCode()).as(command).isEqualTo(Main.USAGE);
            assertThat(r.err()).as(command)
                    .contains("--secret-env SIGLOAD_TEST_UNSET_VARIABLE_XYZ: environment variable SIGLOAD_TEST_UNSET_VARIABLE_XYZ is not set")
                    .contains("export SIGLOAD_TEST_UNSET_VARIABLE_XYZ=")
                    .doesNotContain("thirty-users-server.yaml").doesNotContain("Exception");
        }
    }

    @Test
    void aScenariosOwnMissingSecretFile_namesTheFieldAndTheReason_withoutAnExceptionName(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, Files.readString(Path.of("scenarios/thirty-users-server.yaml"))
                .replace("demoSecret: true", "secretFile: missing.txt"));
        CliRun r = CliRun.of("run", scenario.toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(scenario + ": credentials.secretFile: secret file "
                + dir.resolve("missing.txt") + ": no such file").doesNotContain("Exception");
    }

    @Test
    void endpointNull_dropsTheEndpointSection() {
        // without it the scenario's own endpoint is started, and with signer.url too that is refused
        CliRun r = CliRun.of("run", "scenarios/remote-endpoint.yaml", "--set", "signer.url=http://127.0.0.1:9/");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        CliRun dropped = CliRun.of("run", "scenarios/remote-endpoint.yaml", "--set", "endpoint=null", "--set",
                "signer.url=http://127.0.0.1:9/", "--participants", "3");
        assertThat(dropped.exitCode()).as(dropped.all()).isEqualTo(Main.OK);
        assertThat(dropped.out()).contains("CONNECTION_REFUSED");
    }

    @Test
    void failures_streamsEveryFailingParticipant_atTenThousand_whileJsonKeepsItsSample(@TempDir Path dir)
            throws Exception {
        Path lines = dir.resolve("f.jsonl");
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--participants", "10000", "--failures",
                lines.toString(), "--json", json.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(Main.OK);
        JsonNode report = JSON.readTree(json.toFile());
        long invalid = report.path("invalid").asLong();
        List<String> all = Files.readAllLines(lines);
        assertThat(invalid).isGreaterThan(100);
        assertThat(all).hasSize((int) invalid);
        assertThat(report.path("failures").size()).isEqualTo(20);
        assertThat(report.path("failuresSample").path("kept").asInt()).isEqualTo(20);
        assertThat(report.path("failuresSample").path("of").asLong()).isEqualTo(invalid);
        JsonNode first = JSON.readTree(all.getFirst());
        for (String field : List.of("participant", "skewMillis", "errors", "token", "validatedAt")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(all.stream().map(l -> l.substring(0, l.indexOf(','))).distinct().count()).isEqualTo(invalid);
        assertThat(r.err()).contains(invalid + " failing participant(s) written to " + lines);
    }
}
