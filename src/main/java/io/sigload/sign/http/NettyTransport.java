package io.sigload.sign.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.Version;
import io.sigload.clock.Durations;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjLongConsumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import okhttp3.HttpUrl;

/**
 * The {@code http} signer's requests over Netty 4.2 ({@code client: netty}): HTTP/1.1 by Netty's
 * {@link HttpClientCodec} and {@link HttpObjectAggregator} (bounded by {@code maxBodyBytes}), on
 * the native epoll transport when it loads (NIO otherwise), on one event-loop thread. Keep-alive
 * connections are reused from an idle stack (the most recently used first, so a run at 64 in
 * flight keeps 64 warm connections); a connection that closes, fails or times out is dropped.
 * The caller (a participant's virtual thread) writes the request and waits for the response
 * future, bounded by {@code callTimeout}.
 *
 * <p>HTTP/2 ({@code protocol: h2} over TLS, ALPN offering {@code h2} and {@code http/1.1};
 * {@code h2c} in plain text with prior knowledge) is Netty's own codec: {@link
 * io.netty.handler.codec.http2.Http2FrameCodec} and {@link Http2MultiplexHandler} on each
 * connection, one {@link Http2StreamChannel} per request, converted by
 * {@link Http2StreamFrameToHttpObjectCodec} so a stream's answer is read exactly like an HTTP/1.1
 * one. Pooled, requests share as few connections as the server's
 * {@code SETTINGS_MAX_CONCURRENT_STREAMS} allows (one, for 64 in flight against {@code sigload
 * serve --http2}, as hey's Go client does); per participant, each gets its own connection with one
 * stream. A connection is used once the server's first SETTINGS frame has come (RFC 9113 §3.4);
 * ALPN choosing anything but {@code h2}, an HTTP/1.x answer to the preface, a close or no SETTINGS
 * within {@code connectTimeout} is {@link Failures#HTTP2_NOT_SUPPORTED}.
 *
 * <p>Thread-safe: HTTP/1.1 channels are used by one request at a time; the idle stack and the
 * HTTP/2 connection list are concurrent, and a stream's counters are atomic.
 */
final class NettyTransport implements HttpSigner.Transport {
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final HttpSignerOptions options;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final InetSocketAddress address;
    private final String hostHeader;
    private final String target;
    private final HttpMethod method;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final boolean epoll;
    private final SslContext ssl;
    private final TlsSettings tls;
    private final boolean perParticipant;
    /** Source addresses for fresh loopback connections (per-participant), so ports do not run out. */
    private final boolean spreadSources;
    private final AtomicInteger nextSource = new AtomicInteger();
    private volatile ObjLongConsumer<String> phases = (phase, nanos) -> { };
    private final HttpProtocol protocol;
    /** HTTP/2 (pooled): the open connections, each multiplexing up to its server's stream limit. */
    private final CopyOnWriteArrayList<H2Connection> h2 = new CopyOnWriteArrayList<>();
    /** One HTTP/2 connection is opened at a time, so a burst does not open one per participant. */
    private final ReentrantLock opening = new ReentrantLock();
    private final ChannelHandler h2Streams;

    NettyTransport(HttpSignerOptions options, int maxConcurrency, TlsSettings tls, boolean perParticipant) {
        this(options, maxConcurrency, tls, perParticipant, HttpProtocol.HTTP1);
    }

