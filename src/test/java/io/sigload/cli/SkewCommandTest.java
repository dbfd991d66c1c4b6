package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkewCommandTest {
    static RunCommandTest.Outcome sigload(String... args) {
        return RunCommandTest.sigload(args);
    }

    @Test
    void floorMinus30_printsTheWindowSentence_andWritesWindowSecondsToJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("skew.json");
        var o = sigload("skew", "scenarios/skew-floor-minus-30.yaml", "--from", "-2h", "--to", "2m", "--json", json.toString());
        assertThat(o.code()).isEqualTo(Main.OK);
        assertThat(o.out()).contains("tokens from this signer validate when the minting clock is between 7169 s slow and 30 s fast")
                .contains("EXPIRED from -7170 s").contains("IAT_IN_FUTURE from +31 s");
        var tree = new ObjectMapper().readTree(json.toFile());
        assertThat(tree.get("windowSeconds").get("min").asLong()).isEqualTo(-7169);
        assertThat(tree.get("windowSeconds").get("max").asLong()).isEqualTo(30);
        assertThat(tree.get("edges").get("fast").get("reason").asText()).isEqualTo("IAT_IN_FUTURE");
        assertThat(tree.get("steps").size()).isGreaterThan(10);
    }

    @Test
    void anEndpointWhoseClockIs90sFast_saysItsTokensAreRefusedNow_andThatItsClockRunsFast() {
        var o = sigload("skew", "scenarios/remote-endpoint.yaml", "--from", "-5m", "--to", "5m");
        assertThat(o.code()).as(o.err()).isEqualTo(Main.OK);
        assertThat(o.out()).contains("the VALIDATOR's clock was swept instead")
                .contains("0 s is outside the window").contains("its clock runs fast against this machine's");
    }

    @Test
    void anEndpointInStep_saysNothingAboutItsClock() {
        var o = sigload("skew", "scenarios/remote-endpoint.yaml", "--set", "endpoint.clockOffset=0s", "--from", "-5m",
                "--to", "5m");
        assertThat(o.code()).as(o.err()).isEqualTo(Main.OK);
        assertThat(o.out()).contains("the VALIDATOR's clock was swept instead").doesNotContain("outside the window");
    }

    @Test
    void reversedRange_exits2_sayingWhatIsAllowed() {
        var o = sigload("skew", "scenarios/skew-floor-minus-30.yaml", "--from", "2h", "--to", "-2h");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("empty skew range").contains("--from -2h --to 2h").doesNotContain("at io.sigload");
    }

    @Test
    void absurdRange_exits2() {
        assertThat(sigload("skew", "scenarios/skew-floor-minus-30.yaml", "--to", "31d").code()).isEqualTo(Main.USAGE);
        var o = sigload("skew", "scenarios/skew-floor-minus-30.yaml", "--to", "99999999999999d");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("--to").doesNotContain("at io.sigload");
    }

    @Test
    void signerThatNeverValidates_stillReports_andExits1(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("short.yaml");
        Files.writeString(f, "participants: 1\ncredentials: {demoSecret: true}\nmeeting: {expirationSeconds: 60}\n");
        var o = sigload("skew", f.toString(), "--from", "-5m", "--to", "5m");
        assertThat(o.code()).isEqualTo(Main.CHECK_FAILED);
        assertThat(o.out()).contains("never validate");
        assertThat(o.err()).contains("no token from").contains("EXP_TOO_SOON");
    }
}
