package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.JSON;
import static io.sigload.sign.http.HttpSignerFixture.request;
import static io.sigload.sign.http.HttpSignerFixture.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signers;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the http signer sends and how it reads a good answer; retries and their counters. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpSignerContractTest {
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

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private JsonNode sentBody() throws Exception {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void zoomSampleContract_postsJsonAndReadsSignature() throws Exception {
        server.enqueue(json(200, "{\"signature\":\"h.p.s\",\"sdkKey\":\"key\"}"));
        try (HttpSigner s = signer(options(server.url("/sign").toString()))) {
            assertThat(s.sign(request())).isEqualTo("h.p.s");
        }
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(r.getBody().utf8()))
                .isEqualTo(JSON.readTree("{\"meetingNumber\":\"123456789\",\"role\":0,\"expirationSeconds\":7200}"));
    }

    @Test
    void zoomSampleContract_sendsVideoWebRtcModeWhenSet() throws Exception {
        server.enqueue(json(200, "{\"signature\":\"h.p.s\"}"));
        try (HttpSigner s = signer(options(server.url("/").toString()))) {
            s.sign(new SignRequest(1, "987", 1, 1800, 1, Clock.systemUTC()));
        }
        assertThat(sentBody().path("videoWebRtcMode").isInt()).isTrue();
    }

    @Test
    void bodyTemplate_wholePlaceholderKeepsNumberType_textIsSubstituted() throws Exception {
        server.enqueue(json(200, "{\"data\":{\"token\":\"h.p.s\"}}"));
        ObjectNode o = options(server.url("/").toString());
        o.put("method", "put");
        o.put("tokenPointer", "/data/token");
        ObjectNode body = o.putObject("body");
        body.put("mn", "${meetingNumber}");
        body.put("r", "${role}");
        body.put("user", "participant-${participant}");
        body.put("mode", "${videoWebRtcMode}");
        body.put("fixed", true);
        try (HttpSigner s = signer(o)) {
            assertThat(s.sign(request())).isEqualTo("h.p.s");
        }
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getMethod()).isEqualTo("PUT");
        assertThat(JSON.readTree(r.getBody().utf8()))
                .isEqualTo(JSON.readTree("{\"mn\":\"123456789\",\"r\":0,\"user\":\"participant-7\",\"fixed\":true}"));
    }

    @Test
    void headers_fromEnvAreSentButNeverDescribed() throws Exception {
        server.enqueue(json(200, "{\"signature\":\"h.p.s\"}"));
        ObjectNode o = options(server.url("/").toString());
        o.putObject("headers").put("X-Plain", "yes").putObject("Authorization").put("env", "SIG_TOKEN");
        try (HttpSigner s = signer(o, Map.of("SIG_TOKEN", "Bearer very-secret"), 2)) {
            s.sign(request());
            assertThat(s.describe()).contains("Authorization").doesNotContain("very-secret");
            assertThat(HttpSignerOptions.from(HttpSignerFixture.config(o, Map.of("SIG_TOKEN", "Bearer very-secret"), 2))
                    .toString()).contains("Authorization").doesNotContain("very-secret");
        }
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer very-secret");
        assertThat(r.getHeaders().get("X-Plain")).isEqualTo("yes");
    }

    @Test
    void retries_offByDefault_oneAttempt() throws Exception {
        server.enqueue(json(500, "{}"));
        try (HttpSigner s = signer(options(server.url("/").toString()))) {
            assertThrows(SignException.class, () -> s.sign(request()));
            assertThat(s.counters()).containsEntry("attempts", 1L).doesNotContainKey("retries");
        }
    }

    @Test
    void retries_whenOn_areCountedWithTheirCause() throws Exception {
        server.enqueue(json(502, "{}"));
        server.enqueue(json(200, "{\"signature\":\"h.p.s\"}"));
        ObjectNode o = options(server.url("/").toString());
        o.put("retries", 2);
        try (HttpSigner s = signer(o)) {
            assertThat(s.sign(request())).isEqualTo("h.p.s");
            assertThat(s.counters()).containsEntry("attempts", 2L).containsEntry("retries", 1L)
                    .containsEntry("retry.HTTP_5XX", 1L);
        }
    }

    @Test
    void retries_neverFor4xx() throws Exception {
        server.enqueue(json(400, "{\"errors\":[]}"));
        ObjectNode o = options(server.url("/").toString());
        o.put("retries", 3);
        try (HttpSigner s = signer(o)) {
            assertThat(assertThrows(SignException.class, () -> s.sign(request())).category())
                    .isEqualTo(Failures.HTTP_4XX);
            assertThat(s.counters()).containsEntry("attempts", 1L);
        }
    }

    @Test
    void provider_isFoundByName() throws Exception {
        server.enqueue(json(200, "{\"signature\":\"h.p.s\"}"));
        try (var s = Signers.create("http", HttpSignerFixture.config(options(server.url("/").toString()), Map.of(), 1))) {
            assertThat(s.sign(request())).isEqualTo("h.p.s");
            assertThat(s.describe()).startsWith("http POST");
        }
    }
}
