package io.sigload.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A signature endpoint that misbehaves on purpose, on 127.0.0.1 (JDK HttpServer, a virtual thread
 * per request): each request gets the {@link Answer} the test's function gives for the request (its
 * headers, one {@code Name: value} a line, a blank line, and its body), or none at all ({@link #SILENT}: the request is held until the endpoint is closed). Closing ends
 * every held request.
 */
final class HostileEndpoint implements AutoCloseable {
    /** An HTTP answer. */
    record Answer(int status, String contentType, Map<String, String> headers, String body) {
        static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, Map.of(), body);
        }
    }

    /** Never answers. */
    static final Answer SILENT = new Answer(-1, null, Map.of(), null);

    private final HttpServer server;
    private final ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger requests = new AtomicInteger();

    private HostileEndpoint(Function<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(exec);
        server.createContext("/", ex -> handle(ex, answers));
        server.start();
    }

    static HostileEndpoint start(Function<String, Answer> answers) throws IOException {
        return new HostileEndpoint(answers);
    }

    private void handle(HttpExchange ex, Function<String, Answer> answers) throws IOException {
        requests.incrementAndGet();
        StringBuilder req = new StringBuilder();
        ex.getRequestHeaders().forEach((k, vs) -> vs.forEach(v -> req.append(k).append(": ").append(v).append('\n')));
        req.append('\n').append(new String(ex.getRequestBody().readNBytes(1 << 16), StandardCharsets.UTF_8));
        Answer a = answers.apply(req.toString());
        if (a == SILENT) {
            try {
                closed.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        byte[] b = a.body().getBytes(StandardCharsets.UTF_8);
        if (a.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", a.contentType());
        }
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(a.status(), b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        exec.shutdownNow();
    }
}
