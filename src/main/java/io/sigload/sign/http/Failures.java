package io.sigload.sign.http;

import static io.sigload.clock.Durations.format;

import io.sigload.sign.SignException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The failure categories of the {@code http} signer and how an {@link IOException} from OkHttp maps
 * to one. Stateless and thread-safe.
 *
 * <p>What OkHttp 5 throws on the JVM: a refused TCP connect is a {@link ConnectException}
 * ("Failed to connect to /127.0.0.1:PORT", caused by "Connection refused"); a connect that gets no
 * answer is a {@link SocketTimeoutException} "Connect timed out"; a read with no byte for
 * {@code readTimeout} is a {@link SocketTimeoutException} "timeout" or "Read timed out"; the call
 * timeout surfaces as that same "timeout", told apart by the time the attempt took.
 */
public final class Failures {
    /** Nothing listens on the port (TCP RST). */
    public static final String CONNECTION_REFUSED = "CONNECTION_REFUSED";
    /** No TCP answer within {@code connectTimeout}. */
    public static final String CONNECT_TIMEOUT = "CONNECT_TIMEOUT";
    /** No byte within {@code readTimeout}, or the whole call past {@code callTimeout} (slow drip). */
    public static final String READ_TIMEOUT = "READ_TIMEOUT";
    /** A redirect; the signer does not follow them, so a login page is not mistaken for a token. */
    public static final String HTTP_3XX = "HTTP_3XX";
    /** A 4xx status; for 400 the message carries the endpoint's validation reasons. */
    public static final String HTTP_4XX = "HTTP_4XX";
    /** A 5xx status. */
    public static final String HTTP_5XX = "HTTP_5XX";
    /** A 2xx JSON body whose Content-Type is not JSON. */
    public static final String BAD_CONTENT_TYPE = "BAD_CONTENT_TYPE";
    /** A 2xx body that is not JSON (often an HTML page). */
    public static final String UNPARSEABLE_BODY = "UNPARSEABLE_BODY";
    /** A body longer than {@code maxBodyBytes}. */
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
    /** A JSON body without a non-empty string at {@code tokenPointer}. */
    public static final String TOKEN_MISSING = "TOKEN_MISSING";
    /** Anything else: DNS, TLS, a reset connection, a protocol error. */
    public static final String TRANSPORT_ERROR = "TRANSPORT_ERROR";
    /** The certificate does not chain to a trusted CA (system trust store, or caFile). */
    public static final String TLS_UNTRUSTED_CERTIFICATE = "TLS_UNTRUSTED_CERTIFICATE";
    /** The certificate is valid but not for the URL's host (RFC 6125). */
    public static final String TLS_HOSTNAME_MISMATCH = "TLS_HOSTNAME_MISMATCH";
    /** The certificate has expired (or is not yet valid). */
    public static final String TLS_CERTIFICATE_EXPIRED = "TLS_CERTIFICATE_EXPIRED";
    /** An https:// URL whose port answers in plain HTTP, not TLS. */
    public static final String TLS_TO_PLAIN_PORT = "TLS_TO_PLAIN_PORT";
    /** Any other TLS handshake failure (protocol or cipher mismatch, alert from the server). */
    public static final String TLS_HANDSHAKE_FAILED = "TLS_HANDSHAKE_FAILED";
    /** No local port (or address) left for a new connection: the ephemeral range is used up. */
    public static final String PORTS_EXHAUSTED = "PORTS_EXHAUSTED";
    /**
     * HTTP/2 was asked ({@code protocol: h2} or {@code h2c}) and the server does not speak it: ALPN
     * chose {@code http/1.1} or nothing, or the server answered the connection preface in HTTP/1.x,
     * closed the connection or sent no HTTP/2 SETTINGS within {@code connectTimeout}.
     */
    public static final String HTTP2_NOT_SUPPORTED = "HTTP2_NOT_SUPPORTED";

