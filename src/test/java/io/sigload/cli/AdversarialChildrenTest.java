package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.sign.process.ProcessTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite, children part: a process signer whose children double-fork daemons that
 * leave the process group and the session ({@code setsid}), with their environment or without it,
 * leaves no process behind at the end of the run; and a child that exits cleanly while a daemon
 * still holds its stdout is reported as exited, with its code, not as a timeout.
 */
class AdversarialChildrenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signer that starts 4 daemons (double fork + setsid, each sleeping 600 s, named by a marker), answers twice, exits 0. */
    static String signer(String marker, boolean clearEnvironment) {
        return "import os, sys, json, time, hmac, hashlib, base64\n"
                + "for i in range(4):\n"
                + "    if os.fork() == 0:\n"
                + "        os.setsid()\n"
                + "        if os.fork() == 0:\n"
                + "            env = {} if " + (clearEnvironment ? "True" : "False") + " else dict(os.environ)\n"
                + "            os.execve('/bin/sleep', ['" + marker + "', '600'], env)\n"
                + "        os._exit(0)\n"
                + "def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()\n"
                + "s = os.environ['ZOOM_MEETING_SDK_SECRET']\n"
                + "for n, line in enumerate(sys.stdin):\n"
                + "    r = json.loads(line); now = r['nowMillis'] // 1000\n"
                + "    h = b64(b'{\"alg\":\"HS256\",\"typ\":\"JWT\"}')\n"
                + "    p = b64(json.dumps({'appKey': 'k', 'sdkKey': 'k', 'mn': r['meetingNumber'], 'role': r['role'],"
                + " 'iat': now - 30, 'exp': now + 7200, 'tokenExp': now + 7200}).encode())\n"
                + "    print(json.dumps({'signature': h + '.' + p + '.' + b64(hmac.new(s.encode(), (h + '.' + p).encode(),"
                + " hashlib.sha256).digest())}), flush=True)\n"
                + "    if n == 1:\n"
                + "        sys.exit(0)\n";
    }

    /** Live (not zombie) processes whose command line holds the marker. */
    static List<Long> alive(String marker) throws Exception {
        List<Long> out = new ArrayList<>();
        for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
            Path cmdline = Path.of("/proc/" + h.pid() + "/cmdline");
            Path stat = Path.of("/proc/" + h.pid() + "/stat");
            try {
                String c = Files.readString(cmdline, StandardCharsets.ISO_8859_1);
                String st = Files.readString(stat);
                boolean zombie = st.charAt(st.lastIndexOf(')') + 2) == 'Z';
                if (c.contains(marker) && !zombie) {
                    out.add(h.pid());
                }
            } catch (Exception e) {
                // gone
            }
        }
        return out;
    }

    private static void runAndCheck(Path dir, boolean clearEnvironment) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc (Linux)");
        String marker = "sigload-daemon-" + UUID.randomUUID();
        Path script = Files.writeString(dir.resolve("forky.py"), signer(marker, clearEnvironment));
        Path s = Files.writeString(dir.resolve("forky.yaml"), """
                participants: 12
                credentials: {demoSecret: true}
                signer: {type: process, command: [python3, %s], instances: 4, timeout: 3s, restarts: 1}
                """.formatted(script));
        Path json = dir.resolve("r.json");
        CliRun r = CliRun.of("run", s.toString(), "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<Long> left = alive(marker);
        try {
            assertThat(left).as("processes left behind by the process signer").isEmpty();
        } finally {
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        JsonNode j = JSON.readTree(json.toFile());
        assertThat(j.path("mintErrors").has("PROCESS_TIMEOUT")).as("a clean exit is not a timeout: " + r.out()).isFalse();
        assertThat(j.path("mintErrorExamples").path("PROCESS_EXITED").asText()).contains("exited with code 0");
    }

    @Test
    void daemonsThatLeftTheSession_areEndedWithTheRun_andACleanExitIsReportedAsAnExit(@TempDir Path dir) throws Exception {
        runAndCheck(dir, false);
    }

    @Test
    void daemonsThatAlsoClearedTheirEnvironment_areEndedToo_asOrphansOfTheSubreaper(@TempDir Path dir) throws Exception {
        assumeTrue(ProcessTree.subreaper(), "child subreaper (Linux, native access)");
        runAndCheck(dir, true);
    }
}
