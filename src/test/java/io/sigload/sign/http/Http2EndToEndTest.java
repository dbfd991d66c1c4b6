package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.ServeFixture;
import io.sigload.serve.ServerTls;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.SignerConfigException;
import io.sigload.token.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 end to end on 127.0.0.1 ({@code protocol: h2} over TLS by ALPN, {@code h2c} with prior
 * knowledge) against {@code sigload serve --http2}, and a server that speaks HTTP/1.1 only when
 * HTTP/2 is asked: each such server is {@link Failures#HTTP2_NOT_SUPPORTED} with what it did,
 * within the timeouts, never a hang.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2EndToEndTest {
    @TempDir
    Path dir;

    private static final Secret SECRET = Secret.demo();

    private static SignatureServer serve(ServerTls tls, boolean http2) throws Exception {
        return SignatureServer.start(ServeConfig.loopback("h2-key", SECRET), tls, http2);
    }

    /** Room for a handshake on a loaded 2-core machine. */
    private static ObjectNode options(String url, String protocol) {
        ObjectNode o = HttpSignerFixture.options(url);
        o.put("protocol", protocol);
        o.put("connectTimeout", "5s");
        o.put("readTimeout", "5s");
        o.put("callTimeout", "12s");
        return o;
    }

    private ObjectNode tlsOptions(SignatureServer s, ServerTls tls) throws Exception {
        Path pem = dir.resolve("ca-" + System.nanoTime() + ".pem");
        Files.writeString(pem, tls.pem());
        ObjectNode o = options(s.uri().toString(), "h2");
        o.put("caFile", pem.toString());
        return o;
    }

    private static Map<String, AtomicLong> phases(HttpSigner signer) {
        Map<String, AtomicLong> phases = new ConcurrentHashMap<>();
        signer.phases((phase, nanos) -> phases.computeIfAbsent(phase, k -> new AtomicLong()).incrementAndGet());
        return phases;
    }

    /** 64 participants at once, each token the server's: one connection, its streams multiplexed. */
    private static void burst(HttpSigner signer, SignatureServer s) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<String>> tokens = new ArrayList<>();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                int p = i;
                tokens.add(exec.submit(() -> {
                    gate.await();
                    return signer.sign(new SignRequest(p, "123456789", 0, 7200, null, Clock.systemUTC()));
                }));
            }
            gate.countDown();
            for (Future<String> t : tokens) {
                assertThat(ServeFixture.verifies(t.get(), SECRET)).isTrue();
            }
        }
        assertThat(s.statuses()).containsEntry(200, s.requests());
    }

    @Test
    void h2OverTls_byAlpn_multiplexesABurstOnOneConnection() throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        try (SignatureServer s = serve(tls, true);
                HttpSigner signer = HttpSignerFixture.signer(tlsOptions(s, tls), Map.of(), 64)) {
            Map<String, AtomicLong> phases = phases(signer);
            signer.sign(request()); // the connection, its handshake and SETTINGS
            burst(signer, s);
            assertThat(phases.get("connect").get()).isEqualTo(1);
            assertThat(phases.get("tls").get()).isEqualTo(1);
            assertThat(signer.describe()).contains("HTTP/2 (h2 by ALPN)").contains("caFile");
            assertThat(s.requests()).isEqualTo(65);
        }
    }

    @Test
    void h2c_withPriorKnowledge_multiplexesABurstOnOneConnection() throws Exception {
        try (SignatureServer s = serve(null, true);
                HttpSigner signer = HttpSignerFixture.signer(options(s.uri().toString(), "h2c"), Map.of(), 64)) {
            Map<String, AtomicLong> phases = phases(signer);
            signer.sign(request());
            burst(signer, s);
            assertThat(phases.get("connect").get()).isEqualTo(1);
            assertThat(phases).doesNotContainKey("tls");
            assertThat(signer.describe()).contains("h2c, prior knowledge");
        }
    }

    @Test
    void h2_perParticipant_opensAConnectionHandshakeAndStreamEach() throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        try (SignatureServer s = serve(tls, true)) {
            ObjectNode o = tlsOptions(s, tls);
            o.put("connections", "per-participant");
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                Map<String, AtomicLong> phases = phases(signer);
                for (int i = 0; i < 5; i++) {
                    assertThat(ServeFixture.verifies(signer.sign(request()), SECRET)).isTrue();
                }
                assertThat(phases.get("connect").get()).isEqualTo(5);
                assertThat(phases.get("tls").get()).isEqualTo(5);
            }
        }
    }

    @Test
    void theServersAnswers_areReadAsOverHttp11() throws Exception {
        try (SignatureServer s = serve(null, true)) {
            ObjectNode o = options(s.uri().toString(), "h2c");
            o.put("body", HttpSignerFixture.JSON.createObjectNode().put("meetingNumber", "1").put("role", 0)
                    .put("expirationSeconds", 60));
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                SignException e = assertThrows(SignException.class, () -> signer.sign(request()));
                assertThat(e.category()).isEqualTo(FailureCategory.HTTP_4XX);
                assertThat(e.getMessage()).contains("400").contains("expirationSeconds");
            }
            o = options(s.uri().resolve("/other").toString(), "h2c");
            try (HttpSigner signer = HttpSignerFixture.signer(o)) {
                assertThat(assertThrows(SignException.class, () -> signer.sign(request())).getMessage()).contains("404");
            }
        }
    }

    private static SignException failure(ObjectNode o) throws Exception {
        try (HttpSigner signer = HttpSignerFixture.signer(o)) {
            return assertThrows(SignException.class, () -> signer.sign(request()));
        }
    }

    @Test
    void h2ToAnHttp11OnlyTlsServer_alpnChoseNothing() throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        try (SignatureServer s = serve(tls, false)) {
            SignException e = failure(tlsOptions(s, tls));
            assertThat(e.category()).isEqualTo(FailureCategory.HTTP2_NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("protocol: h2").contains("ALPN").contains(s.uri().getHost());
            assertThat(s.requests()).isZero();
        }
    }

    @Test
    void h2cToServeWithoutHttp2_answeredInHttp11() throws Exception {
        try (SignatureServer s = serve(null, false)) {
            SignException e = failure(options(s.uri().toString(), "h2c"));
            assertThat(e.category()).isEqualTo(FailureCategory.HTTP2_NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("answered the HTTP/2 connection preface in HTTP/1.x");
        }
    }

    /** The JDK's own HTTP/1.1 server, not ours: it answers the preface in HTTP/1.1. */
    @Test
    void h2cToTheJdkHttpServer_isNotSupported() throws Exception {
        HttpServer jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        jdk.createContext("/", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        jdk.start();
        try {
            ObjectNode o = options("http://127.0.0.1:" + jdk.getAddress().getPort() + "/", "h2c");
            o.put("connectTimeout", "1s");
            SignException e = failure(o);
            assertThat(e.category()).isEqualTo(FailureCategory.HTTP2_NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("in HTTP/1.x");
        } finally {
            jdk.stop(0);
        }
    }

    /** A port that reads and never answers: no SETTINGS within connectTimeout, said so, no hang. */
    @Test
    void h2cToASilentServer_endsAtConnectTimeout() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket c = ss.accept()) {
                    c.getInputStream().readNBytes(1 << 20);
                } catch (Exception e) {
                    // the client went away
                }
            });
            ObjectNode o = options("http://127.0.0.1:" + ss.getLocalPort() + "/", "h2c");
            o.put("connectTimeout", "1s");
            SignException e = failure(o);
            assertThat(e.category()).isEqualTo(FailureCategory.HTTP2_NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("no HTTP/2 SETTINGS frame within connectTimeout 1s");
            t.join(2000);
        }
    }

    /** A server that accepts and closes at once. */
    @Test
    void h2cToAServerThatCloses_saysItClosed() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket c = ss.accept()) {
                    c.setSoLinger(false, 0);
                } catch (Exception e) {
                    // nothing to do
                }
            });
            SignException e = failure(options("http://127.0.0.1:" + ss.getLocalPort() + "/", "h2c"));
            assertThat(e.category()).isEqualTo(FailureCategory.HTTP2_NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("closed the connection without an HTTP/2 SETTINGS frame");
            t.join(2000);
        }
    }

    @Test
    void protocol_isCheckedAgainstTheUrlAndClient() {
        SignerConfigException e = assertThrows(SignerConfigException.class,
                () -> HttpSignerFixture.signer(options("http://127.0.0.1:9/", "h2")));
        assertThat(e.field()).isEqualTo("protocol");
        assertThat(e.getMessage()).contains("https://").contains("h2c");
        e = assertThrows(SignerConfigException.class, () -> HttpSignerFixture.signer(options("https://127.0.0.1:9/", "h2c")));
        assertThat(e.getMessage()).contains("http://").contains("protocol: h2");
        ObjectNode o = options("http://127.0.0.1:9/", "h2c");
        o.put("client", "okhttp");
        e = assertThrows(SignerConfigException.class, () -> HttpSignerFixture.signer(o));
        assertThat(e.getMessage()).isEqualTo("protocol: h2c needs client: netty");
        e = assertThrows(SignerConfigException.class, () -> HttpSignerFixture.signer(options("http://127.0.0.1:9/", "h3")));
        assertThat(e.getMessage()).contains("allowed: http1").contains("h2c");
        assertThat(e.found()).isEqualTo("h3");
        assertThat(e.allowed()).containsExactly("http1", "h2", "h2c");
    }
}
