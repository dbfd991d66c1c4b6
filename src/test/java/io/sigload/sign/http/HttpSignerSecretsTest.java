package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.options;
import static io.sigload.sign.http.HttpSignerFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignException;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.token.Secret;
import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Credentials never reach a message, even when the endpoint echoes them back. */
@Timeout(20)
class HttpSignerSecretsTest {
    private static final String API_KEY = "ApiKey-TOPSECRET-4242";
    private static final String SDK_SECRET = "Zq9-DISTINCTIVE-s3cr3t-XyZ-7788";
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpSigner signer() throws SignerConfigException {
        ObjectNode o = options(server.url("/").toString());
        o.putObject("headers").putObject("X-Api-Key").put("env", "APIKEY");
        return HttpSigner.create(new SignerConfig("key", Secret.of(SDK_SECRET, "test"), null, o,
                Map.of("APIKEY", API_KEY), 2));
    }

    @Test
    void endpointEchoingTheApiKeyAndSecret_inA400_isMasked() throws Exception {
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                .body("{\"errors\":[{\"property\":\"x\",\"reason\":\"your key was " + API_KEY + " and secret "
                        + SDK_SECRET + "\"}]}").build());
        SignException e = assertThrows(SignException.class, () -> signer().sign(request()));
        assertThat(e.category().name()).isEqualTo("HTTP_4XX");
        assertThat(e.getMessage()).doesNotContain(API_KEY).doesNotContain(SDK_SECRET).contains("[secret]");
        assertThat(e.getCause()).isNull();
    }

    @Test
    void endpointEchoingTheKeyInHtml_isMasked() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
                .body("<html>key=" + API_KEY + "</html>").build());
        SignException e = assertThrows(SignException.class, () -> signer().sign(request()));
        assertThat(e.getMessage()).doesNotContain(API_KEY);
    }

    @Test
    void headerValueWithANonAsciiCharacter_isAConfigError_withoutTheValue() {
        ObjectNode o = options("http://127.0.0.1:9/");
        o.putObject("headers").putObject("X-Api-Key").put("env", "APIKEY");
        SignerConfigException e = assertThrows(SignerConfigException.class, () -> HttpSigner.create(
                new SignerConfig("key", null, null, o, Map.of("APIKEY", "ApiKey-TOPSECRET-é42"), 2)));
        assertThat(e.field()).isEqualTo("headers.X-Api-Key");
        assertThat(e.getMessage()).contains("position 18").doesNotContain("TOPSECRET");
    }
}
