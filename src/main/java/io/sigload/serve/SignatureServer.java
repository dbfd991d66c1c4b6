package io.sigload.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running reference signature endpoint ({@code sigload serve}) answering {@code POST /} like
 * Zoom's sample (github.com/zoom/meetingsdk-auth-endpoint-sample), with optional injected faults.
 * This class is the transport only; the contract, the minting and the faults are
 * {@link SignatureHandler}'s.
 *
 * <pre>{@code
 * try (SignatureServer s = SignatureServer.start(ServeConfig.loopback("key", Secret.demo()))) {
 *     URI endpoint = s.uri(); // http://127.0.0.1:PORT/
 * }
 * }</pre>
 *
 * <p>The transport is Netty's server side (the library of the http signer's default client), on
 * epoll when it loads (NIO otherwise), one event-loop thread per core
 * ({@code -Dsigload.serve.threads=N} to choose): HTTP/1.1 with keep-alive (RFC 9112), over TLS
 * with {@link ServerTls} (RFC 8446), and with {@code http2} also HTTP/2 (RFC 9113): over TLS
 * chosen by ALPN ({@code h2}, or {@code http/1.1} for a client that asks for it, RFC 7301), in
 * plain text {@code h2c} by prior knowledge (RFC 9113 §3.3) or by the HTTP/1.1 {@code Upgrade:
 * h2c} of RFC 7540 §3.2, beside plain HTTP/1.1. A client may open up to
 * {@value #MAX_CONCURRENT_STREAMS} streams at once on one HTTP/2 connection. A request is
 * answered on the event loop, unless a fault may make it wait ({@link SignatureHandler#blocks()}):
 * then each request gets a virtual thread of its own, as the JDK server gave every exchange.
 *
 * <p>Thread-safe.
 */
public final class SignatureServer implements AutoCloseable {
    /** Streams one HTTP/2 connection may have open at once ({@code SETTINGS_MAX_CONCURRENT_STREAMS}). */
    public static final int MAX_CONCURRENT_STREAMS = 1024;

    private static final ChannelHandler QUIET = new Quiet();

    private final SignatureHandler handler;
    private final boolean blocking;
    private final boolean http2;
    private final SslContext ssl;
    private final EventLoopGroup group;
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel listener;
    private URI uri;

    private SignatureServer(ServeConfig config, ServerTls tls, boolean http2) {
        this.handler = new SignatureHandler(config);
        this.blocking = handler.blocks();
        this.http2 = http2;
        this.ssl = tls == null ? null : new JdkSslContext(tls.context(), false, null, IdentityCipherSuiteFilter.INSTANCE,
                http2 ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                        : ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, null, false);
        IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Integer.getInteger("sigload.serve.threads",
                Math.max(1, Runtime.getRuntime().availableProcessors())), io);
    }

    /**
     * Binds and starts serving plain HTTP/1.1.
     *
     * @param config address (port 0 picks a free port), credentials, clock and faults
     * @return the running server; close it to stop
     * @throws IOException when the address cannot be bound (port in use, address not local)
     */
    public static SignatureServer start(ServeConfig config) throws IOException {
        return start(config, null, false);
    }

    /**
     * Binds and starts serving, over TLS when {@code tls} is given (HTTP/1.1).
     *
     * @param tls the server's certificate and key ({@link ServerTls#selfSigned}), or {@code null} for plain HTTP
     * @throws IOException when the address cannot be bound
     */
    public static SignatureServer start(ServeConfig config, ServerTls tls) throws IOException {
        return start(config, tls, false);
    }

    /**
     * Binds and starts serving; the contract, faults and answers are the same on every protocol.
     *
     * @param tls the server's certificate and key, or {@code null} for plain text
     * @param http2 also HTTP/2: {@code h2} by ALPN with {@code tls}, {@code h2c} without
     * @throws IOException when the address cannot be bound
     */
    public static SignatureServer start(ServeConfig config, ServerTls tls, boolean http2) throws IOException {
        SignatureServer s = new SignatureServer(config, tls, http2);
        s.bind(config.bind());
        return s;
    }

    private void bind(InetSocketAddress address) throws IOException {
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connection(ch);
                    }
                });
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            executor.shutdownNow();
            Throwable c = f.cause();
            throw c instanceof IOException io ? io : new IOException(String.valueOf(c.getMessage()), c);
        }
        listener = f.channel();
        InetSocketAddress a = (InetSocketAddress) listener.localAddress();
        String host = a.getAddress() instanceof Inet6Address ? "[" + a.getAddress().getHostAddress() + "]"
                : a.getAddress().getHostAddress();
        uri = URI.create((ssl != null ? "https://" : "http://") + host + ":" + a.getPort() + "/");
    }

    /** A new connection's pipeline: TLS, then the protocol; protocol handlers go before {@code quiet}. */
    private void connection(SocketChannel ch) {
        connections.add(ch);
        ChannelPipeline p = ch.pipeline();
        p.addLast("quiet", QUIET);
        if (ssl != null) {
            p.addBefore("quiet", "tls", ssl.newHandler(ch.alloc()));
            if (http2) {
                p.addBefore("quiet", "alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
                    @Override
                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                            http2(ctx.pipeline());
                        } else {
                            http1(ctx.pipeline());
                        }
                    }

                    @Override
                    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close(); // the client saw the alert; nothing to log
                    }
                });
            } else {
                http1(p);
            }
        } else if (http2) {
            cleartext(p);
        } else {
            http1(p);
        }
    }

    private void http1(ChannelPipeline p) {
        p.addBefore("quiet", "http1", new HttpServerCodec());
        p.addBefore("quiet", "aggregate", new Aggregator());
        p.addBefore("quiet", "request", new RequestHandler(false));
    }

    private void http2(ChannelPipeline p) {
        p.addBefore("quiet", "h2", frameCodec());
        p.addBefore("quiet", "streams", new Http2MultiplexHandler(streams()));
    }

    /** h2c beside HTTP/1.1: prior knowledge (the connection preface first) or an HTTP/1.1 Upgrade. */
    private void cleartext(ChannelPipeline p) {
        HttpServerCodec source = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(source,
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(frameCodec(), new Http2MultiplexHandler(streams())) : null,
                SignatureHandler.MAX_REQUEST_BYTES);
        p.addBefore("quiet", "h2c", new CleartextHttp2ServerUpgradeHandler(source, upgrade, new PriorKnowledge()));
        p.addBefore("quiet", "aggregate", new Aggregator());
        p.addBefore("quiet", "request", new RequestHandler(false));
    }

    /** Put where the preface was seen: replaces itself with the HTTP/2 handlers, which then get the preface's bytes. */
    private final class PriorKnowledge extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.pipeline().addAfter(ctx.name(), "h2", frameCodec());
            ctx.pipeline().addAfter("h2", "streams", new Http2MultiplexHandler(streams()));
            ctx.pipeline().remove(this);
        }
    }

    private static Http2FrameCodec frameCodec() {
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(MAX_CONCURRENT_STREAMS))
                .build();
    }

    /** Each HTTP/2 stream as an HTTP/1-style request and answer, through the same aggregator and handler. */
    private ChannelHandler streams() {
        return new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new Aggregator(),
                        new RequestHandler(true), QUIET);
            }
        };
    }

    /** A request body over the limit: its head, handed on in place of the whole request (the rest is dropped). */
    private record Oversized(String method, String uri, boolean keepAlive) {
    }

    /** Collects a request's body up to {@link SignatureHandler#MAX_REQUEST_BYTES}; past it, hands on {@link Oversized}. */
    private static final class Aggregator extends HttpObjectAggregator {
        Aggregator() {
            super(SignatureHandler.MAX_REQUEST_BYTES);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            if (oversized instanceof HttpRequest r) {
                ctx.fireChannelRead(new Oversized(r.method().name(), r.uri(), HttpUtil.isKeepAlive(r)));
            } else {
                ctx.close();
            }
        }
    }

    /** Hands each request to {@link SignatureHandler}, on the event loop or a virtual thread of its own. */
    private final class RequestHandler extends ChannelInboundHandlerAdapter {
        private final boolean stream;

        RequestHandler(boolean stream) {
            this.stream = stream;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest r) {
                try {
                    if (r.decoderResult().isFailure()) {
                        NettyExchange ex = new NettyExchange(ctx, stream, r.method().name(), "/", null, false);
                        handler.malformed(ex, String.valueOf(r.decoderResult().cause().getMessage()));
                        return;
                    }
                    dispatch(ctx, new NettyExchange(ctx, stream, r.method().name(), path(r.uri()),
                            ByteBufUtil.getBytes(r.content()), HttpUtil.isKeepAlive(r)));
                } finally {
                    r.release();
                }
            } else if (msg instanceof Oversized o) {
                dispatch(ctx, new NettyExchange(ctx, stream, o.method(), path(o.uri()), null, o.keepAlive()));
            } else {
                ctx.fireChannelRead(msg); // HTTP/2 connection frames after an upgrade: the tail releases them
            }
        }

        private void dispatch(ChannelHandlerContext ctx, NettyExchange ex) {
            if (!blocking) {
                run(ex);
                return;
            }
            if (!stream) {
                ctx.channel().config().setAutoRead(false); // one request at a time per HTTP/1.1 connection
            }
            try {
                executor.execute(() -> run(ex));
            } catch (RejectedExecutionException e) {
                ctx.close(); // closing
            }
        }

        private void run(NettyExchange ex) {
            try {
                handler.handle(ex);
                if (!ex.sent) {
                    ex.ctx.close(); // interrupted inside a stall or latency: the server is closing
                }
            } catch (RuntimeException e) {
                if (!ex.sent) {
                    handler.failed(ex, e);
                }
            }
        }
    }

    /** The path of a request target (origin form, or absolute form from a proxy); the target itself if it has none. */
    private static String path(String target) {
        try {
            String p = URI.create(target).getRawPath();
            return p == null || p.isEmpty() ? target : p;
        } catch (IllegalArgumentException e) {
            return target;
        }
    }

    /** One request on a connection (HTTP/1.1) or a stream channel (HTTP/2). */
    private final class NettyExchange implements Exchange {
        final ChannelHandlerContext ctx;
        final boolean stream;
        final String method;
        final String path;
        final byte[] body;
        final boolean keepAlive;
        final HttpHeaders headers = new DefaultHttpHeaders();
        volatile boolean sent;

        NettyExchange(ChannelHandlerContext ctx, boolean stream, String method, String path, byte[] body, boolean keepAlive) {
            this.ctx = ctx;
            this.stream = stream;
            this.method = method;
            this.path = path;
            this.body = body;
            this.keepAlive = keepAlive;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public void header(String name, String value) {
            headers.set(name, value);
        }

        @Override
        public void send(int status, byte[] bytes) {
            sent = true;
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    bytes == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes), headers,
                    EmptyHttpHeaders.INSTANCE);
            if (bytes != null) {
                r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            }
            boolean close = !stream && !keepAlive;
            if (close) {
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            ChannelFuture f = ctx.writeAndFlush(r);
            if (close) {
                f.addListener(ChannelFutureListener.CLOSE);
            } else if (blocking && !stream) {
                f.addListener(w -> ctx.channel().config().setAutoRead(true));
            }
        }
    }

    /** Last in every pipeline: a connection or stream that fails (a reset, a bad TLS record) is closed, not logged. */
    @ChannelHandler.Sharable
    private static final class Quiet extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:41234/}. */
    public URI uri() {
        return uri;
    }

    /** What the endpoint speaks, for its start-up line: {@code HTTP/1.1}, {@code h2 and http/1.1 by ALPN}, ... */
    public String protocols() {
        if (!http2) {
            return "HTTP/1.1";
        }
        return ssl != null ? "h2 and http/1.1 by ALPN" : "HTTP/1.1 and h2c (prior knowledge or Upgrade: h2c)";
    }

    /** Requests received since start. */
    public long requests() {
        return handler.requests();
    }

    /** Answers sent since start, by HTTP status, sorted. */
    public Map<Integer, Long> statuses() {
        return handler.statuses();
    }

    /** Stops listening, interrupts exchanges still held by a stall or latency, closes every connection. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        executor.shutdownNow();
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