    NettyTransport(HttpSignerOptions options, int maxConcurrency, TlsSettings tls, boolean perParticipant,
            HttpProtocol protocol) {
        this.options = options;
        this.protocol = protocol;
        HttpUrl url = options.url();
        this.tls = url.isHttps() ? tls : null;
        this.perParticipant = perParticipant;
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (protocol == HttpProtocol.H2) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            this.ssl = this.tls == null ? null : b.trustManager(this.tls.trustManager()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
        this.epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Integer.getInteger("sigload.netty.threads", 1), io);
        this.address = new InetSocketAddress(url.host(), url.port());
        this.spreadSources = perParticipant && address.getAddress() != null
                && address.getAddress().isLoopbackAddress() && address.getAddress().getAddress().length == 4;
        this.hostHeader = url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port());
        this.target = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
        this.method = HttpMethod.valueOf(options.method());
        int maxBody = (int) Math.min(Integer.MAX_VALUE, options.maxBodyBytes());
        this.h2Streams = new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new HttpObjectAggregator(maxBody),
                        new ResponseHandler());
            }
        };
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            SslHandler h = ssl.newHandler(ch.alloc(), url.host(), url.port());
                            h.setHandshakeTimeoutMillis(options.connectTimeout().toMillis());
                            if (!NettyTransport.this.tls.insecure()) {
                                SSLParameters p = h.engine().getSSLParameters();
                                p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 hostname check
                                h.engine().setSSLParameters(p);
                            }
                            ch.pipeline().addLast(h);
                        }
                        switch (NettyTransport.this.protocol) {
                            case HTTP1 -> ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBody),
                                    new ResponseHandler());
                            case H2C -> h2Handlers(ch.pipeline());
                            // after the handshake, once ALPN has chosen h2: Netty's negotiation handler holds back
                            // what the server sends meanwhile (its SETTINGS), so no frame passes an empty pipeline
                            case H2 -> {
                                H2Watcher w = new H2Watcher();
                                ch.attr(WATCHER).set(w);
                                ch.pipeline().addLast(new AlpnH2(w));
                            }
                        }
                    }
                });
        preload();
    }

    /** The connection's {@link H2Watcher}; an attribute, so it outlives the pipeline of a closed channel. */
    private static final AttributeKey<H2Watcher> WATCHER = AttributeKey.valueOf(NettyTransport.class, "h2watcher");

    /** HTTP/2 on a connection: Netty's frame codec (client; no server push), the stream multiplexer, the watcher. */
    private static void h2Handlers(ChannelPipeline p) {
        H2Watcher w = new H2Watcher();
        p.channel().attr(WATCHER).set(w);
        h2Handlers(p, w);
    }

    private static void h2Handlers(ChannelPipeline p, H2Watcher w) {
        p.addLast(Http2FrameCodecBuilder.forClient().initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                .build(), new Http2MultiplexHandler(NoInboundStreams.INSTANCE), w);
    }

    /**
     * Adds HTTP/2 once ALPN chose {@code h2}; anything else adds nothing ({@link #openH2} reports it
     * as {@link Failures#HTTP2_NOT_SUPPORTED} and closes). Handshake failures are the connect's own
     * categories, so they are not logged here.
     */
    private static final class AlpnH2 extends ApplicationProtocolNegotiationHandler {
        private final H2Watcher watcher;

        AlpnH2(H2Watcher watcher) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.watcher = watcher;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                h2Handlers(ctx.pipeline(), watcher);
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            watcher.settings.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** A client has no inbound streams (push is off): any the server starts anyway is closed. */
    @ChannelHandler.Sharable
    private static final class NoInboundStreams extends ChannelInboundHandlerAdapter {
        static final NoInboundStreams INSTANCE = new NoInboundStreams();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    /**
     * Follows an HTTP/2 connection: completes {@link #settings} with the server's first SETTINGS
     * frame (or fails it: an HTTP/1.x answer to the preface is a protocol error here, so is a
     * close), keeps the server's stream limit, and marks the connection as going away on GOAWAY.
     */
    private static final class H2Watcher extends ChannelInboundHandlerAdapter {
        final CompletableFuture<Http2Settings> settings = new CompletableFuture<>();
        volatile long maxStreams = Long.MAX_VALUE;
        volatile boolean goingAway;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2SettingsFrame f) {
                    Long max = f.settings().maxConcurrentStreams();
                    maxStreams = max == null ? Long.MAX_VALUE : max;
                    settings.complete(f.settings());
                } else if (msg instanceof Http2GoAwayFrame) {
                    goingAway = true;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            settings.completeExceptionally(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            goingAway = true;
            settings.completeExceptionally(new ClosedChannelException());
        }
    }

    /** One HTTP/2 connection and its streams in flight. */
    private record H2Connection(Channel channel, Http2StreamChannelBootstrap streams, H2Watcher watcher,
            AtomicInteger active) {
        /** Takes a stream slot if the connection is open and under its server's limit. */
        boolean take() {
            if (!channel.isActive() || watcher.goingAway) {
                return false;
            }
            if (active.incrementAndGet() <= watcher.maxStreams) {
                return true;
            }
            active.decrementAndGet();
            return false;
        }
    }

    /**
     * Loads and links the codec's classes now, off the record, by sending one request and one
     * response through an in-memory pipeline: in a fresh JVM on a busy machine that took longer
     * than a short callTimeout inside the first real request.
     */
    private void preload() {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1024),
                new ResponseHandler());
        try {
            ch.writeOutbound(request(new byte[] {'{', '}'}));
            ch.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}", StandardCharsets.US_ASCII));
        } finally {
            ch.finishAndReleaseAll();
        }
        if (protocol != HttpProtocol.HTTP1) {
            EmbeddedChannel h = new EmbeddedChannel();
            try {
                h2Handlers(h.pipeline()); // writes the preface into memory: the codec's classes are loaded
                h.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0})); // an empty SETTINGS
            } finally {
                h.finishAndReleaseAll();
            }
        }
    }

    /** Completes the request's future with what came back; one request at a time per channel. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        volatile CompletableFuture<Answer> pending;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            CompletableFuture<Answer> f = pending;
            pending = null;
            if (f != null) {
                f.complete(new Answer(r.status().code(), r.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        r.headers().get(HttpHeaderNames.LOCATION), ByteBufUtil.getBytes(r.content()),
                        HttpUtil.getContentLength(r, -1L), HttpUtil.isKeepAlive(r)));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(new ClosedChannelException());
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame r) {
                fail(new IOException("the server reset the HTTP/2 stream (RST_STREAM error code " + r.errorCode() + ")"));
            }
            ReferenceCountUtil.release(evt);
        }

        private void fail(Throwable cause) {
            CompletableFuture<Answer> f = pending;
            pending = null;
            if (f != null) {
                f.completeExceptionally(cause);
            }
        }
    }

    /** A response, copied off the event loop's buffers. */
    private record Answer(int code, String contentType, String location, byte[] body, long contentLength,
            boolean keepAlive) {
    }

    @Override
    public String attempt(byte[] body) throws SignException {
        if (protocol != HttpProtocol.HTTP1) {
            return attemptH2(body);
        }
        long start = System.nanoTime();
        long timeout = options.callTimeout().toNanos();
        boolean started = false;
        Channel ch = null;
        try {
            ch = channel();
            ResponseHandler h = ch.pipeline().get(ResponseHandler.class);
            CompletableFuture<Answer> f = new CompletableFuture<>();
            h.pending = f;
            ch.writeAndFlush(request(body)).addListener(w -> {
                if (!w.isSuccess()) {
                    f.completeExceptionally(w.cause());
                }
            });
            long left = timeout - (System.nanoTime() - start);
            Answer a = f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            started = true;
            if (a.keepAlive() && !perParticipant) {
                idle.push(ch);
            } else {
                ch.close();
            }
            ch = null;
            return ResponseReader.token(a.code(), a.contentType(), a.location(),
                    new ResponseReader.Bounded(a.body(), false), a.contentLength(), options);
        } catch (TimeoutException e) {
            throw Failures.classify(new SocketTimeoutException("timeout"), started, true, options);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), started);
        } catch (IOException e) {
            throw Failures.classify(e, false, false, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignException(FailureCategory.TRANSPORT_ERROR, "interrupted while waiting for " + options.url().redact());
        } finally {
            if (ch != null) {
                ch.close(); // failed or timed out: never reused
            }
        }
    }

    /** What a request's future failed with, as a category. */
    private SignException failure(Throwable c, boolean started) {
        if (c instanceof TooLongFrameException) {
            return new SignException(FailureCategory.BODY_TOO_LARGE, "the response body is over maxBodyBytes "
                    + options.maxBodyBytes() + "; refused without reading the rest");
        }
        return Failures.classify(c instanceof IOException io ? io : new IOException(c), started, false, options);
    }

    /** One request on its own HTTP/2 stream, of a pooled connection or (per participant) a new one. */
    private String attemptH2(byte[] body) throws SignException {
        long start = System.nanoTime();
        long timeout = options.callTimeout().toNanos();
        H2Connection c = null;
        AtomicReference<Http2StreamChannel> stream = new AtomicReference<>();
        boolean done = false;
        try {
            c = perParticipant ? openH2() : h2Connection();
            CompletableFuture<Answer> f = new CompletableFuture<>();
            FullHttpRequest req = request(body);
            c.streams().open().addListener((io.netty.util.concurrent.Future<Http2StreamChannel> o) -> {
                if (!o.isSuccess()) {
                    req.release();
                    f.completeExceptionally(o.cause());
                    return;
                }
                Http2StreamChannel s = o.getNow();
                stream.set(s);
                s.pipeline().get(ResponseHandler.class).pending = f;
                s.writeAndFlush(req).addListener(w -> {
                    if (!w.isSuccess()) {
                        f.completeExceptionally(w.cause());
                    }
                });
            });
            long left = timeout - (System.nanoTime() - start);
            Answer a = f.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            done = true;
            return ResponseReader.token(a.code(), a.contentType(), a.location(),
                    new ResponseReader.Bounded(a.body(), false), a.contentLength(), options);
        } catch (TimeoutException e) {
            throw Failures.classify(new SocketTimeoutException("timeout"), stream.get() != null, true, options);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), false);
        } catch (IOException e) {
            throw Failures.classify(e, false, false, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignException(FailureCategory.TRANSPORT_ERROR, "interrupted while waiting for " + options.url().redact());
        } finally {
            Http2StreamChannel s = stream.get();
            if (!done && s != null) {
                s.close(); // timed out or failed: RST_STREAM (CANCEL)
            }
            if (c != null && perParticipant) {
                c.channel().close();
            } else if (c != null) {
                c.active().decrementAndGet();
            }
        }
    }

    /** A pooled HTTP/2 connection with a free stream slot, opening one when none has. */
    private H2Connection h2Connection() throws IOException, InterruptedException, SignException {
        for (H2Connection c : h2) {
            if (c.take()) {
                return c;
            }
        }
        opening.lockInterruptibly();
        try {
            for (H2Connection c : h2) { // another participant may have opened one meanwhile
                if (c.take()) {
                    return c;
                }
            }
            h2.removeIf(c -> !c.channel().isActive() || c.watcher().goingAway);
            H2Connection c = openH2();
            c.take();
            h2.add(c);
            return c;
        } finally {
            opening.unlock();
        }
    }

    /**
     * A new HTTP/2 connection, ready for streams: TCP (and TLS, ALPN must choose {@code h2}), then
     * the preface, then the server's SETTINGS within {@code connectTimeout}.
     *
     * @throws SignException {@link Failures#HTTP2_NOT_SUPPORTED} when the server does not speak HTTP/2
     */
    private H2Connection openH2() throws IOException, InterruptedException, SignException {
        Channel ch = connect();
        boolean ok = false;
        try {
            if (ssl != null) {
                SslHandler sh = ch.pipeline().get(SslHandler.class);
                if (sh == null) { // closed meanwhile: the pipeline is empty
                    throw http2NotSupported("the server closed the connection right after the TLS handshake");
                }
                String chosen = sh.applicationProtocol();
                if (!ApplicationProtocolNames.HTTP_2.equals(chosen)) {
                    throw http2NotSupported(chosen == null
                            ? "the TLS handshake chose no protocol by ALPN (RFC 7301): the server does not offer h2"
                            : "the TLS handshake chose " + chosen + " by ALPN, not h2: the server speaks HTTP/1.1 only"
                            + " on this port");
                }
            }
            H2Watcher w = ch.attr(WATCHER).get();
            try {
                w.settings.get(options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw http2NotSupported("no HTTP/2 SETTINGS frame within connectTimeout "
                        + Durations.format(options.connectTimeout()) + " (a server that speaks HTTP/1.1"
                        + " only waits for the rest of a request line; or the server is overloaded)");
            } catch (ExecutionException e) {
                throw http2NotSupported(prefaceAnswer(e.getCause()));
            }
            ok = true;
            return new H2Connection(ch, new Http2StreamChannelBootstrap(ch).handler(h2Streams), w, new AtomicInteger());
        } finally {
            if (!ok) {
                ch.close();
            }
        }
    }

    /** What the server did instead of starting HTTP/2, for the failure's message. */
    private static String prefaceAnswer(Throwable cause) {
        String m = String.valueOf(cause.getMessage());
        if (cause instanceof ClosedChannelException) {
            return "the server closed the connection without an HTTP/2 SETTINGS frame";
        }
        int hex = m.indexOf("Hex dump for first 5 bytes: ");
        if (hex >= 0 && m.startsWith("485454502f", hex + 28)) { // "HTTP/"
            return "the server answered the HTTP/2 connection preface in HTTP/1.x: it speaks HTTP/1.1 only on this port";
        }
        return "the server's answer to the HTTP/2 connection preface is not HTTP/2: " + m;
    }

    private SignException http2NotSupported(String what) {
        return new SignException(FailureCategory.HTTP2_NOT_SUPPORTED, "asked for HTTP/2 (protocol: " + protocol.wireName() + ") but "
                + what + "; " + options.url().redact() + " (use protocol: http1, or enable HTTP/2 on the server)");
    }

    /**
     * An idle keep-alive connection, or a new one (always new with {@code connections:
     * per-participant}); a new one's TCP connect and TLS handshake go to the {@code connect} and
     * {@code tls} phases.
     */
    private Channel channel() throws IOException, InterruptedException {
        if (!perParticipant) {
            for (Channel c; (c = idle.poll()) != null; ) {
                if (c.isActive()) {
                    return c;
                }
            }
        }
        return connect();
    }

    /** A new connection, TCP connect and TLS handshake done ({@code connect} and {@code tls} phases). */
    private Channel connect() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        ChannelFuture cf = spreadSources ? bootstrap.connect(address, source()) : bootstrap.connect(address);
        cf.await();
        long t1 = System.nanoTime();
        if (!cf.isSuccess()) {
            throw io(cf.cause());
        }
        phases.accept("connect", t1 - t0);
        SslHandler h = cf.channel().pipeline().get(SslHandler.class);
        if (h != null) {
            io.netty.util.concurrent.Future<Channel> hs = h.handshakeFuture();
            hs.await(); // bounded: the handler's handshake timeout is connectTimeout
            if (!hs.isSuccess()) {
                cf.channel().close();
                Throwable c = hs.cause();
                if (c instanceof SSLHandshakeException && String.valueOf(c.getMessage()).contains("timed out")) {
                    throw new SSLHandshakeException("no TLS answer within connectTimeout "
                            + Durations.format(options.connectTimeout())
                            + " (a slow or overloaded server, or a plain-HTTP port waiting for a request line)");
                }
                throw io(c);
            }
            phases.accept("tls", System.nanoTime() - t1);
        }
        return cf.channel();
    }

    private static IOException io(Throwable t) {
        return t instanceof IOException io ? io : new IOException(t);
    }

    /**
     * The next source address in 127.1.0.1 .. 127.127.255.254: each loopback source address has
     * its own ephemeral ports, so tens of thousands of fresh connections (each leaving a socket in
     * TIME_WAIT) do not exhaust them.
     */
    private InetSocketAddress source() {
        int i = nextSource.getAndIncrement() & 0x7fffff;
        int b = 1 + (i >>> 16) % 127;
        int c = (i >>> 8) & 0xff;
        int d = 1 + (i & 0xff) % 254;
        return new InetSocketAddress("127." + b + "." + c + "." + d, 0);
    }

    @Override
    public void phases(ObjLongConsumer<String> sink) {
        phases = sink;
    }

    private FullHttpRequest request(byte[] body) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target,
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (protocol == HttpProtocol.HTTP1) { // HTTP/2 has no connection headers (RFC 9113 §8.2.2)
            r.headers().set(HttpHeaderNames.CONNECTION, perParticipant ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        }
        for (Map.Entry<String, String> e : options.headers().entrySet()) {
            r.headers().set(e.getKey(), e.getValue());
        }
        return r;
    }

    @Override
    public String describe() {
        Version v = Version.identify().get("netty-codec-http");
        return "Netty " + (v == null ? "4.2" : v.artifactVersion()) + (epoll ? " (epoll)" : " (nio)")
                + switch (protocol) {
                    case HTTP1 -> "";
                    case H2 -> ", HTTP/2 (h2 by ALPN), one stream per request";
                    case H2C -> ", HTTP/2 in plain text (h2c, prior knowledge), one stream per request";
                }
                + (tls == null ? "" : ", " + tls.describe())
                + (perParticipant ? ", a new connection per participant" + (spreadSources
                        ? " (source addresses spread over 127.1.0.1-127.127.255.254)" : "") : "");
    }

    @Override
    public void close() {
        for (Channel c; (c = idle.poll()) != null; ) {
            c.close();
        }
        for (H2Connection c : h2) {
            c.channel().close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
