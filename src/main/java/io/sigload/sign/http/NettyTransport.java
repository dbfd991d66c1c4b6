package io.sigload.sign.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Version;
import io.sigload.sign.SignException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjLongConsumer;
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
 * <p>Thread-safe: channels are used by one request at a time; the idle stack is concurrent.
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

    NettyTransport(HttpSignerOptions options, int maxConcurrency, TlsSettings tls, boolean perParticipant) {
        this.options = options;
        HttpUrl url = options.url();
        this.tls = url.isHttps() ? tls : null;
        this.perParticipant = perParticipant;
        try {
            this.ssl = this.tls == null ? null : SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(this.tls.trustManager()).build();
        } catch (javax.net.ssl.SSLException e) {
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
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(maxBody),
                                new ResponseHandler());
                    }
                });
        preload();
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
                    + "Content-Length: 2\r\n\r\n{}", java.nio.charset.StandardCharsets.US_ASCII));
        } finally {
            ch.finishAndReleaseAll();
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
            throw Failures.classify(new java.net.SocketTimeoutException("timeout"), started, true, options);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof TooLongFrameException) {
                throw new SignException(Failures.BODY_TOO_LARGE, "the response body is over maxBodyBytes "
                        + options.maxBodyBytes() + "; refused without reading the rest");
            }
            throw Failures.classify(c instanceof IOException io ? io : new IOException(c), started, false, options);
        } catch (IOException e) {
            throw Failures.classify(e, false, false, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignException(Failures.TRANSPORT_ERROR, "interrupted while waiting for " + options.url().redact());
        } finally {
            if (ch != null) {
                ch.close(); // failed or timed out: never reused
            }
        }
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
                if (c instanceof javax.net.ssl.SSLHandshakeException && String.valueOf(c.getMessage()).contains("timed out")) {
                    throw new javax.net.ssl.SSLHandshakeException("no TLS answer within connectTimeout "
                            + io.sigload.clock.Durations.format(options.connectTimeout())
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
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, perParticipant ? HttpHeaderValues.CLOSE : HttpHeaderValues.KEEP_ALIVE);
        for (Map.Entry<String, String> e : options.headers().entrySet()) {
            r.headers().set(e.getKey(), e.getValue());
        }
        return r;
    }

    @Override
    public String describe() {
        Version v = Version.identify().get("netty-codec-http");
        return "Netty " + (v == null ? "4.2" : v.artifactVersion()) + (epoll ? " (epoll)" : " (nio)")
                + (tls == null ? "" : ", " + tls.describe())
                + (perParticipant ? ", a new connection per participant" + (spreadSources
                        ? " (source addresses spread over 127.1.0.1-127.127.255.254)" : "") : "");
    }

    @Override
    public void close() {
        for (Channel c; (c = idle.poll()) != null; ) {
            c.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
