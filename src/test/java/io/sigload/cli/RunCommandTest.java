package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(o.err()).contains("Unknown options: '--participant'").contains("Did you mean: --participants?")
                .contains("Try 'sigload run --help'");
    }

    @Test
    void anUnwritableReportPath_isRefusedBeforeTheRun(@TempDir Path dir)
            throws Exception {
        // the trial: --html /proc/x.html ran the whole scenario, then exited 2
        Outcome proc = sigload("run", "scenarios/thirty-users.yaml", "--html", "/proc/x.html");
        assertThat(proc.code()).isEqualTo(Main.USAGE);
        assertThat(proc.err()).contains("--html /proc/x.html: cannot write in /proc").contains("checked before the run");
        assertThat(proc.out()).as("nothing ran").isEmpty();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome underFile = sigload("run", "scenarios/thirty-users.yaml", "--json", file.resolve("r.json").toString());
        assertThat(underFile.code()).isEqualTo(Main.USAGE);
        assertThat(underFile.err()).contains("--json " + file.resolve("r.json") + ": cannot create its directory");
        Outcome isDir = sigload("run", "scenarios/thirty-users.yaml", "--junit", dir.toString());
        assertThat(isDir.err()).contains("--junit " + dir + ": is a directory");
        for (String command : List.of("skew", "compare")) {
            Outcome o = sigload(command, "scenarios/thirty-users.yaml", "--html", "/proc/x.html");
            assertThat(o.code()).as(command).isEqualTo(Main.USAGE);
            assertThat(o.err()).as(command).contains("--html /proc/x.html: cannot write in /proc");
        }
        // a directory that does not exist yet is made, as before
        Path deep = dir.resolve("new/dir/r.json");
        Outcome made = sigload("run", "scenarios/thirty-users.yaml", "--participants", "3", "--json", deep.toString());
        assertThat(made.code()).as(made.err()).isEqualTo(Main.OK);
        assertThat(deep).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no probe file left").noneMatch(n -> n.endsWith(".probe"));
        }
    }

    @Test
    void didYouMean_onlyForACloseMatch() {
        // the trial: `sigload nosuch` suggested "sigload bench", which is nothing like it
        Outcome far = sigload("nosuch");
        assertThat(far.code()).isEqualTo(Main.USAGE);
        assertThat(far.err()).contains("Unmatched argument at index 0: 'nosuch'").doesNotContain("Did you mean")
                .doesNotContain("Possible solutions");
        assertThat(sigload("rnu").err()).contains("Did you mean: sigload run?");
        assertThat(sigload("gat").err()).contains("Did you mean: sigload gate?");
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--sed=4").err()).contains("Did you mean: --set or --seed?");
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--frobnicate").err()).doesNotContain("Did you mean");
    }

    @Test
    void missingScenarioFile_exits2() {
        Outcome o = sigload("run", "scenarios/does-not-exist.yaml");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("scenarios/does-not-exist.yaml: no such file");
    }
}
