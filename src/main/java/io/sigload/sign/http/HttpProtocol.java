package io.sigload.sign.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP version the {@code http} signer speaks ({@code protocol:}; {@code client: netty} only
 * for the HTTP/2 ones). A server that does not speak the version asked for is a counted failure
 * ({@link Failures#HTTP2_NOT_SUPPORTED}), never a silent fall-back: a run that asked for HTTP/2
 * measures HTTP/2 or says why not.
 */
enum HttpProtocol {
    /** HTTP/1.1 (RFC 9112), over TLS for {@code https://}; the default. */
    HTTP1("http1"),
    /** HTTP/2 over TLS (RFC 9113 §3.2), chosen by ALPN (RFC 7301); {@code https://} URLs only. */
    H2("h2"),
    /** HTTP/2 in plain text with prior knowledge (RFC 9113 §3.3): the connection preface first; {@code http://} URLs only. */
    H2C("h2c");

    private final String wireName;

    HttpProtocol(String wireName) {
        this.wireName = wireName;
    }

    /** The scenario spelling. */
    String wireName() {
        return wireName;
    }

    /** Every scenario spelling, the default first. */
    static List<String> wireNames() {
        return Arrays.stream(values()).map(HttpProtocol::wireName).toList();
    }

    static Optional<HttpProtocol> fromWireName(String s) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(s)).findFirst();
    }
}
