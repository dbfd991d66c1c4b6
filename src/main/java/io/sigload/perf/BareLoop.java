package io.sigload.perf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The bare loop a load run is compared with: what the JDK alone does to mint and check HS256
 * Meeting SDK tokens, with none of sigload (no plan, no clocks, no rules, no recording). Each of
 * {@code threads} platform threads takes its share of the tokens and, per token: builds Zoom's
 * sample claims JSON with a {@link StringBuilder} ({@code appKey sdkKey mn role iat exp tokenExp},
 * {@code iat} moving with the token), base64url-encodes it behind the constant header segment,
 * MACs that signing input with its own reused {@link Mac} (HMAC-SHA256, RFC 7518 §3.2), appends
 * the base64url MAC; then splits the token at its last dot, base64url-decodes the signature,
 * MACs the signing input again and compares the two in constant time. A token that does not
 * verify is counted (there should be none).
 *
 * <p>{@code docs/performance.md} and {@code scripts/compare-bare.sh} put a run's participants/s
 * beside this loop's tokens/s, measured in the same session with the sides alternating. The
 * time includes JIT warm-up, as a run's does.
 *
 * <p>Thread-safe: each call has its own threads and MACs.
 */
public final class BareLoop {
    /** The header java-jwt writes for Zoom's sample, as in the {@code fast} signer. */
    private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    private static final String SDK_KEY = "SIGLOAD_DEMO_SDK_KEY_NOT_REAL";
    private static final String MEETING = "85746065432";

    private BareLoop() {
    }

    /**
     * What one bare loop did.
     *
     * @param tokens tokens minted and checked
     * @param threads platform threads
     * @param elapsedNanos from releasing the threads to the last one finishing, ns
     * @param failed tokens whose MAC did not verify (0 unless something is broken)
     */
    public record Result(long tokens, int threads, long elapsedNanos, long failed) {
        /** Tokens per second. */
        public double tokensPerSecond() {
            return elapsedNanos <= 0 ? 0 : tokens / (elapsedNanos / 1e9);
        }
    }

    /**
     * Runs the loop.
     *
     * @param tokens how many tokens in all, {@code >= 0}
     * @param threads platform threads, {@code >= 1}
     * @param key the HMAC key (e.g. the demo secret's UTF-8 bytes)
     * @throws IllegalArgumentException for a negative count or fewer than one thread
     * @throws InterruptedException when interrupted while waiting for the threads
     */
    public static Result run(long tokens, int threads, byte[] key) throws InterruptedException {
        if (tokens < 0 || threads < 1) {
            throw new IllegalArgumentException("tokens must be >= 0 and threads >= 1, were " + tokens + ", " + threads);
        }
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String header = enc.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + ".";
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicLong failed = new AtomicLong();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long from = tokens * t / threads;
            long to = tokens * (t + 1) / threads;
            ts[t] = Thread.ofPlatform().name("bare-loop-" + t).unstarted(() -> {
                Mac mac = mac(key);
                Base64.Decoder dec = Base64.getUrlDecoder();
                ready.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    return;
                }
                long bad = 0;
                for (long i = from; i < to; i++) {
                    long iat = 1_767_225_600L + i / 1000;
                    String claims = new StringBuilder(160).append("{\"appKey\":\"").append(SDK_KEY)
                            .append("\",\"sdkKey\":\"").append(SDK_KEY).append("\",\"mn\":\"").append(MEETING)
                            .append("\",\"role\":").append(i & 1).append(",\"iat\":").append(iat)
                            .append(",\"exp\":").append(iat + 7200).append(",\"tokenExp\":").append(iat + 7200)
                            .append('}').toString();
                    String input = header + enc.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
                    String token = input + "." + enc.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
                    // Check it as a validator would: split, decode the signature, MAC again, compare.
                    int dot = token.lastIndexOf('.');
                    byte[] received = dec.decode(token.substring(dot + 1));
                    byte[] expected = mac.doFinal(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
                    if (!MessageDigest.isEqual(received, expected)) {
                        bad++;
                    }
                }
                failed.addAndGet(bad);
            });
        }
        for (Thread t : ts) {
            t.start();
        }
        ready.await();
        long start = System.nanoTime();
        gate.countDown();
        for (Thread t : ts) {
            t.join();
        }
        return new Result(tokens, threads, System.nanoTime() - start, failed.get());
    }

    private static Mac mac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this runtime has no HmacSHA256", e);
        }
    }
}