    /** Categories worth another attempt when {@code retries > 0}. */
    static final Set<String> RETRYABLE = Set.of(CONNECTION_REFUSED, CONNECT_TIMEOUT, READ_TIMEOUT, HTTP_5XX,
            TRANSPORT_ERROR);

    private Failures() {
    }

    /** A TLS failure's category and first example, or {@code null} when {@code e} is not one. */
    static SignException tls(Throwable e, String url) {
        boolean ssl = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            String name = t.getClass().getName();
            if (t instanceof java.security.cert.CertificateExpiredException
                    || t instanceof java.security.cert.CertificateNotYetValidException
                    || m.contains("validity check failed")) {
                return new SignException(TLS_CERTIFICATE_EXPIRED, "the TLS certificate of " + url
                        + " is outside its validity period: " + m, e);
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return new SignException(TLS_HOSTNAME_MISMATCH, "the TLS certificate of " + url
                        + " is not for its host: " + m, e);
            }
            if (name.endsWith("SunCertPathBuilderException") || t instanceof java.security.cert.CertPathValidatorException
                    || m.contains("PKIX path")) {
                return new SignException(TLS_UNTRUSTED_CERTIFICATE, "the TLS certificate of " + url + " does not chain"
                        + " to a trusted CA (add it with caFile:, or fix the server's chain): " + m, e);
            }
            if (name.endsWith("NotSslRecordException") || m.contains("Unsupported or unrecognized SSL message")
                    || m.contains("not an SSL/TLS record")) {
                return new SignException(TLS_TO_PLAIN_PORT, url + " answered in plain text, not TLS: is it an http://"
                        + " port?", e);
            }
            ssl |= t instanceof javax.net.ssl.SSLException;
        }
        return ssl ? new SignException(TLS_HANDSHAKE_FAILED, "TLS with " + url + " failed: " + e.getMessage(), e) : null;
    }

    private static String ephemeralRange() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip().replace('\t', '-');
        } catch (IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /**
     * Classifies a transport failure.
     *
     * @param e what OkHttp threw
     * @param responseStarted whether the status line had arrived
     * @param callTimedOut whether the attempt ran for {@code callTimeout} (OkHttp then reports a
     *     {@link SocketTimeoutException} "timeout", exactly like a read timeout)
     * @param options for the timeouts named in the message
     * @return the failure, with {@code e} as its cause
     */
    public static SignException classify(IOException e, boolean responseStarted, boolean callTimedOut,
            HttpSignerOptions options) {
        String url = options.url().redact();
        SignException tls = tls(e, url);
        if (tls != null) {
            return tls;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Cannot assign requested address")) {
                return new SignException(PORTS_EXHAUSTED, "no local port left to connect to " + url + " (ephemeral"
                        + " range " + ephemeralRange() + " used up, sockets in TIME_WAIT): " + t.getMessage(), e);
            }
        }
        if (callTimedOut) {
            return new SignException(READ_TIMEOUT, (responseStarted ? "body from " : "answer from ") + url
                    + " not complete within callTimeout " + format(options.callTimeout()), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SocketTimeoutException && msg.contains("connect")
                    || t instanceof ConnectException && msg.contains("timed out")) {
                return new SignException(CONNECT_TIMEOUT, "no TCP answer from " + url + " within connectTimeout "
                        + format(options.connectTimeout()), e);
            }
            if (t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return new SignException(TRANSPORT_ERROR, "cannot reach " + url + ": " + t, e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new SignException(CONNECTION_REFUSED, "connection refused by " + url
                        + " (nothing listens on that port?)", e);
            }
        }
        if (e instanceof SocketTimeoutException) {
            return new SignException(READ_TIMEOUT, "no byte from " + url + " within readTimeout "
                    + format(options.readTimeout()), e);
        }
        return new SignException(TRANSPORT_ERROR, "transport error with " + url + ": " + e, e);
    }
}
