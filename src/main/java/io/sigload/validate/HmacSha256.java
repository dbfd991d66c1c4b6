package io.sigload.validate;

import io.sigload.token.Secret;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HMAC-SHA256 (RFC 2104, RFC 7518 §3.2) for the validator's hot path: the key states of
 * {@link io.sigload.sign.fast.HmacSha256} (the same core the {@code fast} signer uses) are kept
 * per secret, so a verification costs the message's compressions only.
 *
 * <p>Thread-safe: cached key states are never updated, only cloned; the cache holds at most
 * {@value #MAX_CACHED} secrets and is cleared when full.
 */
final class HmacSha256 {
    private static final int MAX_CACHED = 64;
    private static final ConcurrentHashMap<Secret, io.sigload.sign.fast.HmacSha256> KEYS = new ConcurrentHashMap<>();

    private HmacSha256() {
    }

    /** The MAC of {@code input} keyed with the secret's UTF-8 bytes, using cached key states. */
    static byte[] mac(Secret secret, byte[] input) {
        io.sigload.sign.fast.HmacSha256 h = KEYS.get(secret);
        if (h == null) {
            if (KEYS.size() >= MAX_CACHED) {
                KEYS.clear();
            }
            h = KEYS.computeIfAbsent(secret, s -> new io.sigload.sign.fast.HmacSha256(s.bytes()));
        }
        return h.mac(input);
    }

    /** The MAC of {@code input} with raw key bytes (any length, even empty), without caching (for hints). */
    static byte[] mac(byte[] key, byte[] input) {
        return new io.sigload.sign.fast.HmacSha256(key).mac(input);
    }
}
