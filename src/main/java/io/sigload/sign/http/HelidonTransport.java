package io.sigload.sign.http;

import io.helidon.common.Version;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.sigload.sign.SignException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code http} signer's requests over Helidon WebClient 4 ({@code client: helidon}): its
 * blocking HTTP/1.1 client, made for virtual threads, with its own keep-alive connection cache
 * (not shared with other clients, sized for the run); redirects are not followed. The body is
 * read up to {@code maxBodyBytes}. Helidon has no bound on a whole call: {@code callTimeout} is
 * checked when the answer has been read (a late answer is a {@code READ_TIMEOUT}), so a body that
 * drips forever is bounded only by {@code readTimeout} per read.
 *
 * <p>Thread-safe: {@link WebClient} is.
 */
final class HelidonTransport implements HttpSigner.Transport {
    private final HttpSignerOptions options;
    private final WebClient client;
    private final Method method;

    HelidonTransport(HttpSignerOptions options, int maxConcurrency) {
        this.options = options;
        this.method = Method.create(options.method());
        this.client = WebClient.builder()
                .baseUri(options.url().toString())
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .followRedirects(false)
                .keepAlive(true)
                .shareConnectionCache(false)
                .connectionCacheSize(Math.max(1, maxConcurrency))
                .build();
    }

    @Override
    public String attempt(byte[] body) throws SignException {
        HttpClientRequest req = client.method(method).header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        for (Map.Entry<String, String> e : options.headers().entrySet()) {
            req.header(HeaderNames.create(e.getKey()), e.getValue());
        }
        boolean started = false;
        long start = System.nanoTime();
        try (HttpClientResponse r = req.submit(body)) {
            started = true;
            int code = r.status().code();
            long length = r.headers().contentLength().orElse(-1L);
            long limit = code >= 300 ? ResponseReader.ERROR_BODY_BYTES : options.maxBodyBytes();
            ResponseReader.Bounded b;
            if (length > limit) {
                b = new ResponseReader.Bounded(new byte[0], true);
            } else {
                try (InputStream in = r.inputStream()) {
                    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                    b = bytes.length > limit ? new ResponseReader.Bounded(Arrays.copyOf(bytes, (int) limit), true)
                            : new ResponseReader.Bounded(bytes, false);
                }
            }
            if (System.nanoTime() - start >= options.callTimeout().toNanos()) {
                throw Failures.classify(new SocketTimeoutException("timeout"), true, true, options);
            }
            return ResponseReader.token(code, r.headers().first(HeaderNames.CONTENT_TYPE).orElse(null),
                    r.headers().first(HeaderNames.LOCATION).orElse(null), b, length, options);
        } catch (UncheckedIOException e) {
            if (System.nanoTime() - start >= options.callTimeout().toNanos()) {
                throw Failures.classify(e.getCause(), started, true, options);
            }
            throw Failures.classify(e.getCause(), started, System.nanoTime() - start >= options.callTimeout().toNanos(),
                    options);
        } catch (IOException e) {
            throw Failures.classify(e, started, false, options);
        } catch (RuntimeException e) {
            throw Failures.classify(new IOException(e.getMessage(), e), started, false, options);
        }
    }

    @Override
    public String describe() {
        return "Helidon WebClient " + Version.VERSION;
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
