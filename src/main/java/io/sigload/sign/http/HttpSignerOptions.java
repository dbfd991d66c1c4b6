package io.sigload.sign.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.clock.Durations;
import io.sigload.guard.Redactor;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.token.Secret;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The {@code http} signer's options, read from the scenario's {@code signer:} section.
 *
 * @param url the endpoint, {@code http} or {@code https}
 * @param method {@code POST} (default), {@code PUT} or {@code PATCH}
 * @param headers request headers with {@code {env: VAR}} values already resolved; never logged
 * @param body the request body template (see {@link BodyTemplate})
 * @param tokenPointer where the token is in the response (RFC 6901), default {@code /signature}
 * @param connectTimeout TCP (and TLS) connect timeout, default {@link #DEFAULT_CONNECT_TIMEOUT}
 * @param readTimeout longest wait for one read, default {@link #DEFAULT_READ_TIMEOUT}
 * @param callTimeout bound on a whole attempt, connect to last body byte (ends slow drips);
 *     default {@code connectTimeout + readTimeout}
 * @param maxBodyBytes responses longer than this many bytes are refused, default {@link #DEFAULT_MAX_BODY_BYTES}
 * @param retries extra attempts after a transport failure or 5xx, default 0, at most {@link #MAX_RETRIES}
 * @param redactor what never appears in a message: the SDK secret and every header value read from
 *     the environment (an endpoint may echo them); text from the endpoint is masked with it before
 *     it is cut ({@link Redactor#quote})
 *
 * <p>Immutable and thread-safe. Header values may be secrets: {@link #toString()} and
 * {@link HttpSigner#describe()} show header names only.
 */
public record HttpSignerOptions(
        HttpUrl url,
        String method,
        Map<String, String> headers,
        BodyTemplate body,
        JsonPointer tokenPointer,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        long maxBodyBytes,
        int retries,
        Redactor redactor) {
    /** Default connect timeout: 2 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default read timeout: 5 s. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    /** Default response size limit: 64 KiB (a Zoom token is under 1 KiB). */
    public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Most retries allowed per request. */
    public static final int MAX_RETRIES = 10;

    /** The options this signer reads, in the order they are documented. */
    static final List<String> KNOWN = List.of("type", "url", "method", "headers", "body", "tokenPointer",
            "connectTimeout", "readTimeout", "callTimeout", "maxBodyBytes", "retries", "client", "warmup", "connections", "caFile", "insecure",
            "protocol");
    /** Most warm-up requests ({@code warmup:}, sent by the driver before the gate, off the record). */
    public static final int MAX_WARMUP = 1_000_000;
    private static final List<String> METHODS = List.of("POST", "PUT", "PATCH");

    /**
     * Reads and checks the options.
     *
     * @throws SignerConfigException naming the first wrong option and what is allowed
     */
    public static HttpSignerOptions from(SignerConfig config) throws SignerConfigException {
        JsonNode o = config.options();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!KNOWN.contains(name) && !SignerConfig.COMMON_OPTIONS.contains(name)) {
                throw new SignerConfigException(name, "unknown option '" + name + "' for the http signer; known: "
                        + String.join(", ", KNOWN));
            }
        }
        HttpUrl url = url(o.path("url"));
        String method = o.path("method").asText("POST").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new SignerConfigException("method", "method '" + o.path("method").asText() + "' is not supported;"
                    + " allowed: " + String.join(", ", METHODS));
        }
        Duration connect = duration(o, "connectTimeout", DEFAULT_CONNECT_TIMEOUT);
        Duration read = duration(o, "readTimeout", DEFAULT_READ_TIMEOUT);
        Duration call = duration(o, "callTimeout", connect.plus(read));
        if (call.compareTo(connect) <= 0) {
            throw new SignerConfigException("callTimeout", "callTimeout " + Durations.format(call) + " must be longer"
                    + " than connectTimeout " + Durations.format(connect) + ", or a slow connect is miscounted");
        }
        long maxBody = integer(o, "maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE);
        int retries = (int) integer(o, "retries", 0, 0, MAX_RETRIES);
        integer(o, "warmup", 0, 0, MAX_WARMUP); // read by the driver; checked here with the others
        String pointer = o.path("tokenPointer").asText("/signature");
        if (!pointer.startsWith("/")) {
            throw new SignerConfigException("tokenPointer", "tokenPointer '" + pointer + "' is not a JSON pointer;"
                    + " it starts with '/', e.g. /signature or /data/token");
        }
        JsonNode body = o.get("body");
        if (body != null && !body.isObject()) {
            throw new SignerConfigException("body", "body must be a JSON object template, e.g."
                    + " {meetingNumber: \"${meetingNumber}\", role: \"${role}\"}");
        }
        return new HttpSignerOptions(url, method, headers(o.path("headers"), config.env()),
                body == null ? BodyTemplate.zoomSample() : BodyTemplate.of(body), JsonPointer.compile(pointer),
                connect, read, call, maxBody, retries, redactor(config));
    }

    /**
     * The SDK secret (not the public demo one) and every header value read from the environment
     * (an API key, say): an endpoint may echo them in an error body.
     */
    private static Redactor redactor(SignerConfig config) {
        Redactor r = Redactor.create();
        if (config.secret() != null && !config.secret().text().equals(Secret.DEMO_VALUE)) {
            r.add(config.secret().text());
        }
        config.options().path("headers").properties().forEach(e -> {
            String var = e.getValue().path("env").asText(null);
            String v = var == null ? null : config.env().get(var);
            if (v != null) {
                r.add(v);
            }
        });
        return r;
    }

    /** The options with header names only (values may be secrets) and the URL redacted. */
    @Override
    public String toString() {
        return "HttpSignerOptions[url=" + url.redact() + ", method=" + method + ", headers=" + headers.keySet()
                + ", tokenPointer=" + tokenPointer + ", connectTimeout=" + Durations.format(connectTimeout)
                + ", readTimeout=" + Durations.format(readTimeout) + ", callTimeout="
                + Durations.format(callTimeout) + ", maxBodyBytes=" + maxBodyBytes + ", retries=" + retries + "]";
    }

    private static HttpUrl url(JsonNode n) throws SignerConfigException {
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new SignerConfigException("url", "the http signer needs url, e.g. url: http://127.0.0.1:4000/");
        }
        HttpUrl u = HttpUrl.parse(n.asText().strip());
        if (u == null) {
            throw new SignerConfigException("url", "url '" + n.asText() + "' is not an http:// or https:// URL");
        }
        return u;
    }

    private static Map<String, String> headers(JsonNode n, Map<String, String> env) throws SignerConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new SignerConfigException("headers", "headers must be a map of name to value or {env: VAR}");
        }
        for (var it = n.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            String field = "headers." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && v.path("env").isTextual() && v.size() == 1) {
                String value = env.get(v.get("env").asText());
                if (value == null || value.isEmpty()) {
                    throw new SignerConfigException(field, "header " + e.getKey() + " reads environment variable "
                            + v.get("env").asText() + ", which is not set or is empty; export it before the run");
                }
                checkHeader(field, e.getKey(), value, "from environment variable " + v.get("env").asText());
                out.put(e.getKey(), value);
            } else if (v.isValueNode() && !v.isNull()) {
                checkHeader(field, e.getKey(), v.asText(), "in the scenario");
                out.put(e.getKey(), v.asText());
            } else {
                throw new SignerConfigException(field, "a header value is a string or {env: VAR}");
            }
        }
        return Map.copyOf(out);
    }

    /**
     * An HTTP header name is a token and a value printable ASCII or tab (RFC 9110 §5.1, §5.5, as
     * OkHttp enforces). The message names the header, where the value came from and the position
     * of the bad character, never the value: it may be a credential.
     */
    private static void checkHeader(String field, String name, String value, String from) throws SignerConfigException {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw new SignerConfigException(field, "header name '" + name + "' is not a valid HTTP header name");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                throw new SignerConfigException(field, "the value of header " + name + " (" + from + ") has a character"
                        + " HTTP headers do not allow at position " + (i + 1) + " (only printable ASCII and tab)");
            }
        }
    }

    private static Duration duration(JsonNode o, String name, Duration dflt) throws SignerConfigException {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return dflt;
        }
        try {
            Duration d = Durations.parse(n.asText());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, e.g. 2s or 500ms");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new SignerConfigException(name, name + ": " + e.getMessage());
        }
    }

    private static long integer(JsonNode o, String name, long dflt, long min, long max) throws SignerConfigException {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            return dflt;
        }
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n.isTextual() && n.asText().matches("\\d{1,18}")) {
            v = Long.parseLong(n.asText());
        } else {
            v = min - 1;
        }
        if (v < min || v > max) {
            throw new SignerConfigException(name, name + " is '" + n.asText() + "'; allowed: an integer from "
                    + min + " to " + max);
        }
        return v;
    }
}
