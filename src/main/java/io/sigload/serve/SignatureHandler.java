package io.sigload.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.timing.Latency;
import io.sigload.token.JsonFactories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reference endpoint's one handler, apart from any transport ({@link Exchange}; HTTP/1.1 or
 * HTTP/2 from {@link SignatureServer}): {@code POST /} with Zoom's sample contract: 200 {@code {"signature", "sdkKey"}}, 400
 * {@code {"errors": [{"property", "reason"}]}} (see {@link SampleRequest}), plus 404 for other
 * paths, 405 for other methods, 413 over {@value #MAX_REQUEST_BYTES} bytes (express.json's default
 * limit, 100 kB), CORS as the sample's {@code cors()} middleware. Injected faults come first, in
 * this order: stall, latency, error (500); an injected thread-safety bug ({@link Faults#race()})
 * sits in the minting itself, and a minting that throws is answered 500.
 *
 * <p>Thread-safe; request {@code n} (in arrival order) draws its faults from a generator seeded
 * with {@code seed} and {@code n}. {@link #handle} blocks for an injected stall or latency: the
 * transport runs it off its event loop unless {@link #blocks()} says it never waits.
 */
final class SignatureHandler {
    /** Largest request body read, in bytes. */
    static final int MAX_REQUEST_BYTES = 100 * 1024;
    private static final JsonMapper JSON = new JsonMapper(JsonFactories.shared());

    private final String sdkKey;
    private final SampleMinter minter;
    private final Faults faults;
    private final long startNanos = System.nanoTime();
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentHashMap<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

    SignatureHandler(ServeConfig config) {
        this.sdkKey = config.sdkKey();
        this.minter = new SampleMinter(config.sdkKey(), config.secret(), config.minting(),
                config.faults().race());
        this.faults = config.faults();
    }

    /**
     * Whether a request may wait inside {@link #handle} (an injected stall, latency, or any other
     * fault but the error rate, which only changes the answer): then the transport gives each
     * request a thread of its own.
     */
    boolean blocks() {
        return !faults.equals(new Faults(Latency.NONE, faults.errorRate(), null, faults.seed()));
    }

    /**
     * Answers one request (sends exactly once, unless interrupted by {@link SignatureServer#close}
     * inside a stall or latency).
     */
    void handle(Exchange ex) {
        try {
            long n = requests.getAndIncrement();
            ex.header("Access-Control-Allow-Origin", "*");
            if (!"/".equals(ex.path())) {
                send(ex, 404, errors(List.of(new FieldError("path", "the endpoint is POST /"))));
                return;
            }
            switch (ex.method()) {
                case "POST" -> post(ex, n);
                case "OPTIONS" -> {
                    ex.header("Access-Control-Allow-Methods", "POST, OPTIONS");
                    ex.header("Access-Control-Allow-Headers", "Content-Type");
                    count(204);
                    ex.send(204, null);
                }
                default -> {
                    ex.header("Allow", "POST, OPTIONS");
                    send(ex, 405, errors(List.of(new FieldError("method", "the endpoint is POST /"))));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // JSON of our own answers: cannot fail
        }
    }

    private void post(Exchange ex, long n) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(faults.seed() ^ (n * 0x9E3779B97F4A7C15L));
        if (faults.stall() != null) {
            sleep(faults.stall().remaining(Duration.ofNanos(System.nanoTime() - startNanos)));
        }
        sleep(faults.latency().sample(random));
        if (faults.errorRate() > 0 && random.nextDouble() < faults.errorRate()) {
            send(ex, 500, errors(List.of(new FieldError("server", "injected error (--error-rate "
                    + faults.errorRate() + ")"))));
            return;
        }
        byte[] body = ex.body();
        if (body == null || body.length > MAX_REQUEST_BYTES) {
            send(ex, 413, errors(List.of(new FieldError("body", "over " + MAX_REQUEST_BYTES + " bytes"))));
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            send(ex, 400, errors(List.of(new FieldError("body", "the body is not JSON"))));
            return;
        }
        SampleRequest r;
        try {
            r = SampleRequest.from(json);
        } catch (SampleRequest.Invalid e) {
            send(ex, 400, errors(e.errors()));
            return;
        }
        String signature;
        try {
            signature = minter.mint(r);
        } catch (RuntimeException e) { // an injected race broke the shared Mac: a server answers 500
            send(ex, 500, errors(List.of(new FieldError("server", "minting failed: " + e.getClass().getSimpleName()))));
            return;
        }
        send(ex, 200, JSON.createObjectNode().put("signature", signature).put("sdkKey", sdkKey));
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (d.isPositive()) {
            Thread.sleep(d);
        }
    }

    private static ObjectNode errors(List<FieldError> list) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode a = root.putArray("errors");
        list.forEach(e -> a.addObject().put("property", e.property()).put("reason", e.reason()));
        return root;
    }

    private void send(Exchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.header("Content-Type", "application/json; charset=utf-8");
        count(status);
        ex.send(status, bytes);
    }

    /**
     * Answers what the transport could not read as an HTTP request (a bad request line or
     * headers): 400 on {@code request}, counted like every answer.
     */
    void malformed(Exchange ex, String what) {
        ex.header("Access-Control-Allow-Origin", "*");
        try {
            send(ex, 400, errors(List.of(new FieldError("request", "not an HTTP request this endpoint can read: " + what))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers a request whose handling failed unexpectedly: 500, counted (the transport's last resort). */
    void failed(Exchange ex, RuntimeException cause) {
        try {
            send(ex, 500, errors(List.of(new FieldError("server", "the endpoint failed: " + cause.getClass().getSimpleName()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** Requests received so far. */
    long requests() {
        return requests.get();
    }

    /** Answers sent so far, by HTTP status, sorted. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> m = new TreeMap<>();
        statuses.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
