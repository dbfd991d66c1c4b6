package io.sigload.validate;

import io.sigload.token.Secret;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104, RFC 7518 §3.2) for the hot path: one initialised {@link Mac} per secret
 * is kept as a prototype and cloned per call, which skips key setup (about half the cost of
 * {@code Mac.getInstance} + {@code init}, FIELD-NOTES "Measured here").
 *
 * <p>Thread-safe: prototypes are never updated, only cloned; the cache holds at most
 * {@value #MAX_CACHED} secrets and is cleared when full.
 */
final class HmacSha256 {
    private static final int MAX_CACHED = 64;
    private static final ConcurrentHashMap<Secret, Mac> PROTOTYPES = new ConcurrentHashMap<>();

    private HmacSha256() {
    }

    /** The MAC of {@code input} keyed with the secret's UTF-8 bytes, using a cached prototype. */
    static byte[] mac(Secret secret, byte[] input) {
        Mac proto = PROTOTYPES.get(secret);
        if (proto == null) {
            if (PROTOTYPES.size() >= MAX_CACHED) {
                PROTOTYPES.clear();
            }
            proto = PROTOTYPES.computeIfAbsent(secret, s -> init(s.bytes()));
        }
        try {
            return ((Mac) proto.clone()).doFinal(input);
        } catch (CloneNotSupportedException e) {
            return mac(secret.bytes(), input);
        }
    }

    /** The MAC of {@code input} with raw key bytes, without caching (for hints). */
    static byte[] mac(byte[] key, byte[] input) {
        return init(key).doFinal(input);
    }

    private static Mac init(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            // An empty key is legal for HMAC but SecretKeySpec refuses it: pad with one zero byte,
            // which HMAC treats the same (keys are zero-padded to the block size, RFC 2104 §2).
            m.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
