package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.token.Base64Url;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The inspect reports (human and JSON) print any token without crashing; JSON output always parses. */
class InspectRobustnessTest {
    private static final String[] VALUES = {"1e-999999999", "1e999999999", "-1e999999999", "NaN", "\"x\"", "null",
        "99999999999999999999999999", "1700000000.000000001", "{\"a\":[1,{}]}", "\"\\u0000\\u001b[31m\"", "-0", "5e-324",
        "1699999970000"};
    private static final String[] NAMES = {"iat", "exp", "tokenExp", "nbf", "mn", "role", "appKey", "tpc", "\\u0000"};

    @Test
    void oddClaims_neverCrashTheReports() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 150; i++) {
            StringBuilder p = new StringBuilder("{\"appKey\":\"K\"");
            for (int k = 0; k < 4; k++) {
                p.append(",\"").append(NAMES[r.nextInt(NAMES.length)]).append("\":").append(VALUES[r.nextInt(VALUES.length)]);
            }
            String payload = p.append('}').toString();
            String header = r.nextBoolean() ? "{\"alg\":\"HS256\"}" : "{\"alg\":" + VALUES[r.nextInt(VALUES.length)] + "}";
            String token = Base64Url.encode(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + Base64Url.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + (r.nextBoolean() ? "sig" : "");
            String profile = new String[] {"meeting-web", "meeting-native", "video", "legacy"}[r.nextInt(4)];
            CliRun human = CliRun.of("inspect", "--at", "1700000000", "--profile", profile, token);
            assertThat(human.exitCode()).as(human.all()).isIn(0, 1);
            assertThat(human.out()).contains("Verdict:");
            CliRun machine = CliRun.of("inspect", "--json", "--at", "1700000000", "--profile", profile, token);
            assertThat(machine.exitCode()).as(machine.all()).isIn(0, 1);
            assertThat(json.readTree(machine.out()).has("valid")).isTrue();
        }
    }
}
