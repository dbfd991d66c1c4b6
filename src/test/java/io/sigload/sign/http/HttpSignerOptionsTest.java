package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.JSON;
import static io.sigload.sign.http.HttpSignerFixture.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sigload.sign.SignerConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad options name the option and what is allowed; defaults are Zoom's sample contract. */
class HttpSignerOptionsTest {
    private static SignerConfigException refused(String yaml) throws Exception {
        ObjectNode o = (ObjectNode) new YAMLMapper().readTree(yaml);
        return assertThrows(SignerConfigException.class, () -> HttpSignerOptions.from(config(o, Map.of(), 1)));
    }

    @Test
    void defaults_zoomSampleContract() throws Exception {
        ObjectNode o = JSON.createObjectNode().put("url", "http://127.0.0.1:4000/");
        HttpSignerOptions opts = HttpSignerOptions.from(config(o, Map.of(), 1));
        assertThat(opts.method()).isEqualTo("POST");
        assertThat(opts.tokenPointer().toString()).isEqualTo("/signature");
        assertThat(opts.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(opts.callTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(opts.maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(opts.retries()).isZero();
    }

    @Test
    void missingUrl_isNamed() throws Exception {
        assertThat(refused("type: http").field()).isEqualTo("url");
    }

    @Test
    void notAnHttpUrl_isRefused() throws Exception {
        assertThat(refused("url: ftp://x/").getMessage()).contains("http://");
    }

    @Test
    void unknownMethod_listsAllowed() throws Exception {
        assertThat(refused("{url: 'http://a/', method: DELETE}").getMessage()).contains("POST, PUT, PATCH");
    }

    @Test
    void badDuration_showsTheForms() throws Exception {
        SignerConfigException e = refused("{url: 'http://a/', readTimeout: 2 seconds}");
        assertThat(e.field()).isEqualTo("readTimeout");
        assertThat(e.getMessage()).contains("500ms");
    }

    @Test
    void retriesOutOfRange_isRefused() throws Exception {
        assertThat(refused("{url: 'http://a/', retries: 99}").getMessage()).contains("0 to 10");
    }

    @Test
    void unknownOption_listsKnownOnes() throws Exception {
        SignerConfigException e = refused("{url: 'http://a/', timeout: 2s}");
        assertThat(e.field()).isEqualTo("timeout");
        assertThat(e.getMessage()).contains("readTimeout");
    }

    @Test
    void unknownPlaceholder_isNamed() throws Exception {
        SignerConfigException e = refused("{url: 'http://a/', body: {mn: '${meeting}'}}");
        assertThat(e.field()).isEqualTo("body.mn");
        assertThat(e.getMessage()).contains("${meetingNumber}");
    }

    @Test
    void headerFromUnsetEnv_namesTheVariableNotAValue() throws Exception {
        SignerConfigException e = refused("{url: 'http://a/', headers: {Authorization: {env: API_TOKEN}}}");
        assertThat(e.field()).isEqualTo("headers.Authorization");
        assertThat(e.getMessage()).contains("API_TOKEN");
    }

    @Test
    void tokenPointerWithoutSlash_isRefused() throws Exception {
        assertThat(refused("{url: 'http://a/', tokenPointer: signature}").getMessage()).contains("/signature");
    }

    @Test
    void callTimeoutNotOverConnectTimeout_isRefused() throws Exception {
        assertThat(refused("{url: 'http://a/', connectTimeout: 2s, callTimeout: 1s}").field()).isEqualTo("callTimeout");
    }
}
