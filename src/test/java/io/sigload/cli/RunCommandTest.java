package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    record Outcome(int code, String out, String err) {
    }

    static Outcome sigload(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void badScenario_exits2_withFileFieldAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "participants: 30\nsigner:\n  type: java-jwt\n  iat: flor\n");
        Outcome o = sigload("run", f.toString());
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("bad.yaml:4:3: signer.iat: found 'flor'").doesNotContain("at io.sigload");
    }

    @Test
    void missingSecretVariable_exits2_listingTheWaysToSupplyIt(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "participants: 3\ncredentials: {secretEnv: SIGLOAD_TEST_UNSET_VARIABLE_XYZ}\n");
        Outcome o = sigload("run", f.toString());
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("SIGLOAD_TEST_UNSET_VARIABLE_XYZ is not set").contains("secretFile");
    }

    @Test
    void noSecretAtAll_exits2() throws Exception {
        Outcome o = sigload("run", "scenarios/thirty-users.yaml", "--set", "credentials.demoSecret=false");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("no secret given").contains("demoSecret: true");
    }

    @Test
    void explainHint_isAnInspectCommandThatReachesTheSameVerdict(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Outcome run = sigload("run", "scenarios/thirty-users.yaml", "--json", json.toString());
        var report = new ObjectMapper().readTree(json.toFile());
        var first = report.path("failures").get(0);

        assertThat(report.path("meetingNumber").asText()).isEqualTo("85746065432");
        assertThat(run.out()).contains("explain one: ./sigload inspect --at " + first.path("validatedAt").asLong()
                + " --demo-secret --meeting-number 85746065432 <token>  (participant " + first.path("participant").asInt());
        Outcome inspect = sigload("inspect", "--at", first.path("validatedAt").asText(), "--demo-secret", "--meeting-number",
                "85746065432", "--json", first.path("token").asText());
        var verdict = new ObjectMapper().readTree(inspect.out());
        assertThat(verdict.path("errors").get(0).asText()).isEqualTo(first.path("errors").get(0).asText());
        assertThat(verdict.path("details").path("signatureChecked").asBoolean()).isTrue();
    }

    @Test
    void badAssert_exits2_beforeRunning() {
        Outcome o = sigload("run", "scenarios/thirty-users.yaml", "--assert", "p99(total) < 2");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("needs a unit");
        assertThat(o.out()).isEmpty();
    }

    @Test
    void unknownOption_exits2_withUsageHint() {
        Outcome o = sigload("run", "scenarios/thirty-users.yaml", "--participant", "3");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("Unknown options: '--participant'").contains("Possible solutions: --participants")
                .contains("Try 'sigload run --help'");
    }

    @Test
    void missingScenarioFile_exits2() {
        Outcome o = sigload("run", "scenarios/does-not-exist.yaml");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("scenarios/does-not-exist.yaml: no such file");
    }
}
