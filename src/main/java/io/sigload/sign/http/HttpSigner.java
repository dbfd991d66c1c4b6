package io.sigload.sign.http;

import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import io.sigload.sign.TransportStats;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.MediaType;
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
 * <p>One OkHttp client per signer, sized for the run: the connection pool keeps
 * {@code maxConcurrency} idle connections (OkHttp's default of 5 would reconnect on every burst)
 * and the dispatcher allows as many requests per host. Calls are synchronous, on the caller's
 * (virtual) thread. OkHttp's own silent retry is off; {@code retries} retries transport failures
 * and 5xx, counted in {@link #counters()} ({@code attempts}, {@code retries}, {@code retry.CATEGORY}).
 * Header values never appear in {@link #describe()} or messages.
 *
 * <p>Thread-safe.
 */
public final class HttpSigner implements Signer, TransportStats {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final HttpSignerOptions options;
    private final OkHttpClient client;
    private final Headers headers;
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    private HttpSigner(HttpSignerOptions options, int maxConcurrency) {
        this.options = options;
        int n = Math.max(1, maxConcurrency);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(n);
        dispatcher.setMaxRequestsPerHost(n);
        this.client = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(n, 5, TimeUnit.MINUTES))
                .socketFactory(new NoDelaySocketFactory())
                .fastFallback(false)
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .callTimeout(options.callTimeout())
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.headers = Headers.of(options.headers());
    }

    /**
     * Builds a signer for one run.
     *
     * @param config the {@code signer:} options ({@link HttpSignerOptions}), env and concurrency
     * @throws SignerConfigException naming the wrong option and what is allowed
     */
    public static HttpSigner create(SignerConfig config) throws SignerConfigException {
        return new HttpSigner(HttpSignerOptions.from(config), config.maxConcurrency());
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        byte[] body = options.body().render(request);
        for (int attempt = 0; ; attempt++) {
            count("attempts");
            try {
                return attempt(body);
            } catch (SignException e) {
                if (attempt >= options.retries() || !Failures.RETRYABLE.contains(e.category())) {
                    throw e;
                }
                count("retries");
                count("retry." + e.category());
            }
        }
    }

    private String attempt(byte[] body) throws SignException {
        Request req = new Request.Builder().url(options.url()).headers(headers)
                .method(options.method(), RequestBody.create(body, JSON)).build();
        boolean started = false;
        Call call = client.newCall(req);
        long start = System.nanoTime();
        try (Response r = call.execute()) {
            started = true;
            return ResponseReader.token(r, options);
        } catch (IOException e) {
            boolean callTimedOut = call.isCanceled() || System.nanoTime() - start >= options.callTimeout().toNanos();
            throw Failures.classify(e, started, callTimedOut, options);
        }
    }

    private void count(String name) {
        counters.computeIfAbsent(name, k -> new LongAdder()).increment();
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
                + ", timeouts connect " + io.sigload.clock.Durations.format(options.connectTimeout()) + " read " + io.sigload.clock.Durations.format(options.readTimeout())
                + " call " + io.sigload.clock.Durations.format(options.callTimeout()) + ", retries " + options.retries() + ", maxBodyBytes "
                + options.maxBodyBytes() + (headers.size() == 0 ? "" : ", headers " + headers.names())
                + ", OkHttp " + okhttp3.OkHttp.VERSION;
    }

    /** Closes idle connections; calls in flight are cancelled. */
    @Override
    public void close() {
        client.dispatcher().cancelAll();
        client.connectionPool().evictAll();
        client.dispatcher().executorService().shutdown();
    }

    /** Registers {@code http} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "http";
        }

        @Override
        public io.sigload.sign.Signer create(SignerConfig config) throws SignerConfigException {
            return HttpSigner.create(config);
        }

        @Override
        public java.util.Set<String> options() {
            return new java.util.LinkedHashSet<>(HttpSignerOptions.KNOWN);
        }
    }
}
