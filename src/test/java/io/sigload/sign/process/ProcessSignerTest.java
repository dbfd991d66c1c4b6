package io.sigload.sign.process;

import static io.sigload.sign.TokenAssertions.assertHs256;
import static io.sigload.sign.TokenAssertions.canonicalClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.Signers;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ProcessSignerTest {
    static final String EXAMPLE = "examples/process-signer/zoom_signer.py";
    private static final Secret SECRET = Secret.of("process-test-secret-0123456789abcdef", "test");
    private static final String KEY = "procSdkKey";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_460_123_456L), ZoneOffset.UTC);

    private static Signer create(Map<String, String> env, Object... kv) throws SignerConfigException {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], CompactJwsJson.tree(kv[i + 1]));
        }
        return Signers.create("process", new SignerConfig(KEY, SECRET, ClaimsRecipe.zoomSample(), o, env, 8));
    }

    private static Signer create(Object... kv) throws SignerConfigException {
        return create(Map.of(), kv);
    }

    private static SignRequest request(int i) {
        return new SignRequest(i, Long.toString(8_000_000_000L + i), i % 2, 1800 + i, i % 3 == 0 ? null : i % 2, CLOCK);
    }

    private static SignException signFailure(Signer s, SignRequest r) {
        try {
            s.sign(r);
        } catch (SignException e) {
            return e;
        }
        throw new AssertionError("expected a SignException");
    }

    @Test
    void exampleSigner_mintsTokensWithTheReferenceClaims_fromVirtualThreads() throws Exception {
        JavaJwtSigner reference = new JavaJwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        try (Signer s = create("command", List.of("python3", EXAMPLE), "instances", 3, "timeout", "60s");
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                SignRequest r = request(i);
                tokens.add(pool.submit(() -> s.sign(r)));
            }
            for (int i = 0; i < tokens.size(); i++) {
                DecodedToken t = assertHs256(tokens.get(i).get(), SECRET);
                assertThat(canonicalClaims(t.payload())).as("participant %d", i)
                        .isEqualTo(canonicalClaims(assertHs256(reference.sign(request(i)), SECRET).payload()));
            }
        }
    }

    @Test
    void exampleSigner_refusingARequest_isAProcessError() throws Exception {
        try (Signer s = create("command", List.of("python3", EXAMPLE))) {
            SignException e = signFailure(s, new SignRequest(0, "12ab", 0, 7200, null, CLOCK));
            assertThat(e.category().name()).isEqualTo("PROCESS_ERROR");
            assertThat(e.getMessage()).contains("meetingNumber must be a string of digits");
            assertThat(s.sign(request(1))).startsWith("eyJ");
        }
    }

    @Test
    void processThatExits_isCountedAndRestarted_thenMarkedDead() throws Exception {
        String script = "import sys; sys.stdin.readline(); sys.stderr.write('boom\\n'); sys.exit(3)";
        try (Signer s = create("command", List.of("python3", "-c", script), "restarts", 1)) {
            SignException first = signFailure(s, request(0));
            assertThat(first.category().name()).isEqualTo("PROCESS_EXITED");
            assertThat(first.getMessage()).contains("code 3").contains("restarted on next use");
            SignException second = signFailure(s, request(1));
            assertThat(second.category().name()).isEqualTo("PROCESS_EXITED");
            assertThat(second.getMessage()).contains("no restarts left");
            SignException third = signFailure(s, request(2));
            assertThat(third.category().name()).isEqualTo("PROCESS_EXITED");
            assertThat(third.getMessage()).contains("dead");
        }
    }

    @Test
    void garbageOutput_isBadOutput_andTheInstanceKeepsServing() throws Exception {
        try (Signer s = create("command", List.of("sh", "-c", "while read l; do echo '<html>oops</html>'; done"))) {
            for (int i = 0; i < 3; i++) {
                SignException e = signFailure(s, request(i));
                assertThat(e.category().name()).isEqualTo("PROCESS_BAD_OUTPUT");
                assertThat(e.getMessage()).contains("<html>oops</html>");
            }
        }
    }

    @Test
    void jsonWithoutSignature_isBadOutput() throws Exception {
        try (Signer s = create("command", List.of("sh", "-c", "while read l; do echo '{\"token\":\"x\"}'; done"))) {
            assertThat(signFailure(s, request(0)).category().name()).isEqualTo("PROCESS_BAD_OUTPUT");
        }
    }

    @Test
    void stalledProcess_timesOut_isKilled_andRestarted() throws Exception {
        try (Signer s = create("command", List.of("sh", "-c", "while read l; do sleep 60; done"), "timeout", "300ms",
                "startTimeout", "300ms", "restarts", 5)) {
            for (int i = 0; i < 2; i++) {
                SignException e = signFailure(s, request(i));
                assertThat(e.category().name()).isEqualTo("PROCESS_TIMEOUT");
                assertThat(e.getMessage()).contains("300 ms").contains("killed");
            }
        }
    }

    @Test
    void slowStartingProgram_getsTheStartTimeoutForItsFirstRequest() throws Exception {
        String slowStart = "sleep 1; while read l; do echo '{\"signature\":\"t\"}'; done";
        try (Signer s = create("command", List.of("sh", "-c", slowStart), "timeout", "300ms", "startTimeout", "60s")) {
            assertThat(s.sign(request(0))).isEqualTo("t");
            assertThat(s.sign(request(1))).isEqualTo("t");
        }
    }

    @Test
    void secretAtTheEndOfALongStderrLine_isMaskedBeforeTheLineIsCut() throws Exception {
        String script = "import os, sys; sys.stdin.readline(); sys.stderr.write('x' * 190 + os.environ['ZOOM_MEETING_SDK_SECRET']"
                + " + '\\n'); sys.stderr.flush(); sys.exit(3)";
        try (Signer s = create("command", List.of("python3", "-c", script), "restarts", 0)) {
            SignException e = signFailure(s, request(0));
            assertThat(e.category().name()).isEqualTo("PROCESS_EXITED");
            assertThat(e.getMessage()).doesNotContain(SECRET.text().substring(0, 8));
        }
    }

    @Test
    void escapedSecretInBadOutput_isMasked() throws Exception {
        String script = "import os, sys, json\nfor l in sys.stdin:\n"
                + "    s = ''.join('\\\\u%04x' % ord(c) for c in os.environ['ZOOM_MEETING_SDK_SECRET'])\n"
                + "    print('{\"oops\": \"' + s + '\"}', flush=True)";
        try (Signer s = create("command", List.of("python3", "-c", script))) {
            SignException e = signFailure(s, request(0));
            assertThat(e.category().name()).isEqualTo("PROCESS_BAD_OUTPUT");
            assertThat(e.getMessage()).contains("[secret]").doesNotContain(SECRET.text()).doesNotContain("\\u0070");
        }
    }

    @Test
    void errorResponse_isAProcessError_withTheSecretMasked() throws Exception {
        String echo = "while read l; do echo \"{\\\"error\\\":\\\"bad key $ZOOM_MEETING_SDK_SECRET\\\"}\"; done";
        try (Signer s = create("command", List.of("sh", "-c", echo))) {
            SignException e = signFailure(s, request(0));
            assertThat(e.category().name()).isEqualTo("PROCESS_ERROR");
            assertThat(e.getMessage()).contains("bad key [secret]").doesNotContain(SECRET.text());
        }
    }

    @Test
    void childEnvironment_holdsTheZoomVariablesAndOnlyTheListedOnes() throws Exception {
        String script = "import os, sys, json\nfor l in sys.stdin:\n"
                + "    print(json.dumps({'signature': ','.join(sorted(os.environ)) + ';' + os.environ['ZOOM_MEETING_SDK_KEY']}),"
                + " flush=True)";
        try (Signer s = create(Map.of("EXTRA_VAR", "1", "OTHER_VAR", "2"), "command", List.of("python3", "-c", script),
                "env", List.of("EXTRA_VAR"))) {
            String names = s.sign(request(0));
            assertThat(names).contains("ZOOM_MEETING_SDK_SECRET").contains("EXTRA_VAR").doesNotContain("OTHER_VAR")
                    .endsWith(";" + KEY);
        }
    }

    @Test
    void secretOnTheCommandLine_isRefused() {
        assertThatThrownBy(() -> create("command", List.of("python3", EXAMPLE, "--secret", SECRET.text())))
                .isInstanceOfSatisfying(SignerConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("command");
                    assertThat(e.getMessage()).contains("ZOOM_MEETING_SDK_SECRET").doesNotContain(SECRET.text());
                });
    }

    @Test
    void missingProgram_isAConfigErrorNamingTheCommand() {
        assertThatThrownBy(() -> create("command", List.of("/nonexistent/sigload-signer")))
                .isInstanceOfSatisfying(SignerConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("command");
                    assertThat(e.getMessage()).contains("/nonexistent/sigload-signer");
                });
    }

    @Test
    void missingCommand_andBadTimeout_areConfigErrors() {
        assertThatThrownBy(() -> create("instances", 2)).isInstanceOfSatisfying(SignerConfigException.class,
                e -> assertThat(e.field()).isEqualTo("command"));
        assertThatThrownBy(() -> create("command", List.of("true"), "timeout", "5 parsecs"))
                .isInstanceOfSatisfying(SignerConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("timeout");
                    assertThat(e.getMessage()).contains("500ms, 5s, 2m");
                });
        assertThatThrownBy(() -> create("command", List.of("true"), "instances", 0))
                .isInstanceOfSatisfying(SignerConfigException.class, e -> assertThat(e.field()).isEqualTo("instances"));
    }

    @Test
    void closedSigner_refusesWithSignerClosed() throws Exception {
        Signer s = create("command", List.of("python3", EXAMPLE));
        assertThat(s.describe()).contains("python3 " + EXAMPLE).contains("1 instance").doesNotContain(SECRET.text());
        s.close();
        assertThat(signFailure(s, request(0)).category().name()).isEqualTo("SIGNER_CLOSED");
    }

    /** Turns test values into JSON nodes. */
    static final class CompactJwsJson {
        static JsonNode tree(Object v) {
            return CompactJws.JSON.valueToTree(v);
        }
    }
}
