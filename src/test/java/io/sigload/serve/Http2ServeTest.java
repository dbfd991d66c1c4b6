package io.sigload.serve;

import static io.sigload.serve.ServeFixture.JSON;
import static io.sigload.serve.ServeFixture.KEY;
import static io.sigload.serve.ServeFixture.SECRET;
import static io.sigload.serve.ServeFixture.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sigload.timing.Latency;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve --http2} answers with the same contract over HTTP/2 as over HTTP/1.1, checked with
 * the JDK's own HTTP/2 client (not sigload's): h2 chosen by ALPN over TLS, h2c by the HTTP/1.1
 * {@code Upgrade} (the JDK client's way), faults on streams, many streams on one connection, and
 * a server without {@code --http2} staying on HTTP/1.1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Http2ServeTest {
    private static final String WEB = "{\"meetingNumber\":\"123456789\",\"role\":1}";

    private static HttpClient h2(SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(5));
        return (ssl == null ? b : b.sslContext(ssl)).build();
    }

    /** A client context trusting the server's certificate (its PEM, as the http signer's caFile). */
    private static SSLContext trusting(ServerTls tls) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("serve", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(tls.pem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, f.getTrustManagers(), null);
        return c;
    }

    private static HttpResponse<String> send(HttpClient c, URI uri, String method, String body) throws Exception {
        return c.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> properties(HttpResponse<String> r) throws IOException {
        List<String> p = new ArrayList<>();
        JSON.readTree(r.body()).path("errors").forEach(e -> p.add(e.path("property").asText()));
        return p;
    }

    /** The sample's contract, every answer over HTTP/2. */
    private static void contract(HttpClient c, URI uri) throws Exception {
        HttpResponse<String> ok = send(c, uri, "POST", WEB);
        assertThat(ok.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type")).contains("application/json; charset=utf-8");
        assertThat(ok.headers().firstValue("access-control-allow-origin")).contains("*");
        String token = JSON.readTree(ok.body()).path("signature").asText();
        assertThat(verifies(token, SECRET)).isTrue();
        assertThat(ServeFixture.payload(token).path("mn").asText()).isEqualTo("123456789");
        assertThat(JSON.readTree(ok.body()).path("sdkKey").asText()).isEqualTo(KEY);

        HttpResponse<String> bad = send(c, uri, "POST", "{\"meetingNumber\":\"1\",\"role\":5,\"expirationSeconds\":60}");
        assertThat(bad.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(properties(bad)).containsExactly("role", "expirationSeconds");
        assertThat(properties(send(c, uri, "POST", "not json"))).containsExactly("body");
        assertThat(send(c, uri, "PUT", "{}").statusCode()).isEqualTo(405);
        assertThat(send(c, uri.resolve("/signature"), "POST", "{}").statusCode()).isEqualTo(404);
        String big = "{\"pad\":\"" + "x".repeat(SignatureHandler.MAX_REQUEST_BYTES) + "\"}";
        HttpResponse<String> tooBig = send(c, uri, "POST", big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(properties(tooBig)).containsExactly("body");
        HttpResponse<String> preflight = c.send(HttpRequest.newBuilder(uri).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("POST, OPTIONS");
        assertThat(send(c, uri, "POST", WEB).statusCode()).isEqualTo(200); // the connection survived every answer
    }

    @Test
    void h2OverTls_chosenByAlpn_keepsTheSampleContract() throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET), tls, true)) {
            assertThat(s.uri().toString()).startsWith("https://127.0.0.1:");
            assertThat(s.protocols()).isEqualTo("h2 and http/1.1 by ALPN");
            contract(h2(trusting(tls)), s.uri());
            assertThat(s.statuses()).containsKeys(200, 204, 400, 404, 405, 413);
        }
    }

    @Test
    void h2c_byUpgrade_keepsTheSampleContract() throws Exception {
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET), null, true)) {
            contract(h2(null), s.uri());
        }
    }

    /** A client that asks only for HTTP/1.1 still gets it from serve --http2, over TLS and in plain text. */
    @Test
    void http11Clients_areStillAnswered() throws Exception {
        ServerTls tls = ServerTls.selfSigned(ServerTls.LOOPBACK_NAMES, Duration.ofDays(1));
        HttpClient.Builder h1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET), tls, true);
                SignatureServer p = SignatureServer.start(ServeConfig.loopback(KEY, SECRET), null, true)) {
            HttpResponse<String> r = send(h1.sslContext(trusting(tls)).build(), s.uri(), "POST", WEB);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.statusCode()).isEqualTo(200);
            r = send(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), p.uri(), "POST", WEB);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void withoutHttp2_anUpgradeIsIgnored() throws Exception {
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET))) {
            assertThat(s.protocols()).isEqualTo("HTTP/1.1");
            HttpResponse<String> r = send(h2(null), s.uri(), "POST", WEB);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    /** Faults hold streams on virtual threads: 200 streams with 20-50 ms each, one connection, all answered. */
    @Test
    void faults_holdStreamsNotTheConnection() throws Exception {
        Faults f = new Faults(Latency.parse("uniform:20ms..50ms"), 0.25, null, 9);
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET).withFaults(f), null, true)) {
            HttpClient c = h2(null);
            assertThat(send(c, s.uri(), "POST", WEB).version()).isEqualTo(HttpClient.Version.HTTP_2);
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(c.sendAsync(HttpRequest.newBuilder(s.uri()).timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(WEB)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            int ok = 0;
            int errors = 0;
            for (var r : all) {
                int code = r.get().statusCode();
                ok += code == 200 ? 1 : 0;
                errors += code == 500 ? 1 : 0;
            }
            assertThat(ok + errors).isEqualTo(200);
            assertThat(errors).isBetween(20, 90); // 25% injected errors, seeded
            assertThat(s.requests()).isEqualTo(201);
        }
    }

    /** close() ends a request held by a fault at once (the stream's thread is interrupted, the connection closed). */
    @Test
    void close_endsRequestsHeldByALatency() throws Exception {
        Faults f = new Faults(Latency.parse("20s"), 0, null, 1);
        SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET).withFaults(f), null, true);
        CompletableFuture<HttpResponse<String>> r = h2(null).sendAsync(HttpRequest.newBuilder(s.uri())
                .POST(HttpRequest.BodyPublishers.ofString(WEB)).build(), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 100 && s.requests() == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(s.requests()).isEqualTo(1);
        s.close();
        // an answer or a failure within 10 s, not after the 20 s latency: a TimeoutException would fail here
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(IOException.class);
        s.close(); // idempotent
    }
}
