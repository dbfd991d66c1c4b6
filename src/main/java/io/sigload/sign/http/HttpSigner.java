package io.sigload.sign.http;

import io.sigload.clock.Durations;
import io.sigload.guard.Controls;
import io.sigload.guard.Redactor;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import io.sigload.sign.TransportStats;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ObjLongConsumer;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Asks a remote signature endpoint for each token, by default with Zoom's sample contract
 * (github.com/zoom/meetingsdk-auth-endpoint-sample): {@code POST} JSON
 * {@code {"meetingNumber", "role", "expirationSeconds", "videoWebRtcMode"}}, token in
 * {@code signature}. Options: {@link HttpSignerOptions}; failure categories: {@link Failures}.
 *
 * <p>One HTTP client per signer, sized for the run, from the library {@code client:} names
 * ({@link #CLIENTS}: Netty by default, {@link NettyTransport}; Helidon; OkHttp, whose connection
 * pool keeps {@code maxConcurrency} idle connections, as OkHttp's default of 5 would reconnect on
 * every burst, and whose dispatcher allows as many requests per host). Calls are synchronous, on
 * the caller's (virtual) thread; {@code callTimeout} is enforced by a watchdog thread that
 * cancels overdue calls (OkHttp's own silent retry is off). With every client, {@code retries}
 * retries transport failures and 5xx, counted in {@link #counters()} ({@code attempts}, {@code retries}, {@code retry.CATEGORY}).
 * Header values never appear in {@link #describe()} or messages.
 *
 * <p>Thread-safe.
 */
public final class HttpSigner implements Signer, TransportStats {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    /** The HTTP clients the signer can load with ({@code client:} option); the first is the default. */
    static final List<String> CLIENTS = List.of("netty", "helidon", "okhttp");

    private final HttpSignerOptions options;
    private final Transport transport;
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();


    private final TlsSettings tls;

    private HttpSigner(HttpSignerOptions options, Transport transport, TlsSettings tls) {
        this.options = options;
        this.tls = tls;
        this.transport = transport;
    }

    /** One HTTP client library doing the attempts; thread-safe. */
    interface Transport extends AutoCloseable {
        /** One request with this body; the answer read by {@link ResponseReader}. */
        String attempt(byte[] body) throws SignException;

        /** The library and its version, for {@link HttpSigner#describe()}. */
        String describe();

        /** Where new connections' {@code connect} and {@code tls} times go, ns; the default drops them. */
        default void phases(ObjLongConsumer<String> sink) {
        }

        @Override
        void close();
    }

    /** The OkHttp client ({@code client: okhttp}). */
    static final class OkHttpTransport implements Transport {
        private final HttpSignerOptions options;
        private final OkHttpClient client;
        private final Headers headers;
        private final long callTimeoutNanos;

        OkHttpTransport(HttpSignerOptions options, int maxConcurrency, TlsSettings tls) {
            this.options = options;
            int n = Math.max(1, maxConcurrency);
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(n);
            dispatcher.setMaxRequestsPerHost(n);
            OkHttpClient.Builder b = new OkHttpClient.Builder();
            if (tls != null && (tls.insecure() || tls.caFile() != null)) {
                b.sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
                if (tls.insecure()) {
                    b.hostnameVerifier((host, session) -> true);
                }
            }
            this.client = b
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(n, 5, TimeUnit.MINUTES))
                    .socketFactory(new NoDelaySocketFactory())
                    .fastFallback(false)
                    .connectTimeout(options.connectTimeout())
                    .readTimeout(options.readTimeout())
                    .writeTimeout(options.readTimeout())
                    .callTimeout(Duration.ZERO) // enforced by the watchdog below, more cheaply
                    .retryOnConnectionFailure(false)
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .build();
            this.headers = Headers.of(options.headers());
            this.callTimeoutNanos = options.callTimeout().toNanos();
        }

        @Override
        public String attempt(byte[] body) throws SignException {
            Request req = new Request.Builder().url(options.url()).headers(headers)
                    .method(options.method(), RequestBody.create(body, JSON)).build();
            boolean started = false;
            Call call = client.newCall(req);
            long start = System.nanoTime();
            Watchdog.DEADLINES.put(call, start + callTimeoutNanos);
            try (Response r = call.execute()) {
                started = true;
                return ResponseReader.token(r, options);
            } catch (IOException e) {
                boolean callTimedOut = call.isCanceled() || System.nanoTime() - start >= callTimeoutNanos;
                throw Failures.classify(e, started, callTimedOut, options);
            } finally {
                Watchdog.DEADLINES.remove(call);
            }
        }

        @Override
        public String describe() {
            return "OkHttp " + OkHttp.VERSION;
        }

        /** Closes idle connections; calls in flight are cancelled. */
        @Override
        public void close() {
            client.dispatcher().cancelAll();
            client.connectionPool().evictAll();
            client.dispatcher().executorService().shutdown();
        }
    }

    /**
     * {@code callTimeout}: every http signer's calls in flight with their deadlines
     * (System.nanoTime), swept by one daemon thread every {@value #TICK_MILLIS} ms that cancels
     * the overdue ones (OkHttp then closes the socket), so a call ends at most one tick past its
     * bound. OkHttp's own call timeout does the same with one global lock and a priority queue
     * whose removal scans every call in flight: with 64 in flight that was the largest single
     * cost of an http request (~18% of the client's Java samples).
     */
    private static final class Watchdog {
        static final ConcurrentHashMap<Call, Long> DEADLINES = new ConcurrentHashMap<>();

        static {
            Thread t = Thread.ofPlatform().daemon().name("sigload http callTimeout").unstarted(() -> {
                while (true) {
                    try {
                        Thread.sleep(TICK_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    DEADLINES.forEach((call, deadline) -> {
                        if (now - deadline >= 0) {
                            call.cancel();
                        }
                    });
                }
            });
            t.start();
        }
    }

    /** How often overdue calls are looked for, ms. */
    static final long TICK_MILLIS = 10;

    /**
     * Builds a signer for one run.
     *
     * @param config the {@code signer:} options ({@link HttpSignerOptions}), env and concurrency
     * @throws SignerConfigException naming the wrong option and what is allowed
     */
    public static HttpSigner create(SignerConfig config) throws SignerConfigException {
        HttpSignerOptions options = HttpSignerOptions.from(config);
        String client = config.options().path("client").asText(CLIENTS.get(0));
        TlsSettings tls = options.url().isHttps() ? TlsSettings.from(config) : null;
        String connections = config.options().path("connections").asText("pooled");
        if (!connections.equals("pooled") && !connections.equals("per-participant")) {
            throw new SignerConfigException("connections", "connections '" + connections + "' is not known; allowed:"
                    + " pooled (keep-alive connections shared by all participants, the default) or per-participant"
                    + " (a new connection, and TLS handshake, per participant, as a burst of browsers)",
                    connections, List.of("pooled", "per-participant"));
        }
        boolean perParticipant = connections.equals("per-participant");
        HttpProtocol protocol = protocol(config, options, client);
        if (perParticipant && !client.equals("netty")) {
            throw new SignerConfigException("connections", "connections: per-participant needs client: netty");
        }
        if (tls != null && (tls.insecure() || tls.caFile() != null) && client.equals("helidon")) {
            throw new SignerConfigException("client", "caFile and insecure need client: netty or okhttp");
        }
        Transport t = switch (client) {
            case "okhttp" -> new OkHttpTransport(options, config.maxConcurrency(), tls);
            case "netty" -> new NettyTransport(options, config.maxConcurrency(), tls, perParticipant, protocol);
            case "helidon" -> new HelidonTransport(options, config.maxConcurrency());
            default -> throw new SignerConfigException("client", "client '" + client + "' is not known; allowed: "
                    + String.join(", ", CLIENTS) + " (default " + CLIENTS.get(0) + ")", client, CLIENTS);
        };
        return new HttpSigner(options, t, tls);
    }

    /**
     * The {@code protocol:} option: {@code http1} (default), {@code h2} (https, ALPN) or {@code h2c}
     * (http, prior knowledge), the HTTP/2 ones with {@code client: netty}.
     */
    private static HttpProtocol protocol(SignerConfig config, HttpSignerOptions options, String client)
            throws SignerConfigException {
        String name = config.options().path("protocol").asText(HttpProtocol.HTTP1.wireName());
        HttpProtocol p = HttpProtocol.fromWireName(name).orElseThrow(() -> new SignerConfigException("protocol",
                "protocol '" + name + "' is not known; allowed: http1 (HTTP/1.1, the default), h2 (HTTP/2 over TLS,"
                + " by ALPN; https:// URLs) or h2c (HTTP/2 in plain text, prior knowledge; http:// URLs)",
                name, HttpProtocol.wireNames()));
        if (p == HttpProtocol.HTTP1) {
            return p;
        }
        if (!client.equals("netty")) {
            throw new SignerConfigException("protocol", "protocol: " + name + " needs client: netty");
        }
        boolean https = options.url().isHttps();
        if (p == HttpProtocol.H2 && !https) {
            throw new SignerConfigException("protocol", "protocol: h2 is HTTP/2 over TLS and needs an https:// url;"
                    + " for HTTP/2 in plain text to an http:// url use protocol: h2c");
        }
        if (p == HttpProtocol.H2C && https) {
            throw new SignerConfigException("protocol", "protocol: h2c is HTTP/2 in plain text and needs an http:// url;"
                    + " over https:// use protocol: h2 (ALPN)");
        }
        return p;
    }

    /**
     * Masks every secret (any piece of it, in any usual encoding: {@link Redactor}) in a message
     * and escapes control characters; the parts quoting the endpoint were masked before they were cut.
     */
    private String scrub(String message) {
        return message == null ? null : Controls.escape(options.redactor().mask(message), false);
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        byte[] body = options.body().render(request);
        for (int attempt = 0; ; attempt++) {
            count("attempts");
            try {
                return attempt(body);
            } catch (SignException raw) {
                // messages may quote the endpoint's answer, which may echo a credential: mask, drop the cause
                SignException e = new SignException(raw.category(), scrub(raw.getMessage()));
                if (attempt >= options.retries() || !Failures.RETRYABLE.contains(e.category())) {
                    throw e;
                }
                count("retries");
                count("retry." + e.category());
            }
        }
    }

    private String attempt(byte[] body) throws SignException {
        return transport.attempt(body);
    }

    private void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    @Override
    public void phases(ObjLongConsumer<String> sink) {
        transport.phases(sink);
    }

    /** {@code callTimeout} times the attempts ({@code retries + 1}), plus one watchdog tick each. */
    @Override
    public Optional<Duration> callBound() {
        return Optional.of(options.callTimeout().plusMillis(TICK_MILLIS).multipliedBy(options.retries() + 1L));
    }

    @Override
    public List<String> warnings() {
        return tls != null && tls.insecure() ? List.of(TlsSettings.INSECURE_WARNING) : List.of();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        counters.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** {@code http POST http://127.0.0.1:4000/ token at /signature, timeouts connect 2s read 5s call 7s, ...}. */
    @Override
    public String describe() {
        return "http " + options.method() + " " + options.url().redact() + " token at " + options.tokenPointer()
                + ", timeouts connect " + Durations.format(options.connectTimeout()) + " read " + Durations.format(options.readTimeout())
                + " call " + Durations.format(options.callTimeout()) + ", retries " + options.retries() + ", maxBodyBytes "
                + options.maxBodyBytes() + (options.headers().isEmpty() ? "" : ", headers " + names(options.headers()))
                + ", " + transport.describe() + (tls != null && !transport.describe().contains("TLS") ? ", " + tls.describe() : "");
    }

    private static Set<String> names(Map<String, String> headers) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER); // as OkHttp's Headers.names()
        names.addAll(headers.keySet());
        return names;
    }

    /** Closes idle connections; calls in flight are cancelled. */
    @Override
    public void close() {
        transport.close();
    }

    /** Registers {@code http} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "http";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return HttpSigner.create(config);
        }

        @Override
        public Set<String> options() {
            return new LinkedHashSet<>(HttpSignerOptions.KNOWN);
        }

        @Override
        public boolean outOfProcess() {
            return true;
        }
    }
}
