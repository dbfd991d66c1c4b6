package io.sigload.report;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts, while the run goes on and without keeping the tokens, the participants handed a token
 * that an earlier participant asking for something else (another meeting, role or Video SDK
 * session) was handed too: a token cached and passed on ({@code TOKEN_REUSED}). Equal tokens for
 * equal requests are not counted: two participants of one meeting and role minting in the same
 * second get byte-identical Meeting SDK tokens (no claim differs), which is normal.
 *
 * <p>Each token becomes one {@code long} in a set of primitives: a 48-bit key of the token and a
 * 16-bit fingerprint of the first request it answered. Memory is about 16 bytes per token
 * (10.7 to 21.3 with the tables' load between 3/8 and 3/4): ~16 MB at 1,000,000 participants, and
 * at most ~90 MB below the sampling bound of {@link #UNSAMPLED_TOKENS} (4,194,304) tokens.
 *
 * <p>Errors, both documented bounds: two different tokens share a key with probability 2<sup>-48</sup>
 * per pair (about 0.002 false counts expected at 1,000,000 participants, 0.2 at 10,000,000, and
 * only when their requests differ); two different requests share a fingerprint with probability
 * 2<sup>-16</sup>, so a reuse between them is missed (a count too low, never too high). The key of
 * a token whose MAC verified comes from its last 16 characters and its length: about 94 bits of
 * HMAC-SHA256, which differ for any two signing inputs, so the rest of the token need not be read;
 * of any other token (a broken MAC can repeat across different tokens: a shared {@code Mac} hands
 * out the HMAC of nothing) from a 64-bit hash of every byte. Equal tokens always get the same key
 * (whether a MAC verifies depends only on the token and the run's secret).
 *
 * <p>Large runs are sampled by the token itself: with a sample shift {@code s > 0} only tokens
 * whose key has its low {@code s} key bits zero are kept ({@link #sampledFor}: about
 * {@link #UNSAMPLED_TOKENS} tokens whatever the run's size), and {@link #participants()} scales the
 * count found by {@code 2^s}. Equal tokens have equal keys, so every copy of a kept token is kept:
 * the count among kept tokens is exact, but the sample's unit is a distinct token, and tokens come
 * in clusters (every participant of one meeting and role minting in one second shares one; a
 * cached token is handed to thousands), so the scaled figure is an unbiased estimate whose error
 * grows with the largest cluster and can be far above {@code 2^s * sqrt(found)}. That is why the
 * bound is high: runs up to 4,194,304 participants are counted exactly. {@link #tokens()} is
 * always exact.
 *
 * <p>Which participant counts as the earlier one depends on the order the run records them; the
 * count is that of the later ones. Mutable accumulator; thread-safe: 64 stripes, each an
 * open-addressing table behind its own lock. Not mergeable across shards.
 */
public final class TokenReuse {
    private static final int STRIPES = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long KEY_MASK = 0xFFFF_FFFF_FFFF_0000L;
    /** Tokens kept without sampling; a larger run samples about this many. */
    public static final long UNSAMPLED_TOKENS = 1L << 22;
    private final Stripe[] stripes = new Stripe[STRIPES];
    private final LongAdder tokens = new LongAdder();
    private final int sampleShift;
    private final long sampleMask;

    /** Counts every token. */
    public TokenReuse() {
        this(0);
    }

    /**
     * Counts the tokens whose key falls in one {@code 2^sampleShift}-th of the key space.
     *
     * @param sampleShift {@code 0..16}; 0 keeps every token
     * @throws IllegalArgumentException outside that range
     */
    public TokenReuse(int sampleShift) {
        if (sampleShift < 0 || sampleShift > 16) {
            throw new IllegalArgumentException("sampleShift must be 0..16, was " + sampleShift);
        }
        this.sampleShift = sampleShift;
        this.sampleMask = ((1L << sampleShift) - 1) << 16;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /**
     * Adds one participant's token.
     *
     * @param token the token as sent, not {@code null}
     * @param macVerified whether the validator found the token's MAC correct (its tail is then a
     *     cryptographic hash of the rest, and a cheap key suffices)
     * @param requestKey what the participant asked for that a token encodes (meeting number, role,
     *     session), as any 64-bit fingerprint: equal requests, equal keys
     */
    public void add(String token, boolean macVerified, long requestKey) {
        tokens.increment();
        long key = macVerified ? tailKey(token) : bytesKey(token);
        if ((key & sampleMask) != 0) {
            return;
        }
        long fingerprint = mix(requestKey) & 0xFFFF;
        stripes[(int) (key >>> 58)].add((key & KEY_MASK) | fingerprint);
    }

    /**
     * A counter sized for a run of this many participants: every token up to
     * {@link #UNSAMPLED_TOKENS}, else a sample of about that many.
     */
    public static TokenReuse sampledFor(long participants) {
        int shift = 0;
        while (shift < 16 && participants >> shift > UNSAMPLED_TOKENS) {
            shift++;
        }
        return new TokenReuse(shift);
    }

    /**
     * Participants handed a token an earlier participant with another request was handed too:
     * exact when nothing is sampled, else the count among kept tokens times {@link #sampleFactor()}.
     */
    public long participants() {
        long n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.reused;
            }
        }
        return n << sampleShift;
    }

    /** Tokens added, every one counted (sampled or not): the denominator of {@link #participants()}. */
    public long tokens() {
        return tokens.sum();
    }

    /** 1 when every token is kept, else {@code 2^s}: one token in this many is kept. */
    public long sampleFactor() {
        return 1L << sampleShift;
    }

    static long tailKey(String t) {
        int n = t.length();
        long a = 0;
        long b = 0;
        int from = Math.max(0, n - 16);
        int mid = Math.min(n, from + 8);
        for (int i = from; i < mid; i++) {
            a = a << 8 | (t.charAt(i) & 0xff);
        }
        for (int i = mid; i < n; i++) {
            b = b << 8 | (t.charAt(i) & 0xff);
        }
        return mix(mix(a ^ (long) n << 40) ^ b);
    }

    static long bytesKey(String t) {
        byte[] bs = t.getBytes(StandardCharsets.UTF_8);
        long a = 0x9E3779B97F4A7C15L;
        long b = 0xC2B2AE3D27D4EB4FL;
        int n = bs.length;
        int i = 0;
        for (; i + 16 <= n; i += 16) {
            a = Long.rotateLeft(a ^ (long) LONGS.get(bs, i), 29) * 0xBF58476D1CE4E5B9L;
            b = Long.rotateLeft(b ^ (long) LONGS.get(bs, i + 8), 31) * 0x94D049BB133111EBL;
        }
        for (; i < n; i++) {
            a = (a ^ bs[i]) * 0x100000001B3L;
        }
        return mix(a ^ Long.rotateLeft(b, 32) ^ n);
    }

    /** Stafford's mix13 (the SplitMix64 finaliser). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * One open-addressing table (linear probing) of {@code key << 16 | fingerprint}; 0 is empty
     * (an entry that would be 0 is stored as 1: a fingerprint off by one, once in 2^64).
     */
    private static final class Stripe {
        long[] slots = new long[64];
        int used;
        long reused;

        synchronized void add(long entry) {
            long e = entry == 0 ? 1 : entry;
            long key = e & KEY_MASK;
            int mask = slots.length - 1;
            for (int i = slot(e, mask); ; i = (i + 1) & mask) {
                long s = slots[i];
                if (s == 0) {
                    slots[i] = e;
                    if (++used * 4 > slots.length * 3) {
                        grow();
                    }
                    return;
                }
                if ((s & KEY_MASK) == key) {
                    if (s != e) {
                        reused++;
                    }
                    return;
                }
            }
        }

        private static int slot(long e, int mask) {
            return (int) (e >>> 16) & mask;
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            int mask = slots.length - 1;
            for (long s : old) {
                if (s != 0) {
                    int i = slot(s, mask);
                    while (slots[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    slots[i] = s;
                }
            }
        }
    }
}
