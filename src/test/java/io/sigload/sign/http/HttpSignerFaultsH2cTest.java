package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.request;
import static io.sigload.sign.http.HttpSignerFixture.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link HttpSignerFaultsTest} with {@code protocol: h2c} ({@code client: netty}) against
 * OkHttp's MockWebServer speaking HTTP/2 with prior knowledge: an HTTP/2 server that is not ours.
 */
class HttpSignerFaultsH2cTest extends HttpSignerFaultsTest {
    @Override
    ObjectNode options(String url) {
        ObjectNode o = super.options(url);
        o.put("protocol", "h2c");
        return o;
    }

    private MockWebServer server;

    @Override
    void configure(MockWebServer server) {
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
        this.server = server;
    }

    private SignException failure(MockResponse r) throws Exception {
        server.enqueue(r);
        try (HttpSigner s = signer(options(server.url("/").toString()))) {
            return assertThrows(SignException.class, () -> s.sign(request()));
        }
    }

    /** HTTP/2 has no chunked coding: a body of unknown length is DATA frames until the stream ends. */
    @Test
    @Override
    void bodyTooLarge_whenTenMegabytesAreChunked() throws Exception {
        Buffer big = new Buffer().write(new byte[10 * 1024 * 1024]);
        SignException e = failure(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(big)
                .removeHeader("Content-Length").build());
        assertThat(e.category()).isEqualTo(Failures.BODY_TOO_LARGE);
    }

    /** A stream whose DATA frames drip (1 byte every 50 ms) ends at callTimeout, and only that stream. */
    @Test
    @Override
    void readTimeout_whenBodyDripsPastCallTimeout() throws Exception {
        SignException e = failure(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"signature\":\"" + "x".repeat(200) + "\"}").throttleBody(1, 50, TimeUnit.MILLISECONDS).build());
        assertThat(e.category()).isEqualTo(Failures.READ_TIMEOUT);
        assertThat(e.getMessage()).contains("callTimeout 1s");
    }

    /** The HTTP/1.1 drip server answers the connection preface in HTTP/1.1: not HTTP/2, said at once. */
    @Test
    void anHttp11Server_isHttp2NotSupported() throws Exception {
        try (SlowDripServer drip = SlowDripServer.start();
                HttpSigner s = signer(options("http://127.0.0.1:" + drip.port() + "/"))) {
            SignException e = assertThrows(SignException.class, () -> s.sign(request()));
            assertThat(e.category()).isEqualTo(Failures.HTTP2_NOT_SUPPORTED);
            assertThat(e.getMessage()).contains("protocol: h2c").contains("HTTP/1.x").contains("127.0.0.1");
        }
    }
}
