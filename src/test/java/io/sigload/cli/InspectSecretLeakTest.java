package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.token.Base64Url;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secret never appears in any output, not even in part: every 6-character substring of the
 * SDK secret and of the alternative secret is searched for in stdout and stderr of valid, invalid,
 * KEY_ENCODING, WRONG_SECRET, HEX, legacy, JSON and error runs.
 */
class InspectSecretLeakTest {
    private static final String SECRET = "Zx9qLeakCanaryV7wPm3Rt";
    private static final String ALT = "Oq4uAltCanaryJ8sXn2Bd";
    private static final String CLAIMS = "{\"appKey\":\"KeyAbc01\",\"sdkKey\":\"KeyAbc01\",\"mn\":\"98765432101\","
            + "\"role\":0,\"iat\":1699999970,\"exp\":1700007170,\"tokenExp\":1700007170}";

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        SecretOptions.environment = System::getenv;
    }

    private static String token(byte[] key, boolean hex) throws Exception {
        String header = Base64Url.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String input = header + "." + Base64Url.encode(CLAIMS.getBytes(StandardCharsets.UTF_8));
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] mac = m.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + (hex ? HexFormat.of().formatHex(mac) : Base64Url.encode(mac));
    }

    @Test
    void noOutputContainsTheSecretOrAnySixCharacterPartOfIt() throws Exception {
        SecretOptions.environment = Map.of("SDK", SECRET, "ALT", ALT, "SDK_B64", "Zx9qLeakCanaryV7wPm3RtAA")::get;
        Path file = dir.resolve("s.txt");
        Files.writeString(file, SECRET + "\n");
        byte[] utf8 = SECRET.getBytes(StandardCharsets.UTF_8);
        String valid = token(utf8, false);
        String withNewline = token((SECRET + "\n").getBytes(StandardCharsets.UTF_8), false);
        String withAlt = token(ALT.getBytes(StandardCharsets.UTF_8), false);
        String hex = token(utf8, true);
        String b64 = token(Base64.getDecoder().decode("Zx9qLeakCanaryV7wPm3RtAA"), false);
        String legacy = Base64.getEncoder().encodeToString(("KeyAbc01.98765432101.1699999970000.0."
                + Base64.getEncoder().encodeToString(new byte[32])).getBytes(StandardCharsets.UTF_8));

        List<CliRun> runs = new ArrayList<>();
        for (String fmt : new String[] {null, "--json"}) {
            for (String t : new String[] {valid, withNewline, withAlt, hex, legacy, "garbage", valid + "x"}) {
                for (String profile : new String[] {"meeting-web", "legacy"}) {
                    List<String> args = new ArrayList<>(List.of("inspect", "--at", "1700000000", "--profile", profile,
                            "--secret-env", "SDK", "--alternative-secret-env", "ALT"));
                    if (fmt != null) {
                        args.add(fmt);
                    }
                    args.add(t);
                    runs.add(CliRun.of(args.toArray(String[]::new)));
                }
            }
            runs.add(CliRun.of("inspect", "--at", "1700000000", "--secret-env", "SDK_B64", b64));
            runs.add(CliRun.of("inspect", "--at", "1700000000", "--secret-file", file.toString(), valid));
        }
        runs.add(CliRun.of("inspect", "--secret-env", "SDK", "--secret-file", file.toString(), valid));
        runs.add(CliRun.of("inspect", "--secret-env", "NOT_SET", valid));
        runs.add(CliRun.of("inspect", "--secret-env", "SDK", "--at", "x", valid));

        assertThat(runs.stream().map(CliRun::exitCode)).contains(0, 1, 2);
        String all = String.join("\n", runs.stream().map(CliRun::all).toList());
        assertThat(all).contains("KEY_ENCODING", "WRONG_SECRET", "HEX_ENCODED_MAC", "LEGACY_FORMAT", "Verdict:   VALID");
        for (String secret : new String[] {SECRET, ALT, "Zx9qLeakCanaryV7wPm3RtAA"}) {
            for (int i = 0; i + 6 <= secret.length(); i++) {
                String part = secret.substring(i, i + 6);
                assertThat(all).as("output contains a part of a secret").doesNotContain(part);
            }
        }
    }
}
