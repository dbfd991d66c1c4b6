package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite, smaller findings: {@code serve} on a public address and on SIGINT, option
 * errors blamed on the right option, and scenario mistakes that used to pass silently (a negative
 * delivery delay, a stage with both rate and ramp, a second YAML document, aliases) or were
 * blamed on the wrong place ({@code --set} of a new section, threshold expressions).
 */
class AdversarialSmallTest {
    static CliRun scenario(Path dir, String yaml, String... more) throws Exception {
        Path s = Files.writeString(dir.resolve("s.yaml"), yaml);
        String[] args = new String[more.length + 2];
        args[0] = "run";
        args[1] = s.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return CliRun.of(args);
    }

    @Test
    void serveOnEveryInterface_warns() {
        CliRun r = CliRun.of("serve", "--demo-credentials", "--bind", "0.0.0.0", "--port", "0", "--stop-after", "200ms");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("warning: listening on 0.0.0.0 (every interface): anyone who can reach this"
                + " machine can mint signatures");
        CliRun local = CliRun.of("serve", "--demo-credentials", "--port", "0", "--stop-after", "200ms");
        assertThat(local.err()).doesNotContain("warning");
    }

    @Test
    void serveOnSigint_exitsZero_andSaysHowManyRequestsItServed(@TempDir Path dir) throws Exception {
        try (ChildSigload c = ChildSigload.start(dir, Map.of(), "serve", "--demo-credentials", "--port", "0")) {
            assertThat(c.awaitStderr(l -> l.contains("Ctrl-C stops"), Duration.ofSeconds(60))).as(c.stderr()).isTrue();
            c.signal("INT");
            assertThat(c.exitCode(Duration.ofSeconds(60))).as(c.stderr()).isZero();
            assertThat(c.stderr()).contains("sigload serve: stopped by SIGINT after 0 requests");
        }
    }

    @Test
    void badLatency_isALatencyError_notAStallError() {
        for (String bad : new String[] {"uniform:50ms..5ms", "normal:x,y", "bogus"}) {
            CliRun r = CliRun.of("serve", "--demo-credentials", "--port", "0", "--latency", bad, "--stop-after", "1s");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("sigload serve: --latency: ").doesNotContain("--stall");
        }
    }

    @Test
    void negativeDeliveryDelay_isAScenarioError(@TempDir Path dir) throws Exception {
        CliRun r = scenario(dir, "participants: 3\ncredentials: {demoSecret: true}\njoin:\n  deliveryDelay: -2s\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("s.yaml:4:3: join.deliveryDelay: found -2s; allowed: 0s or more");
        CliRun u = scenario(dir, "participants: 3\ncredentials: {demoSecret: true}\njoin:\n  deliveryDelay: {uniform: [-1s, 2s]}\n");
        assertThat(u.err()).contains("join.deliveryDelay: found -1s; allowed: 0s or more");
    }

    @Test
    void stageWithBothRateAndRamp_isAScenarioError(@TempDir Path dir) throws Exception {
        CliRun r = scenario(dir, "participants: 3\ncredentials: {demoSecret: true}\nload:\n  model: arrival-rate\n  stages:\n"
                + "    - {rate: 10/s, for: 1s, ramp: 0/s -> 10/s, over: 1s}\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("s.yaml:6:7: load.stages[0]: a stage is either {rate: R/s, for: D} or"
                + " {ramp: FROM/s -> TO/s, over: D}, not both");
    }

    @Test
    void secondYamlDocument_isAScenarioError(@TempDir Path dir) throws Exception {
        CliRun r = scenario(dir, "participants: 3\ncredentials: {demoSecret: true}\n---\nparticipants: 9\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("s.yaml:4:1: a second YAML document (after ---); a scenario is one document");
    }

    @Test
    void aliases_areRefusedClearly_definedOrNot(@TempDir Path dir) throws Exception {
        CliRun defined = scenario(dir, "participants: 3\nname: &b java-jwt\ncredentials: {demoSecret: true}\n"
                + "signer: {type: *b}\n");
        assertThat(defined.exitCode()).isEqualTo(2);
        assertThat(defined.err()).contains("s.yaml:4:10: signer.type: a YAML alias (*b); a scenario does not use anchors"
                + " and aliases").doesNotContain("unknown signer 'b'");
        CliRun undefined = scenario(dir, "participants: 3\ncredentials: {demoSecret: true}\nsigner: *nope\n");
        assertThat(undefined.exitCode()).isEqualTo(2);
        assertThat(undefined.err()).contains("signer: a YAML alias (*nope)").doesNotContain("write signer: {type: nope}");
    }

    @Test
    void setOfAPathTheFileDoesNotHave_isBlamedOnTheOption() {
        CliRun r = CliRun.of("run", "scenarios/thirty-users.yaml", "--set", "nope.path=1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--set nope.path=1: nope: unknown field").doesNotContain("thirty-users.yaml: nope");
    }

    @Test
    void thresholdErrors_haveLineAndColumn_inFileOrderWithTheOthers(@TempDir Path dir) throws Exception {
        CliRun r = scenario(dir, "participants: 3\ncredentials: {demoSecret: true}\nthresholds:\n  - 'invalid === 0'\n"
                + "signer: {type: fastt}\n");
        assertThat(r.exitCode()).isEqualTo(2);
        String err = r.err();
        assertThat(err).contains("s.yaml:4:5: thresholds[0]: threshold 'invalid === 0' is not METRIC OP VALUE")
                .contains("s.yaml:5:10: signer.type: unknown signer 'fastt'");
        assertThat(err.indexOf("thresholds[0]")).isLessThan(err.indexOf("signer.type"));
    }
}
