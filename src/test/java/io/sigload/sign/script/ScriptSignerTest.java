package io.sigload.sign.script;

import static io.sigload.sign.TokenAssertions.assertHs256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.Signers;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node and python signers against fixture modules (src/test/resources/signers): the
 * participant's clock and zone reach the user's code, and every fault is a counted category or a
 * start-up message. Needs node and /usr/bin/python3 with python3-freezegun (.ci/run installs them).
 */
@Timeout(120)
class ScriptSignerTest {
    static final Path FIXTURES = Path.of("src/test/resources/signers").toAbsolutePath();
    static final Secret SECRET = Secret.of("script-test-secret-0123456789", "test");
    static final String KEY = "scriptSdkKey";
    static final Instant AT = Instant.ofEpochMilli(1_772_442_000_123L);

    static Signer create(String type, Object... kv) throws SignerConfigException {
        ObjectNode o = CompactJws.JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], CompactJws.JSON.valueToTree(kv[i + 1]));
        }
        return Signers.create(type, new SignerConfig(KEY, SECRET, ClaimsRecipe.zoomSample(), o, Map.of(), 8,
                FIXTURES));
    }

    static SignRequest request(int participant, Instant at, String zone) {
        return new SignRequest(participant, "85746065432", 0, 7200, null, Clock.fixed(at, ZoneId.of(zone)));
    }

    static SignException failure(Signer s, SignRequest r) {
        try {
            String t = s.sign(r);
            throw new AssertionError("expected a SignException, got " + t);
        } catch (SignException e) {
            return e;
        }
    }

    static final List<String> DISPATCH_ARGS = List.of("participant", "sdkKey", "secret", "meetingNumber", "role",
            "expirationSeconds");

    // ---------------------------------------------------------------- node

    @Test
    void node_theParticipantsClockAndZoneReachTheFunction_andTheSecretOnlyItsEnvironment() throws Exception {
        try (Signer s = create("node", "module", "signers.cjs", "function", "dispatch", "args", DISPATCH_ARGS,
                "instances", 1)) {
            String[] seen = s.sign(request(0, AT, "Asia/Kolkata")).split("\\|");
            assertThat(Long.parseLong(seen[0])).isEqualTo(AT.toEpochMilli());              // Date.now()
            assertThat(seen[1]).isEqualTo("-330");                                           // getTimezoneOffset()
            assertThat(seen[2]).isIn("Asia/Kolkata", "Asia/Calcutta");                       // Intl's zone
            assertThat(Long.parseLong(seen[3])).isEqualTo(AT.toEpochMilli());              // performance
            assertThat(seen[4]).doesNotContain(SECRET.text());                               // command line
            assertThat(seen[5]).isEqualTo("string");                                         // environment
            // the same process, the next participant: another clock and zone
            String[] next = s.sign(request(0, AT.plusSeconds(3600), "America/New_York")).split("\\|");
            assertThat(Long.parseLong(next[0])).isEqualTo(AT.toEpochMilli() + 3_600_000);
            assertThat(next[1]).isEqualTo("300");
            assertThat(s.describe()).contains("signers.cjs", "dispatch(", "Node.js").doesNotContain(SECRET.text());
        }
    }

    @Test
    void node_mintsValidTokensFromManyVirtualThreads_onThePoolOfProcesses() throws Exception {
        try (Signer s = create("node", "module", "signers.cjs", "function", "sign", "instances", 3);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                SignRequest r = request(i, AT.plusSeconds(i), "Europe/Berlin");
                tokens.add(pool.submit(() -> s.sign(r)));
            }
            for (int i = 0; i < tokens.size(); i++) {
                DecodedToken t = assertHs256(tokens.get(i).get(), SECRET);
                assertThat(t.payload().get("iat").asLong()).as("participant %d", i).isEqualTo(AT.getEpochSecond() + i);
            }
        }
    }

    @Test
    void node_esmDefaultExport_asyncFunction_callbacks_andAResultPath() throws Exception {
        try (Signer def = create("node", "module", "esm.mjs", "function", "default");
                Signer async = create("node", "module", "esm.mjs", "function", "signAsync");
                Signer cb = create("node", "module", "signers.cjs", "function", "withCallback", "args",
                        List.of("sdkKey", "secret", "meetingNumber", "role", "expirationSeconds", "participant",
                                "callback"), "timeout", "2s");
                Signer zoom = create("node", "module", "signers.cjs", "function", "zoomStyle", "args",
                        Map.of("sdkKey", "sdkKey", "sdkSecret", "secret", "meetingNumber", "meetingNumber",
                                "role", "role", "success", "callback"), "result", "result")) {
            for (Signer s : List.of(def, async, cb, zoom)) {
                assertThat(assertHs256(s.sign(request(0, AT, "UTC")), SECRET).payload().get("iat").asLong())
                        .isEqualTo(AT.getEpochSecond());
            }
            assertThat(failure(cb, request(1, AT, "UTC")).category().name()).isEqualTo("SCRIPT_NO_RESULT");
            SignException e = failure(cb, request(2, AT, "UTC"));
            assertThat(e.category().name()).isEqualTo("SCRIPT_THREW");
            assertThat(e.getMessage()).contains("callback error");
        }
    }

    @Test
    void node_everyFaultIsACategory_andThePoolGoesOn() throws Exception {
        try (Signer s = create("node", "module", "signers.cjs", "function", "dispatch", "args", DISPATCH_ARGS,
                "instances", 1, "timeout", "1500ms", "restarts", 5)) {
            assertFault(s, 1, "SCRIPT_THREW", "TypeError: cannot read the meeting config");
            assertFault(s, 2, "SCRIPT_NOT_STRING", "number 1772442000");
            assertFault(s, 3, "PROCESS_TIMEOUT", "killed");                  // blocks the event loop
            assertFault(s, 4, "SCRIPT_NO_RESULT", "did not settle");          // answered by the harness
            assertThat(assertHs256(s.sign(request(5, AT, "UTC")), SECRET)).isNotNull();
            assertFault(s, 6, "SCRIPT_THREW", "rejected with Error: key service unavailable");
            assertThat(assertHs256(s.sign(request(7, AT, "UTC")), SECRET)).isNotNull(); // console.log: not protocol
            assertFault(s, 9, "PROCESS_EXITED", "exited");
            assertThat(assertHs256(s.sign(request(10, AT, "UTC")), SECRET)).isNotNull(); // restarted
        }
        try (Signer s = create("node", "module", "signers.cjs", "function", "dispatch", "args", DISPATCH_ARGS,
                "result", "signature.value")) {
            assertFault(s, 8, "SCRIPT_NOT_STRING", "result: signature.value");
        }
    }

    @Test
    void node_startUpMessages_nameWhatIsWrong() {
        assertThatThrownBy(() -> create("node", "module", "signers.cjs", "function", "generateSignature"))
                .isInstanceOf(SignerConfigException.class)
                .hasMessageContaining("exports no function 'generateSignature'")
                .hasMessageContaining("its functions: dispatch, probe, sign")
                .extracting(e -> ((SignerConfigException) e).field()).isEqualTo("function");
        assertThatThrownBy(() -> create("node", "module", "signers.cjs", "function", "notAFunction"))
                .hasMessageContaining("'notAFunction' is number 42");
        assertThatThrownBy(() -> create("node", "module", "broken.cjs", "function", "sign"))
                .hasMessageContaining("cannot load").hasMessageContaining("broken.cjs").hasMessageContaining("config.json not found");
        assertThatThrownBy(() -> create("node", "module", "missing.js", "function", "sign"))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> create("node", "module", "signers.cjs", "function", "sign", "node", "/nonexistent/node"))
                .hasMessageContaining("install Node.js 18 or newer");
        assertThatThrownBy(() -> create("node", "module", "signers.cjs", "function", "sign", "args",
                List.of("sdkKey", "sdkSecret")))
                .hasMessageContaining("'sdkSecret'").hasMessageContaining("Did you mean 'secret'?");
    }

    private static void assertFault(Signer s, int participant, String category, String message) {
        SignException e = failure(s, request(participant, AT, "UTC"));
        assertThat(e.category().name()).as("participant %d: %s", participant, e.getMessage()).isEqualTo(category);
        assertThat(e.getMessage()).contains(message).doesNotContain(SECRET.text());
    }

    // ---------------------------------------------------------------- python

    @Test
    void python_theParticipantsClockAndZoneReachTheFunction_andTheSecretOnlyItsEnvironment() throws Exception {
        try (Signer s = create("python", "module", "signers.py", "function", "dispatch", "args", DISPATCH_ARGS,
                "instances", 1)) {
            String[] seen = s.sign(request(0, AT, "Asia/Kolkata")).split("\\|");
            assertThat(Long.parseLong(seen[0])).isEqualTo(AT.toEpochMilli());              // time.time()
            assertThat(seen[1]).isEqualTo("2026-03-02T14:30:00");                            // datetime.now(), local
            assertThat(seen[2]).isEqualTo("Asia/Kolkata");
            assertThat(seen[3]).doesNotContain(SECRET.text());
            assertThat(seen[4]).isEqualTo("str");
            // summer time in New York: the offset of that instant (EDT), not the standard one
            Instant july = Instant.parse("2026-07-01T12:00:00Z");
            assertThat(s.sign(request(0, july, "America/New_York")).split("\\|")[1]).isEqualTo("2026-07-01T08:00:00");
            assertThat(s.describe()).contains("signers.py", "Python 3", "freezegun");
        }
    }

    @Test
    void python_reproducesTheUtcnowTimestampBug_onlyOutsideUtc() throws Exception {
        try (Signer s = create("python", "module", "signers.py", "function", "utcnow_bug", "args", List.of())) {
            long at = AT.getEpochSecond();
            assertThat(Long.parseLong(s.sign(request(0, AT, "UTC")))).isEqualTo(at);
            assertThat(Long.parseLong(s.sign(request(0, AT, "America/New_York")))).isEqualTo(at + 5 * 3600);
            assertThat(Long.parseLong(s.sign(request(0, AT, "Asia/Tokyo")))).isEqualTo(at - 9 * 3600);
        }
    }

    @Test
    void python_everyFaultIsACategory_keywordsAndCoroutinesWork() throws Exception {
        try (Signer s = create("python", "module", "signers.py", "function", "dispatch", "args", DISPATCH_ARGS,
                "instances", 1, "timeout", "1500ms", "restarts", 5)) {
            assertFault(s, 1, "SCRIPT_THREW", "KeyError: 'meeting_config'");
            assertFault(s, 2, "SCRIPT_NOT_STRING", "int 1772442000");
            assertFault(s, 3, "PROCESS_TIMEOUT", "killed");
            assertFault(s, 4, "SCRIPT_NO_RESULT", "coroutine that did not finish");
            assertThat(assertHs256(s.sign(request(5, AT, "UTC")), SECRET)).isNotNull();
            assertThat(assertHs256(s.sign(request(7, AT, "UTC")), SECRET)).isNotNull(); // print(): not protocol
            assertFault(s, 9, "PROCESS_EXITED", "exited");
            assertThat(assertHs256(s.sign(request(10, AT, "UTC")), SECRET)).isNotNull();
        }
        try (Signer s = create("python", "module", "signers.py", "function", "keywords", "args", Map.of(
                "sdk_key", "sdkKey", "secret", "secret", "meeting_number", "meetingNumber", "role", "role"))) {
            assertThat(assertHs256(s.sign(request(0, AT, "UTC")), SECRET).payload().get("iat").asLong())
                    .isEqualTo(AT.getEpochSecond());
        }
    }

    @Test
    void python_startUpMessages_nameWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> create("python", "module", "signers.py", "function", "generate_signature"))
                .hasMessageContaining("has no function 'generate_signature'").hasMessageContaining("sign, probe");
        assertThatThrownBy(() -> create("python", "module", "broken.py", "function", "sign"))
                .hasMessageContaining("cannot load").hasMessageContaining("broken.py").hasMessageContaining("settings.ini not found");
        assertThatThrownBy(() -> create("python", "module", "signers.py", "function", "sign", "python",
                "/nonexistent/python3"))
                .hasMessageContaining("python3-freezegun");
        // an interpreter without freezegun: a venv-less python with -I would do; use one that cannot import it
        Path fake = Files.createTempFile("python-without-freezegun", ".sh");
        try {
            Files.writeString(fake, "#!/bin/sh\nexec /usr/bin/python3 -c 'import freezegun_missing_for_test' \"$@\"\n");
            fake.toFile().setExecutable(true);
            assertThatThrownBy(() -> create("python", "module", "signers.py", "function", "sign", "python",
                    fake.toString()))
                    .hasMessageContaining("cannot run the python harness")
                    .hasMessageContaining("apt-get install -y python3-freezegun");
        } finally {
            Files.delete(fake);
        }
    }

    @Test
    void closing_stopsTheChildren_andDeletesTheHarness() throws Exception {
        Signer s = create("node", "module", "signers.cjs", "function", "sign", "instances", 2);
        s.sign(request(0, AT, "UTC"));
        List<ProcessHandle> children = ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("sigload-node-harness-")).toList();
        assertThat(children).hasSize(2);
        Path dir = Path.of(children.getFirst().info().arguments().orElseThrow()[0]).getParent();
        assertThat(dir).isDirectory();
        s.close();
        for (ProcessHandle p : children) {
            p.onExit().get(5, TimeUnit.SECONDS);
            assertThat(p.isAlive()).isFalse();
        }
        assertThat(dir).doesNotExist();
    }
}
