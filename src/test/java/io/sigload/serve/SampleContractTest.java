package io.sigload.serve;

import static io.sigload.serve.ServeFixture.KEY;
import static io.sigload.serve.ServeFixture.SECRET;
import static io.sigload.serve.ServeFixture.payload;
import static io.sigload.serve.ServeFixture.post;
import static io.sigload.serve.ServeFixture.send;
import static io.sigload.serve.ServeFixture.verifies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.serve.ServeFixture.Answer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The request rules and answers of Zoom's sample endpoint
 * (github.com/zoom/meetingsdk-auth-endpoint-sample), against the real server on 127.0.0.1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SampleContractTest {
    private static SignatureServer server;

    @BeforeAll
    static void start() throws Exception {
        server = SignatureServer.start(ServeConfig.loopback(KEY, SECRET));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> properties(Answer a) {
        List<String> p = new ArrayList<>();
        a.body().path("errors").forEach(e -> p.add(e.path("property").asText()));
        return p;
    }

    @Test
    void uri_isLoopbackWithTheChosenPort() {
        assertThat(server.uri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    }

    @Test
    void webToken_hasTheSampleClaims_andVerifies() throws Exception {
        Answer a = post(server.uri(), "{\"meetingNumber\":\"123456789\",\"role\":1}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("sdkKey").asText()).isEqualTo(KEY);
        String token = a.body().path("signature").asText();
        assertThat(verifies(token, SECRET)).isTrue();
        assertThat(ServeFixture.header(token).path("alg").asText()).isEqualTo("HS256");
        JsonNode c = payload(token);
        assertThat(c.path("appKey").asText()).isEqualTo(KEY);
        assertThat(c.path("sdkKey").asText()).isEqualTo(KEY);
        assertThat(c.path("mn").isTextual()).isTrue();
        assertThat(c.path("mn").asText()).isEqualTo("123456789");
        assertThat(c.path("role").asInt()).isEqualTo(1);
        assertThat(c.path("iat").isIntegralNumber()).isTrue();
        assertThat(c.path("exp").asLong() - c.path("iat").asLong()).isEqualTo(7200);
        assertThat(c.path("tokenExp").asLong()).isEqualTo(c.path("exp").asLong());
        assertThat(c.has("video_webrtc_mode")).isFalse();
    }

    @Test
    void nativeToken_withoutMeetingNumberAndRole() throws Exception {
        Answer a = post(server.uri(), "{}");
        assertThat(a.status()).isEqualTo(200);
        JsonNode c = payload(a.body().path("signature").asText());
        assertThat(c.has("mn")).isFalse();
        assertThat(c.has("role")).isFalse();
    }

    @Test
    void meetingNumberWithoutRole_is400OnRole() throws Exception {
        Answer a = post(server.uri(), "{\"meetingNumber\":\"123\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(properties(a)).containsExactly("role");
        assertThat(a.body().at("/errors/0/reason").asText()).contains("together");
    }

    @Test
    void roleWithoutMeetingNumber_is400OnMeetingNumber() throws Exception {
        Answer a = post(server.uri(), "{\"role\":0}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(properties(a)).containsExactly("meetingNumber");
    }

    @Test
    void expirationSeconds_boundaries() throws Exception {
        assertThat(post(server.uri(), "{\"expirationSeconds\":1799}").status()).isEqualTo(400);
        assertThat(post(server.uri(), "{\"expirationSeconds\":1800}").status()).isEqualTo(200);
        assertThat(post(server.uri(), "{\"expirationSeconds\":172800}").status()).isEqualTo(200);
        Answer over = post(server.uri(), "{\"expirationSeconds\":172801}");
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body().at("/errors/0/reason").asText()).contains("1800").contains("172800");
    }

    @Test
    void expirationSeconds_setsExp() throws Exception {
        Answer a = post(server.uri(), "{\"meetingNumber\":\"1\",\"role\":0,\"expirationSeconds\":1800}");
        JsonNode c = payload(a.body().path("signature").asText());
        assertThat(c.path("exp").asLong() - c.path("iat").asLong()).isEqualTo(1800);
    }

    @Test
    void numericStrings_areCoercedAsTheSampleDoes() throws Exception {
        Answer a = post(server.uri(), "{\"meetingNumber\":\"1\",\"role\":\"1\",\"expirationSeconds\":\"3600\"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(payload(a.body().path("signature").asText()).path("role").isInt()).isTrue();
    }

    @Test
    void roleOutsideZeroOne_is400() throws Exception {
        Answer a = post(server.uri(), "{\"meetingNumber\":\"1\",\"role\":2}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(properties(a)).containsExactly("role");
    }

    @Test
    void videoWebRtcMode_isCheckedAndWritten() throws Exception {
        assertThat(post(server.uri(), "{\"videoWebRtcMode\":2}").status()).isEqualTo(400);
        Answer a = post(server.uri(), "{\"meetingNumber\":\"1\",\"role\":0,\"videoWebRtcMode\":1}");
        assertThat(payload(a.body().path("signature").asText()).path("video_webrtc_mode").asInt()).isEqualTo(1);
    }

    @Test
    void everyBrokenRule_isListed() throws Exception {
        Answer a = post(server.uri(), "{\"role\":\"x\",\"expirationSeconds\":10,\"videoWebRtcMode\":7}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(properties(a)).contains("role", "expirationSeconds", "videoWebRtcMode", "meetingNumber");
    }

    @Test
    void notJson_is400OnBody() throws Exception {
        assertThat(properties(post(server.uri(), "meetingNumber=1&role=0"))).containsExactly("body");
        assertThat(properties(post(server.uri(), "[1,2]"))).containsExactly("body");
    }

    @Test
    void otherMethodsAndPaths_areRefused() throws Exception {
        assertThat(send(server.uri(), "PUT", "{}").status()).isEqualTo(405);
        assertThat(post(server.uri().resolve("/signature"), "{}").status()).isEqualTo(404);
    }

    @Test
    void bodyOverExpressDefaultLimit_is413() throws Exception {
        String big = "{\"pad\":\"" + "x".repeat(SignatureHandler.MAX_REQUEST_BYTES) + "\"}";
        assertThat(post(server.uri(), big).status()).isEqualTo(413);
    }

    @Test
    void corsPreflight_isAnsweredAsTheSampleDoes() throws Exception {
        var client = HttpClient.newHttpClient();
        var r = client.send(HttpRequest.newBuilder(server.uri())
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }
}
