package io.sigload.sign.http;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignRequest;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import java.time.Clock;
import java.util.Map;

/** Builds http signers with short, bounded timeouts for tests. */
final class HttpSignerFixture {
    static final JsonMapper JSON = new JsonMapper();

    private HttpSignerFixture() {
    }

    /** Options with connect 500 ms, read 300 ms, call 1 s, and the given URL. */
    static ObjectNode options(String url) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "http");
        o.put("url", url);
        o.put("connectTimeout", "500ms");
        o.put("readTimeout", "300ms");
        o.put("callTimeout", "1s");
        return o;
    }

    static HttpSigner signer(ObjectNode options) throws SignerConfigException {
        return signer(options, Map.of(), 4);
    }

    static HttpSigner signer(ObjectNode options, Map<String, String> env, int concurrency) throws SignerConfigException {
        return HttpSigner.create(config(options, env, concurrency));
    }

    static SignerConfig config(ObjectNode options, Map<String, String> env, int concurrency) {
        return new SignerConfig(null, null, null, options, env, concurrency);
    }

    /** Participant 7 of meeting 123456789 as attendee, 7200 s, no videoWebRtcMode. */
    static SignRequest request() {
        return new SignRequest(7, "123456789", 0, 7200, null, Clock.systemUTC());
    }
}
