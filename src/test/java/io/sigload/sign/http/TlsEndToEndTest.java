package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.ServerTls;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import io.sigload.token.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * https:// end to end on 127.0.0.1 against {@code sigload serve}'s TLS (a self-signed
 * certificate made by {@link ServerTls}): trusted through caFile, and each TLS failure its own
 * counted category with a message, never a hang (every call is bounded by the fixture's 1 s
 * callTimeout).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsEndToEndTest {
    @TempDir
    Path dir;

    private static SignatureServer serve(ServerTls tls) throws Exception {
        return SignatureServer.start(ServeConfig.loopback("tls-key", Secret.demo()), tls);
    }

    private Path pem(ServerTls tls) throws Exception {
        Path p = dir.resolve("ca-" + System.nanoTime() + ".pem");
        Files.writeString(p, tls.pem());
        return p;
    }

    /** The fixture's options with room for a TLS handshake on a loaded 2-core machine. */
    private static ObjectNode options(String url, String client) {
        ObjectNode o = HttpSignerFixture.options(url);
        o.put("client", client);
        o.put("connectTimeout", "5s");
        o.put("readTimeout", "5s");
        o.put("callTimeout", "12s");
        return o;
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "okhttp"})
    void caFile_trustsTheServersCertificate(String client) throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        try (SignatureServer s = serve(tls)) {
            assertThat(s.uri().toString()).startsWith("https://127.0.0.1:");
            ObjectNode o = options(s.uri().toString(), client);
            o.put("caFile", pem(tls).toString());
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                Map<String, AtomicLong> phases = new ConcurrentHashMap<>();
                signer.phases((phase, nanos) -> phases.computeIfAbsent(phase, k -> new AtomicLong()).incrementAndGet());
                String token = signer.sign(request());
                assertThat(token.split("\\.")).hasSize(3);
                assertThat(signer.describe()).contains("caFile");
                assertThat(signer.warnings()).isEmpty();
                if (client.equals("netty")) {
                    assertThat(phases.get("connect").get()).isEqualTo(1);
                    assertThat(phases.get("tls").get()).isEqualTo(1);
                    signer.sign(request()); // the pooled connection: no new connect or handshake
                    assertThat(phases.get("tls").get()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void insecure_works_andWarnsLoudly() throws Exception {
        try (SignatureServer s = serve(ServerTls.selfSigned(List.of("other.example"), Duration.ofDays(1)))) {
            ObjectNode o = options(s.uri().toString(), "netty");
            o.put("insecure", true);
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                assertThat(signer.sign(request())).contains(".");
                assertThat(signer.warnings()).singleElement().asString().startsWith("INSECURE").contains("NOT verified");
                assertThat(signer.describe()).contains("NOT VERIFIED");
            }
        }
    }

    private SignException failure(ServerTls tls, boolean trustIt) throws Exception {
        try (SignatureServer s = serve(tls)) {
            ObjectNode o = options(s.uri().toString(), "netty");
            if (trustIt) {
                o.put("caFile", pem(tls).toString());
            }
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                return assertThrows(SignException.class, () -> signer.sign(request()));
            }
        }
    }

    @Test
    void aCertificateNoTrustedCaSigned_isUntrusted() throws Exception {
        SignException e = failure(ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1)), false);
        assertThat(e.category()).isEqualTo(FailureCategory.TLS_UNTRUSTED_CERTIFICATE);
        assertThat(e.getMessage()).contains("caFile");
    }

    @Test
    void aCertificateForAnotherHost_isAHostnameMismatch() throws Exception {
        SignException e = failure(ServerTls.selfSigned(List.of("other.example"), Duration.ofDays(1)), true);
        assertThat(e.category()).isEqualTo(FailureCategory.TLS_HOSTNAME_MISMATCH);
        assertThat(e.getMessage()).contains("127.0.0.1");
    }

    @Test
    void anExpiredCertificate_isExpired() throws Exception {
        Instant now = Instant.now();
        SignException e = failure(ServerTls.issuedByNewCa(ServerTls.LOOPBACK_NAMES, now.minus(Duration.ofDays(10)),
                now.minus(Duration.ofDays(1))), true);
        assertThat(e.category()).isEqualTo(FailureCategory.TLS_CERTIFICATE_EXPIRED);
    }

    /** A plain-HTTP port that answers at once (as nginx does to a ClientHello): a canned 400, one connection. */
    @Test
    void tlsToAPlainPortThatAnswers_isItsOwnCategory() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket c = ss.accept()) {
                    c.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    Thread.sleep(200);
                } catch (Exception e) {
                    // the client went away: nothing to do
                }
            });
            try (HttpSigner signer = HttpSignerFixture.signer(options("https://127.0.0.1:" + ss.getLocalPort() + "/",
                    "netty"))) {
                SignException e = assertThrows(SignException.class, () -> signer.sign(request()));
                assertThat(e.category()).isEqualTo(FailureCategory.TLS_TO_PLAIN_PORT);
                assertThat(e.getMessage()).contains("plain text");
            }
            t.join(2000);
        }
    }

    /** sigload serve's plain port answers a ClientHello with a 400 at once (Netty's decoder refuses it). */
    @Test
    void tlsToServesPlainPort_isTlsToPlainPort() throws Exception {
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback("k", Secret.demo()))) {
            String url = s.uri().toString().replace("http://", "https://");
            try (HttpSigner signer = HttpSignerFixture.signer(options(url, "netty"))) {
                SignException e = assertThrows(SignException.class, () -> signer.sign(request()));
                assertThat(e.category()).isEqualTo(FailureCategory.TLS_TO_PLAIN_PORT);
            }
            assertThat(s.statuses()).containsEntry(400, 1L);
        }
    }

    /** A plain port that waits for a request line that never comes: the handshake ends at connectTimeout. */
    @Test
    void tlsToAPlainPortThatWaits_failsWithinConnectTimeout() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket c = ss.accept()) {
                    c.getInputStream().readNBytes(1 << 20); // reads the ClientHello, answers nothing, until closed
                } catch (Exception e) {
                    // the client went away: nothing to do
                }
            });
            ObjectNode o = options("https://127.0.0.1:" + ss.getLocalPort() + "/", "netty");
            o.put("connectTimeout", "1s");
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                SignException e = assertThrows(SignException.class, () -> signer.sign(request()));
                assertThat(e.category()).isEqualTo(FailureCategory.TLS_HANDSHAKE_FAILED);
                assertThat(e.getMessage()).contains("no TLS answer within connectTimeout 1s");
            }
            t.join(2000);
        }
    }

    @Test
    void perParticipant_opensAConnectionAndHandshakeEachTime_fromSpreadSourceAddresses() throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        try (SignatureServer s = serve(tls)) {
            ObjectNode o = options(s.uri().toString(), "netty");
            o.put("caFile", pem(tls).toString());
            o.put("connections", "per-participant");
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                Map<String, AtomicLong> phases = new ConcurrentHashMap<>();
                signer.phases((phase, nanos) -> phases.computeIfAbsent(phase, k -> new AtomicLong()).incrementAndGet());
                for (int i = 0; i < 5; i++) {
                    signer.sign(request());
                }
                assertThat(phases.get("connect").get()).isEqualTo(5);
                assertThat(phases.get("tls").get()).isEqualTo(5);
                assertThat(signer.describe()).contains("a new connection per participant").contains("127.1.0.1");
            }
        }
    }
}
