package io.sigload.sign.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;

/**
 * Every test of {@link HttpSignerContractTest} with {@code protocol: h2c} ({@code client: netty}) against
 * OkHttp's MockWebServer speaking HTTP/2 with prior knowledge: an HTTP/2 server that is not ours.
 */
class HttpSignerContractH2cTest extends HttpSignerContractTest {
    @Override
    void configure(MockWebServer server) {
        server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    }

    @Override
    ObjectNode options(String url) {
        ObjectNode o = super.options(url);
        o.put("protocol", "h2c");
        return o;
    }
}
