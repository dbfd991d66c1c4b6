package io.sigload.hmac;

import io.sigload.token.Secret;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HMAC-SHA256 (RFC 2104, RFC 7518 §3.2) keyed by a {@link Secret}, with the key states of
 * {@link HmacSha256} kept per secret, so a verification costs the message's compressions only.
 * The validator's hot path.
 *
 * <p>Thread-safe: cached key states are never updated, only cloned; the cache holds at most
 * {@value #MAX_CACHED} secrets and is cleared when full.
 */
public final class HmacKeys {
    private static final int MAX_CACHED = 64;
    private static final ConcurrentHashMap<Secret, HmacSha256> KEYS = new ConcurrentHashMap<>();

    private HmacKeys() {
    }

    /**
     * The MAC of {@code input} keyed with the secret's UTF-8 bytes, using cached key states.
     *
     * @return 32 bytes
     */
    public static byte[] mac(Secret secret, byte[] input) {
        return forSecret(secret).mac(input);
    }

    /**
     * The cached key states for a secret (created on first use): for callers that write the MAC
     * into their own buffer with {@link HmacSha256#mac(byte[], int, int, byte[], int)}.
     */
    public static HmacSha256 forSecret(Secret secret) {
        HmacSha256 h = KEYS.get(secret);
        if (h == null) {
            if (KEYS.size() >= MAX_CACHED) {
                KEYS.clear();
            }
            h = KEYS.computeIfAbsent(secret, s -> new HmacSha256(s.bytes()));
        }
        return h;
    }

    /**
     * The MAC of {@code input} with raw key bytes (any length, even empty), without caching (for
     * hints that try other keys).
     *
     * @return 32 bytes
     */
    public static byte[] mac(byte[] key, byte[] input) {
        return new HmacSha256(key).mac(input);
    }
}
