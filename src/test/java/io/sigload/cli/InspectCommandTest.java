package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sigload inspect} through {@code Main.run}: exit codes, stdout, stderr. */
class InspectCommandTest {
    static final String CASE_SECRET = "PlaceholderSdkSecretValue0000XYZ";
    /** FC-00: a correct token at 1700000000. */
    static final String FC00 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBLZXkiOiJBYmMxMjNQbGFjZWhvbGRlcktleTAxIiwic2RrS2V5IjoiQWJjMTIzUGxhY2Vob2xkZXJLZXkwMSIsIm1uIjoiOTg3NjU0MzIxMDEiLCJyb2xlIjowLCJpYXQiOjE2OTk5OTk5NzAsImV4cCI6MTcwMDAwNzE3MCwidG9rZW5FeHAiOjE3MDAwMDcxNzB9.-M3HUgGyMzDwBDHVxGX61p_iAdNApsNNRCEgWMS6hU4";
    /** FC-01: iat 60 s after 1700000000. */
    static final String FC01 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBLZXkiOiJBYmMxMjNQbGFjZWhvbGRlcktleTAxIiwic2RrS2V5IjoiQWJjMTIzUGxhY2Vob2xkZXJLZXkwMSIsIm1uIjoiOTg3NjU0MzIxMDEiLCJyb2xlIjowLCJpYXQiOjE3MDAwMDAwNjAsImV4cCI6MTcwMDAwNzI2MCwidG9rZW5FeHAiOjE3MDAwMDcyNjB9.Hl7GIldpeqWcKlXMs9cF7YsK-WQ1IkxkglcQuSgVVVc";

    @TempDir
    Path dir;
    Path secretFile;

    @BeforeEach
    void writeSecret() throws IOException {
        secretFile = dir.resolve("sdk.txt");
        Files.writeString(secretFile, CASE_SECRET + "\n");
        SecretOptions.environment = Map.of("SDK_SECRET", CASE_SECRET)::get;
    }

    @AfterEach
    void restore() {
        SecretOptions.environment = System::getenv;
        InspectCommand.stdin = () -> System.in;
    }

    @Test
    void validToken_exitsZero_andShowsClaimsWithTimes() {
        CliRun r = CliRun.of("inspect", "--secret-file", secretFile.toString(), "--at", "1700000000", FC00);
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Header:    {\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "iat          1699999970  2023-11-14T22:12:50Z, 30 s ago",
                "exp          1700007170  2023-11-15T00:12:50Z, 7170 s (1 h 59 min) from now",
                "ok       BAD_SIGNATURE", "Verdict:   VALID");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void iatInFuture_exitsOne_withNumbersHintAndFix() {
        CliRun r = CliRun.of("inspect", "--secret-env", "SDK_SECRET", "--at", "1700000000", FC01);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("iat          1700000060  2023-11-14T22:14:20Z, 60 s from now",
                "BROKEN   IAT_IN_FUTURE                iat is 60 s after the validator's clock (leeway 0 s)",
                "CLIENT_CLOCK_SKEW", "fix: Mint tokens on a server", "Verdict:   INVALID (1 error(s): IAT_IN_FUTURE)");
    }

    @Test
    void iatLeeway_acceptsTheSameToken() {
        CliRun r = CliRun.of("inspect", "--secret-env", "SDK_SECRET", "--at", "1700000000", "--iat-leeway", "60", FC01);
        assertThat(r.exitCode()).as(r.out()).isZero();
    }

    @Test
    void json_isPureJsonWithCodeListsAndDetails() throws IOException {
        CliRun r = CliRun.of("inspect", "--json", "--secret-file", secretFile.toString(), "--at", "1700000000", FC01);
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("errors").toString()).isEqualTo("[\"IAT_IN_FUTURE\"]");
        assertThat(root.get("warnings").isArray()).isTrue();
        assertThat(root.get("hints").toString()).isEqualTo("[\"CLIENT_CLOCK_SKEW\"]");
        assertThat(root.at("/details/errors/0/details/iatAheadSeconds").asLong()).isEqualTo(60);
        assertThat(root.at("/details/claims/iat").asLong()).isEqualTo(1_700_000_060L);
        assertThat(root.at("/details/signatureChecked").asBoolean()).isTrue();
    }

    @Test
    void withoutSecret_checksEverythingButTheMac_andSaysSo() {
        CliRun r = CliRun.of("inspect", "--at", "1700000000", FC00);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Signature: NOT CHECKED: no secret given", "skipped  BAD_SIGNATURE");
    }

