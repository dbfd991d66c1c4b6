package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.request;
import static io.sigload.sign.http.HttpSignerFixture.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every transport and content fault gives its own category, within the configured timeouts. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpSignerFaultsTest {
    /** The HTTP client under test ({@code client:}); subclasses run every test with another one. */
    String client() {
        return "netty";
    }

    ObjectNode options(String url) {
        ObjectNode o = HttpSignerFixture.options(url);
        o.put("client", client());
        return o;
    }

    private MockWebServer server;

    /** Sets up the server before it starts; subclasses choose its protocols. */
    void configure(MockWebServer server) {
    }

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        configure(server);
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url() {
        return server.url("/").toString();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private SignException failure(ObjectNode options) throws Exception {
        try (HttpSigner s = signer(options)) {
            return assertThrows(SignException.class, () -> s.sign(request()));
        }
    }

    @Test
    void connectionRefused_whenNothingListens() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = ss.getLocalPort();
        }
        SignException e = failure(options("http://127.0.0.1:" + port + "/"));
        assertThat(e.category()).isEqualTo(Failures.CONNECTION_REFUSED);
    }

    @Test
    void readTimeout_whenHeadersNeverCome() throws Exception {
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.READ_TIMEOUT);
    }

    @Test
    void readTimeout_whenBodyDripsPastCallTimeout() throws Exception {
        try (SlowDripServer drip = SlowDripServer.start()) {
            SignException e = failure(options("http://127.0.0.1:" + drip.port() + "/"));
            assertThat(e.category()).isEqualTo(Failures.READ_TIMEOUT);
            assertThat(e.getMessage()).contains("callTimeout 1s");
        }
    }

    @Test
    void http4xx_carriesZoomSampleValidationReasons() throws Exception {
        server.enqueue(json(400, "{\"errors\":[{\"property\":\"expirationSeconds\","
                + "\"reason\":\"Value must be between 1800 and 172800\"}]}"));
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.HTTP_4XX);
        assertThat(e.getMessage()).contains("400").contains("expirationSeconds: Value must be between 1800 and 172800");
    }

    @Test
    void http4xx_keepsTheStatus() throws Exception {
        server.enqueue(json(403, "{\"message\":\"forbidden\"}"));
        assertThat(failure(options(url())).getMessage()).contains("403");
    }

    @Test
    void http5xx_withStatus() throws Exception {
        server.enqueue(json(503, "{}"));
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.HTTP_5XX);
        assertThat(e.getMessage()).contains("503");
    }

    @Test
    void redirect_isNotFollowed() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/login").build());
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.HTTP_3XX);
        assertThat(e.getMessage()).contains("/login");
    }

    @Test
    void unparseableBody_whenHtmlInsteadOfJson() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .body("<!doctype html><html><body>Sign in</body></html>").build());
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.UNPARSEABLE_BODY);
        assertThat(e.getMessage()).contains("HTML");
    }

    @Test
    void unparseableBody_whenJsonContentTypeLies() throws Exception {
        server.enqueue(json(200, "<html>oops</html>"));
        assertThat(failure(options(url())).category()).isEqualTo(Failures.UNPARSEABLE_BODY);
    }

    @Test
    void badContentType_whenJsonIsServedAsText() throws Exception {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .body("{\"signature\":\"a.b.c\"}").build());
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.BAD_CONTENT_TYPE);
        assertThat(e.getMessage()).contains("text/plain");
    }

    @Test
    void bodyTooLarge_whenTenMegabytesAreDeclared() throws Exception {
        Buffer big = new Buffer().write(new byte[10 * 1024 * 1024]);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(big).build());
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.BODY_TOO_LARGE);
        assertThat(e.getMessage()).contains("65536");
    }

    @Test
    void bodyTooLarge_whenTenMegabytesAreChunked() throws Exception {
        Buffer big = new Buffer().write(new byte[10 * 1024 * 1024]);
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .chunkedBody(big, 64 * 1024).build());
        assertThat(failure(options(url())).category()).isEqualTo(Failures.BODY_TOO_LARGE);
    }

    @Test
    void tokenMissing_whenSignatureIsAbsent() throws Exception {
        server.enqueue(json(200, "{\"sdkKey\":\"abc\"}"));
        SignException e = failure(options(url()));
        assertThat(e.category()).isEqualTo(Failures.TOKEN_MISSING);
        assertThat(e.getMessage()).contains("/signature").contains("sdkKey");
    }

    @Test
    void tokenMissing_whenSignatureIsNotAString() throws Exception {
        server.enqueue(json(200, "{\"signature\":42}"));
        assertThat(failure(options(url())).category()).isEqualTo(Failures.TOKEN_MISSING);
    }

    @Test
    void transportError_whenConnectionDropsMidResponse() throws Exception {
        server.enqueue(new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE)
                .body("{}").build());
        assertThat(failure(options(url())).category()).isIn(Failures.TRANSPORT_ERROR, Failures.READ_TIMEOUT);
    }
}
