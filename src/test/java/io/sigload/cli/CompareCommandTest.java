package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @Test
    void oneSigner_exits2_namingTheWaysToAddOne() {
        var o = RunCommandTest.sigload("compare", "scenarios/thirty-users-server.yaml", "--signer", "java-jwt");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("at least two signers; got 1 (java-jwt)").contains("--signer NAME")
                .contains("installed:");
    }

    @Test
    void unknownSigner_exits2_beforeAnythingRuns() {
        var o = RunCommandTest.sigload("compare", "scenarios/thirty-users-server.yaml", "--signer", "java-jwt",
                "--signer", "nimbuss", "--no-skew", "--in-process");
        assertThat(o.code()).isEqualTo(Main.USAGE);
        assertThat(o.err()).contains("signer nimbuss").contains("unknown signer 'nimbuss'");
    }

    @Test
    void inProcess_printsOneRowPerSigner_withSkewWindows(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("c.json");
        var o = RunCommandTest.sigload("compare", "scenarios/compare-signers.yaml", "--in-process", "--set",
                "participants=200", "--skew-from", "-2h", "--skew-to", "2m", "--json", json.toString());
        assertThat(o.code()).isEqualTo(Main.OK);
        assertThat(o.out()).contains("nimbus").contains("[-7169, +30]").contains("invalid by reason");
        var tree = new ObjectMapper().readTree(json.toFile());
        assertThat(tree.get("signers").size()).isGreaterThanOrEqualTo(2);
        assertThat(tree.get("signers").get(0).get("run").get("participants").asInt()).isEqualTo(200);
        assertThat(tree.get("signers").get(0).get("skew").get("windowSeconds").get("max").asLong()).isEqualTo(30);
    }

    @Test
    void forked_runsEachSignerInAChildJvm_withTheSameSeededPlan(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("c.json");
        var o = RunCommandTest.sigload("compare", "scenarios/thirty-users.yaml", "--signer", "java-jwt", "--signer",
                "nimbus", "--no-skew", "--json", json.toString());
        assertThat(o.code()).as(o.err()).isZero();
        var signers = new ObjectMapper().readTree(json.toFile()).get("signers");
        // the same seeded plan: the same participants fail for the same reasons with either library
        assertThat(signers.get(0).get("run").get("byReason")).isEqualTo(signers.get(1).get("run").get("byReason"));
        assertThat(signers.get(0).get("run").get("invalid").asLong()).isPositive();
    }
}