    @Test
    void tokenFromStandardInput() {
        InspectCommand.stdin = () -> new ByteArrayInputStream((FC01 + "\n").getBytes(StandardCharsets.UTF_8));
        CliRun r = CliRun.of("inspect", "--at", "1700000000", "--json", "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("IAT_IN_FUTURE").doesNotContain("NON_BASE64URL");
    }

    @Test
    void meetingNumber_andProfile_areApplied() {
        CliRun r = CliRun.of("inspect", "--at", "1700000000", "--meeting-number", "123", FC00);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("MN_MISMATCH");
        CliRun video = CliRun.of("inspect", "--at", "1700000000", "--profile", "video", "--session-name", "x", FC00);
        assertThat(video.out()).contains("BROKEN   WRONG_TOKEN_KIND");
    }

    @Test
    void malformedToken_isAnInvalidToken_notAUsageError() {
        CliRun r = CliRun.of("inspect", "--at", "1700000000", "not-a-token");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("BROKEN   MALFORMED_TOKEN");
    }

    @Test
    void usageErrors_exitTwo_inOneLineWithoutStackTrace() {
        for (String[] args : new String[][] {
            {"inspect", "--secret-env", "SDK_SECRET", "--secret-file", "x", FC00},
            {"inspect", "--secret-env", "UNSET_VARIABLE", FC00},
            {"inspect", "--secret-file", dir.resolve("missing").toString(), FC00},
            {"inspect", "--profile", "zoom", FC00},
            {"inspect", "--at", "soon", FC00},
            {"inspect", "--at", "1700000000000", FC00},
            {"inspect", "--iat-leeway", "-5", FC00},
            {"inspect", "--iat-leeway", "soon", FC00},
            {"inspect", "--cases", dir.resolve("nope").toString()},
            {"inspect", "--no-such-flag", FC00}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isEqualTo(2);
            assertThat(r.err()).startsWith("sigload").doesNotContain("\tat ", "Exception");
        }
    }

    @Test
    void cases_emptyDirectory_exitsTwo_noCaseFiles() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not a case");
        CliRun r = CliRun.of("inspect", "--cases", empty.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("no case files (*.json) in " + empty);
        assertThat(r.out()).doesNotContain("passed");
    }

    @Test
    void meetingNumber_notDigits_exitsTwo() {
        for (String mn : new String[] {"abc", "987 6543 2101", "-1", "", "98765432101x"}) {
            CliRun r = CliRun.of("inspect", "--meeting-number", mn, FC00);
            assertThat(r.exitCode()).as(mn + "\n" + r.all()).isEqualTo(2);
            assertThat(r.err()).contains("--meeting-number: digits only").doesNotContain("\tat ");
        }
    }

    @Test
    void unsetSecretVariable_listsEveryWayToSupplyIt() {
        CliRun r = CliRun.of("inspect", "--secret-env", "UNSET_VARIABLE", FC00);
        assertThat(r.err()).contains("UNSET_VARIABLE", "--secret-file FILE");
    }

    @Test
    void cases_printNPassedMFailedOnTheLastLine() throws Exception {
        Path cases = Path.of(getClass().getResource("/cases").toURI());
        long files;
        try (var s = Files.list(cases)) {
            files = s.filter(f -> f.toString().endsWith(".json")).count();
        }
        CliRun r = CliRun.of("inspect", "--cases", cases.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(files).isGreaterThanOrEqualTo(36);
        assertThat(r.out().strip()).isEqualTo(files + " passed, 0 failed");
    }

    @Test
    void cases_printOneLinePerMismatch_andExitOne() throws IOException {
        Files.writeString(dir.resolve("a.json"), """
                {"id":"WRONG","profile":"meeting-web","secret":"s3","now":1700000000,"token":"%s",
                 "expect":{"valid":true,"errors":[]}}""".formatted(FC01));
        Files.writeString(dir.resolve("b.json"), "{not json");
        CliRun r = CliRun.of("inspect", "--cases", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("WRONG: expected valid, got invalid", "WRONG: expected errors [], got [",
                "b.json: cannot read case");
        assertThat(r.lastLine()).isEqualTo("0 passed, 2 failed");
    }

    @Test
    void help_listsOptionsAndExitCodes() {
        CliRun r = CliRun.of("inspect", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--secret-env", "--secret-file", "--alternative-secret-env", "--at", "--iat-leeway",
                "--meeting-number", "--session-name", "--json", "--cases", "Exit codes");
    }
}
