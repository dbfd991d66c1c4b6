package io.sigload.serve;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running reference signature endpoint ({@code sigload serve}): the JDK's
 * {@link HttpServer} with one virtual thread per exchange, answering {@code POST /} like Zoom's
 * sample (github.com/zoom/meetingsdk-auth-endpoint-sample), with optional injected faults.
 *
 * <pre>{@code
 * try (SignatureServer s = SignatureServer.start(ServeConfig.loopback("key", Secret.demo()))) {
 *     URI endpoint = s.uri(); // http://127.0.0.1:PORT/
 * }
 * }</pre>
 *
 * <p>The JDK server keeps at most {@code sun.net.httpserver.maxIdleConnections} idle keep-alive
 * connections (default 200) and reads that property once, when the first server in the JVM is
 * created: this class raises it to {@value #MAX_IDLE_CONNECTIONS} before then unless it is already
 * set (set it on the command line to choose another value). Thread-safe.
 */
public final class SignatureServer implements AutoCloseable {
    /** Idle keep-alive connections kept, unless {@code -Dsun.net.httpserver.maxIdleConnections} says otherwise. */
    public static final int MAX_IDLE_CONNECTIONS = 4096;

    static {
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", Integer.toString(MAX_IDLE_CONNECTIONS));
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final SignatureHandler handler;
    private final URI uri;

    private SignatureServer(HttpServer server, ExecutorService executor, SignatureHandler handler) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress();
        this.uri = URI.create((server instanceof HttpsServer ? "https://" : "http://") + host + ":" + a.getPort() + "/");
    }

    /**
     * Binds and starts serving.
     *
     * @param config address (port 0 picks a free port), credentials, clock and faults
     * @return the running server; close it to stop
     * @throws IOException when the address cannot be bound (port in use, address not local)
     */
    public static SignatureServer start(ServeConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * Binds and starts serving, over TLS when {@code tls} is given (the JDK's {@code HttpsServer};
     * the contract, faults and answers are the same).
     *
     * @param tls the server's certificate and key ({@link ServerTls#selfSigned}), or {@code null} for plain HTTP
     * @throws IOException when the address cannot be bound
     */
    public static SignatureServer start(ServeConfig config, ServerTls tls) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(config.bind(), 1024);
        } else {
            HttpsServer https = HttpsServer.create(config.bind(), 1024);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
            server = https;
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        SignatureHandler handler = new SignatureHandler(config);
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new SignatureServer(server, executor, handler);
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        return uri;
    }

    /** Requests received since start. */
    public long requests() {
        return handler.requests();
    }

    /** Answers sent since start, by HTTP status, sorted. */
    public Map<Integer, Long> statuses() {
        return handler.statuses();
    }

    /** Stops listening, then interrupts exchanges still held by a stall or latency. Idempotent. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
