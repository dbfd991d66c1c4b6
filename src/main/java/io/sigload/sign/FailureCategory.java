package io.sigload.sign;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The category under which a participant without a token is counted ({@link SignException#category()},
 * and the driver's own): reports group by it, thresholds ({@code count(CATEGORY)}) take it. The
 * built-in ones are the constants below; the set is open, because a process signer's child may
 * name its own ({@code {"error": "...", "category": "RATE_LIMITED"}}), so this is a small value,
 * not an enum. Immutable and thread-safe.
 *
 * @param name upper-case letters, digits and {@code _}, starting with a letter, e.g. {@code HTTP_5XX}
 */
public record FailureCategory(String name) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** @throws IllegalArgumentException unless {@code name} is upper-case letters, digits and {@code _}, starting with a letter */
    public FailureCategory {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a failure category is upper-case letters, digits and _, starting with a letter, e.g. MINT_ERROR;"
                    + " was " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    // any in-process signer
    /** The signer threw or refused to mint (a library refusing a short key, say). */
    public static final FailureCategory MINT_ERROR = new FailureCategory("MINT_ERROR");
    // the http signer
    /** Nothing listens on the port (TCP RST). */
    public static final FailureCategory CONNECTION_REFUSED = new FailureCategory("CONNECTION_REFUSED");
    /** No TCP answer within {@code connectTimeout}. */
    public static final FailureCategory CONNECT_TIMEOUT = new FailureCategory("CONNECT_TIMEOUT");
    /** No byte within {@code readTimeout}, or the whole call past {@code callTimeout} (slow drip). */
    public static final FailureCategory READ_TIMEOUT = new FailureCategory("READ_TIMEOUT");
    /** A redirect; the signer does not follow them, so a login page is not mistaken for a token. */
    public static final FailureCategory HTTP_3XX = new FailureCategory("HTTP_3XX");
    /** A 4xx status; for 400 the message carries the endpoint's validation reasons. */
    public static final FailureCategory HTTP_4XX = new FailureCategory("HTTP_4XX");
    /** A 5xx status. */
    public static final FailureCategory HTTP_5XX = new FailureCategory("HTTP_5XX");
    /** A 2xx JSON body whose Content-Type is not JSON. */
    public static final FailureCategory BAD_CONTENT_TYPE = new FailureCategory("BAD_CONTENT_TYPE");
    /** A 2xx body that is not JSON (often an HTML page). */
    public static final FailureCategory UNPARSEABLE_BODY = new FailureCategory("UNPARSEABLE_BODY");
    /** A body longer than {@code maxBodyBytes}. */
    public static final FailureCategory BODY_TOO_LARGE = new FailureCategory("BODY_TOO_LARGE");
    /** A JSON body without a non-empty string at {@code tokenPointer}. */
    public static final FailureCategory TOKEN_MISSING = new FailureCategory("TOKEN_MISSING");
    /** Anything else: DNS, TLS, a reset connection, a protocol error. */
    public static final FailureCategory TRANSPORT_ERROR = new FailureCategory("TRANSPORT_ERROR");
    /** The certificate does not chain to a trusted CA (system trust store, or caFile). */
    public static final FailureCategory TLS_UNTRUSTED_CERTIFICATE = new FailureCategory("TLS_UNTRUSTED_CERTIFICATE");
    /** The certificate is valid but not for the URL's host (RFC 6125). */
    public static final FailureCategory TLS_HOSTNAME_MISMATCH = new FailureCategory("TLS_HOSTNAME_MISMATCH");
    /** The certificate has expired (or is not yet valid). */
    public static final FailureCategory TLS_CERTIFICATE_EXPIRED = new FailureCategory("TLS_CERTIFICATE_EXPIRED");
    /** An https:// URL whose port answers in plain HTTP, not TLS. */
    public static final FailureCategory TLS_TO_PLAIN_PORT = new FailureCategory("TLS_TO_PLAIN_PORT");
    /** Any other TLS handshake failure (protocol or cipher mismatch, alert from the server). */
    public static final FailureCategory TLS_HANDSHAKE_FAILED = new FailureCategory("TLS_HANDSHAKE_FAILED");
    /** No local port (or address) left for a new connection: the ephemeral range is used up. */
    public static final FailureCategory PORTS_EXHAUSTED = new FailureCategory("PORTS_EXHAUSTED");
    /**
     * HTTP/2 was asked ({@code protocol: h2} or {@code h2c}) and the server does not speak it: ALPN
     * chose {@code http/1.1} or nothing, or the server answered the connection preface in HTTP/1.x,
     * closed the connection or sent no HTTP/2 SETTINGS within {@code connectTimeout}.
     */
    public static final FailureCategory HTTP2_NOT_SUPPORTED = new FailureCategory("HTTP2_NOT_SUPPORTED");
    // process and script signers
    /** The signer's child process exited (or could not start). */
    public static final FailureCategory PROCESS_EXITED = new FailureCategory("PROCESS_EXITED");
    /** The child answered with a line that is not the protocol's JSON. */
    public static final FailureCategory PROCESS_BAD_OUTPUT = new FailureCategory("PROCESS_BAD_OUTPUT");
    /** The child gave no answer within the call bound. */
    public static final FailureCategory PROCESS_TIMEOUT = new FailureCategory("PROCESS_TIMEOUT");
    /** The child answered {@code {"error": ...}} without a category of its own. */
    public static final FailureCategory PROCESS_ERROR = new FailureCategory("PROCESS_ERROR");
    /** The signer was closed while the call waited (the run was ending). */
    public static final FailureCategory SIGNER_CLOSED = new FailureCategory("SIGNER_CLOSED");
    /** The team's module has no signing function of the configured name. */
    public static final FailureCategory SCRIPT_NO_FUNCTION = new FailureCategory("SCRIPT_NO_FUNCTION");
    /** The team's signing function threw. */
    public static final FailureCategory SCRIPT_THREW = new FailureCategory("SCRIPT_THREW");
    // the browser signer
    /** The headless browser or its tab died. */
    public static final FailureCategory BROWSER_CRASHED = new FailureCategory("BROWSER_CRASHED");
    /** The page did not load. */
    public static final FailureCategory BROWSER_PAGE_LOAD = new FailureCategory("BROWSER_PAGE_LOAD");
    /** The page reported an uncaught error. */
    public static final FailureCategory BROWSER_PAGE_ERROR = new FailureCategory("BROWSER_PAGE_ERROR");
    /** The page has no signing function of the configured name. */
    public static final FailureCategory BROWSER_NO_FUNCTION = new FailureCategory("BROWSER_NO_FUNCTION");
    /** The signing function returned nothing within the timeout. */
    public static final FailureCategory BROWSER_NO_RESULT = new FailureCategory("BROWSER_NO_RESULT");
    /** The signing function returned something that is not a string. */
    public static final FailureCategory BROWSER_NOT_STRING = new FailureCategory("BROWSER_NOT_STRING");
    /** The signing function threw in the page. */
    public static final FailureCategory BROWSER_THREW = new FailureCategory("BROWSER_THREW");
    // the driver
    /** The signer threw something other than a SignException (a bug in the signer). */
    public static final FailureCategory SIGNER_CRASH = new FailureCategory("SIGNER_CRASH");
    /** The validator threw (a bug in sigload: please report it). */
    public static final FailureCategory VALIDATOR_CRASH = new FailureCategory("VALIDATOR_CRASH");
    /** The participant's thread failed outside the signer and validator. */
    public static final FailureCategory PARTICIPANT_CRASH = new FailureCategory("PARTICIPANT_CRASH");
    /** The participant was interrupted before its verdict (the run was stopped). */
    public static final FailureCategory INTERRUPTED = new FailureCategory("INTERRUPTED");

    /** Every built-in category, grouped by origin as above. */
    public static final List<FailureCategory> BUILT_IN = List.of(MINT_ERROR, CONNECTION_REFUSED, CONNECT_TIMEOUT, READ_TIMEOUT, HTTP_3XX, HTTP_4XX, HTTP_5XX, BAD_CONTENT_TYPE, UNPARSEABLE_BODY, BODY_TOO_LARGE, TOKEN_MISSING, TRANSPORT_ERROR, TLS_UNTRUSTED_CERTIFICATE, TLS_HOSTNAME_MISMATCH, TLS_CERTIFICATE_EXPIRED, TLS_TO_PLAIN_PORT, TLS_HANDSHAKE_FAILED, PORTS_EXHAUSTED, HTTP2_NOT_SUPPORTED, PROCESS_EXITED, PROCESS_BAD_OUTPUT, PROCESS_TIMEOUT, PROCESS_ERROR, SIGNER_CLOSED, SCRIPT_NO_FUNCTION, SCRIPT_THREW, BROWSER_CRASHED, BROWSER_PAGE_LOAD, BROWSER_PAGE_ERROR, BROWSER_NO_FUNCTION, BROWSER_NO_RESULT, BROWSER_NOT_STRING, BROWSER_THREW, SIGNER_CRASH, VALIDATOR_CRASH, PARTICIPANT_CRASH, INTERRUPTED);

    /** A category by name: the built-in constant when there is one, else a new value. */
    public static FailureCategory of(String name) {
        for (FailureCategory c : BUILT_IN) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return new FailureCategory(name);
    }

    /** Every built-in category's name, in the order of {@link #BUILT_IN}. */
    public static List<String> builtInNames() {
        return BUILT_IN.stream().map(FailureCategory::name).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
