package io.sigload.sign.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.Signers;
import io.sigload.sign.TransportStats;
import io.sigload.token.CompactJws;
import io.sigload.token.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The browser signer in Debian's headless chromium (src/test/resources/signers/*.html): each
 * participant's clock, zone and isolated context reach the page, and every page fault is a
 * category. Skipped only off CI when chromium or chromedriver is missing; on CI (.ci/run installs
 * them) a missing browser fails.
 */
@Timeout(180)
class BrowserSignerTest {
    static final Path FIXTURES = Path.of("src/test/resources/signers").toAbsolutePath();
    static final Secret SECRET = Secret.of("browser-test-secret-0123456789", "test");
    static final Instant AT = Instant.ofEpochMilli(1_772_442_000_123L);
    static Signer dispatch;

    static Signer create(Object... kv) throws SignerConfigException {
        ObjectNode o = CompactJws.JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], CompactJws.JSON.valueToTree(kv[i + 1]));
        }
        return Signers.create("browser", new SignerConfig("browserSdkKey", SECRET, ClaimsRecipe.zoomSample(), o,
                Map.of(), 8, FIXTURES));
    }

    static SignRequest request(int participant, Instant at, String zone) {
        return new SignRequest(participant, "85746065432", 0, 7200, null, Clock.fixed(at, ZoneId.of(zone)));
    }

    @BeforeAll
    static void browserIsInstalled() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must have chromium and chromium-driver (.ci/run installs them)");
        }
        assumeTrue(installed, "chromium and chromium-driver are not installed");
        dispatch = create("page", "page.html", "function", "dispatch", "args", List.of("participant", "secret"),
                "browsers", 1, "contextsPerBrowser", 4, "timeout", "10s");
    }

    @AfterAll
    static void closeBrowser() {
        if (dispatch != null) {
            dispatch.close();
        }
    }

    private static SignException failure(Signer s, SignRequest r) {
        try {
            String t = s.sign(r);
            throw new AssertionError("expected a SignException, got " + t);
        } catch (SignException e) {
            return e;
        }
    }

    @Test
    void eachParticipant_getsItsOwnClockFromTheFirstScript_itsZone_andAFreshContext() throws Exception {
        String[] seen = dispatch.sign(request(0, AT, "Asia/Kolkata")).split("\\|", -1);
        assertThat(Long.parseLong(seen[0])).isEqualTo(AT.toEpochMilli());   // Date.now() in the call
        assertThat(seen[1]).isEqualTo("-330");                                // getTimezoneOffset()
        assertThat(seen[2]).isIn("Asia/Kolkata", "Asia/Calcutta");
        assertThat(Long.parseLong(seen[3])).isEqualTo(AT.toEpochMilli());   // Date.now() as the page loaded
        assertThat(seen[4]).isEmpty();                                        // localStorage: nothing seen before
        // the next participant: another clock, zone, and nothing left by the first (storage, cookies)
        String[] next = dispatch.sign(request(0, AT.plusSeconds(90), "America/New_York")).split("\\|", -1);
        assertThat(Long.parseLong(next[0])).isEqualTo(AT.toEpochMilli() + 90_000);
        assertThat(next[1]).isEqualTo("300");
        assertThat(next[4]).isEmpty();
        assertThat(dispatch.describe()).contains("page.html", "dispatch(participant, secret)", "Chromium")
                .doesNotContain(SECRET.text());
    }

    @Test
    void manyParticipantsAtOnce_spreadOverContexts_andTheCountersSaySo() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SignRequest r = request(100 + i, AT, "UTC");
                got.add(pool.submit(() -> dispatch.sign(r)));
            }
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).get()).isEqualTo("eyJ.plain." + (100 + i));
            }
        }
        Map<String, Long> c = ((TransportStats) dispatch).counters();
        assertThat(c.get("contextsMaxAtOnce")).isBetween(2L, 4L);
        assertThat(c.get("contexts")).isGreaterThanOrEqualTo(8L);
        assertThat(c).containsEntry("browsers", 1L).containsEntry("contextsPerBrowser", 4L);
    }

    @Test
    void pageFaults_areCategories_andTheSecretNeverShows() throws Exception {
        assertFault(dispatch, 1, "BROWSER_THREW", "TypeError: cannot read the meeting config");
        assertFault(dispatch, 2, "BROWSER_NOT_STRING", "number 1772442000");
        assertFault(dispatch, 4, "BROWSER_NO_RESULT", "did not settle");
        assertThat(dispatch.sign(request(5, AT, "UTC"))).isEqualTo("eyJ.async." + SECRET.text().length());
    }

    @Test
    void callbacks_resultPaths_hooks_brokenAndMissingPages() throws Exception {
        try (Signer zoom = create("page", "page.html", "function", "Zoom.sign", "args",
                Map.of("meetingNumber", "meetingNumber", "sdkSecret", "secret", "success", "callback"),
                "result", "result", "browsers", 1, "contextsPerBrowser", 1)) {
            assertThat(zoom.sign(request(0, AT, "UTC"))).isEqualTo("eyJ.cb.85746065432");
        }
        try (Signer hook = create("page", "hook.html", "hook", "zoomSignature", "browsers", 1, "timeout", "3s")) {
            assertThat(hook.sign(request(0, AT, "UTC"))).isEqualTo("eyJ.hook.85746065432." + AT.toEpochMilli());
            assertFault(hook, 1, "BROWSER_NO_RESULT", "did not set window.zoomSignature");
        }
        try (Signer broken = create("page", "broken.html", "function", "generateSignature", "browsers", 1)) {
            assertFault(broken, 0, "BROWSER_PAGE_ERROR", "TypeError");
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Signer unreachable = create("page", "http://127.0.0.1:" + closedPort + "/sign.html", "function",
                "generateSignature", "browsers", 1, "timeout", "5s")) {
            assertFault(unreachable, 0, "BROWSER_PAGE_LOAD", "did not load");
        }
    }

    @Test
    void startUpMessages_nameWhatToInstallOrFix() {
        assertThatThrownBy(() -> create("page", "page.html", "function", "dispatch", "chromium", "/nonexistent/chromium"))
                .isInstanceOf(SignerConfigException.class)
                .hasMessageContaining("apt-get install -y chromium chromium-driver");
        assertThatThrownBy(() -> create("page", "missing.html", "function", "dispatch"))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> create("page", "https://example.com/sign.html", "function", "dispatch"))
                .hasMessageContaining("127.0.0.1 or localhost");
        assertThatThrownBy(() -> create("page", "page.html"))
                .hasMessageContaining("exactly one of signer.function");
    }

    /** Alive and not a zombie (an orphan whose exit nobody here reaps is gone all the same). */
    static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
            return p.isAlive() && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertFault(Signer s, int participant, String category, String message) {
        SignException e = failure(s, request(participant, AT, "UTC"));
        assertThat(e.category().name()).as("participant %d: %s", participant, e.getMessage()).isEqualTo(category);
        assertThat(e.getMessage()).contains(message).doesNotContain(SECRET.text());
    }

    @Test
    void closing_leavesNoBrowserBehind() throws Exception {
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        Signer s = create("page", "page.html", "function", "dispatch", "args", List.of("participant"), "browsers", 1);
        s.sign(request(100, AT, "UTC"));
        List<ProcessHandle> browsers = ProcessHandle.current().descendants()
                .filter(p -> !before.contains(p.pid())).toList();   // this signer's chromedriver and chromium
        assertThat(browsers).isNotEmpty();
        s.close();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (browsers.stream().anyMatch(BrowserSignerTest::running) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(browsers).noneMatch(BrowserSignerTest::running);
    }
}
