package io.sigload.hmac;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1): {@code H((K ^ opad) || H((K ^ ipad) || m))}, with the
 * work that does not depend on the message done once.
 *
 * <p>The inner hash starts with the 64-byte block {@code K ^ ipad} and the outer one with
 * {@code K ^ opad}; both are absorbed into SHA-256 {@link MessageDigest}s once per key and
 * {@linkplain MessageDigest#clone() cloned} per MAC. {@link #withPrefix(byte[])} goes further for
 * messages that all start the same way (a signer's {@code base64url(header) "."} and the
 * base64url of its constant claims head): those bytes are absorbed into the inner state too, so
 * a 241-byte Meeting SDK signing input costs 3 SHA-256 compressions per token instead of the 7 a
 * reused {@code javax.crypto.Mac} spends (docs/performance.md has the measurements). Keys longer
 * than 64 bytes are hashed first (RFC 2104 §2), as {@code javax.crypto.Mac} does, so results
 * equal {@code Mac.getInstance("HmacSHA256")} for every key, even an empty one.
 *
 * <p>Thread-safe: the cached states are never updated after construction; each call works on its
 * own clones (about 450 bytes of garbage per MAC, no locks, no thread-locals).
 */
public final class HmacSha256 {
    /** MAC length in bytes. */
    public static final int MAC_LENGTH = 32;
    private static final int BLOCK = 64;

    /** {@code K ^ ipad} and the prefix absorbed. */
    private final MessageDigest inner;
    /** {@code K ^ opad} absorbed. */
    private final MessageDigest outer;
    private final int prefixLength;

    /**
     * Precomputes the key states.
     *
     * @param key the HMAC key (for Zoom: the secret string's UTF-8 bytes); any length, even empty
     * @throws IllegalStateException when the runtime has no SHA-256 or its digest cannot be cloned
     *     (the SUN provider's can, on every JDK since 1.4)
     */
    public HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK];
        byte[] opad = new byte[BLOCK];
        Arrays.fill(ipad, (byte) 0x36);
        Arrays.fill(opad, (byte) 0x5c);
        for (int i = 0; i < k.length; i++) {
            ipad[i] ^= k[i];
            opad[i] ^= k[i];
        }
        inner = sha256();
        inner.update(ipad);
        outer = sha256();
        outer.update(opad);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        prefixLength = 0;
        copy(inner);
    }

    private HmacSha256(MessageDigest inner, MessageDigest outer, int prefixLength) {
        this.inner = inner;
        this.outer = outer;
        this.prefixLength = prefixLength;
    }

    /**
     * The same key for messages that all begin with {@code prefix}: the returned instance's
     * {@link #mac(byte[], int, int, byte[], int)} computes the MAC of {@code prefix || input}, and
     * only the input's bytes are hashed per call.
     *
     * @param prefix the common start of every message (copied: later changes do not matter)
     */
    public HmacSha256 withPrefix(byte[] prefix) {
        MessageDigest in = copy(inner);
        in.update(prefix);
        return new HmacSha256(in, outer, prefixLength + prefix.length);
    }

    /** Bytes of the common message start absorbed by {@link #withPrefix(byte[])}; 0 for a plain key. */
    public int prefixLength() {
        return prefixLength;
    }

    /** The MAC of {@code prefix || input} (the prefix is empty unless {@link #withPrefix}): 32 bytes. */
    public byte[] mac(byte[] input) {
        byte[] out = new byte[MAC_LENGTH];
        mac(input, 0, input.length, out, 0);
        return out;
    }

    /**
     * Writes the MAC of {@code prefix || input[off, off + len)} into {@code out[outOff, outOff + 32)}
     * (the prefix is empty unless this instance came from {@link #withPrefix}). The output may
     * overlap the input only after {@code off + len}.
     *
     * @throws IndexOutOfBoundsException when a range is outside its array
     */
    public void mac(byte[] input, int off, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, input.length);
        Objects.checkFromIndexSize(outOff, MAC_LENGTH, out.length);
        MessageDigest in = copy(inner);
        in.update(input, off, len);
        MessageDigest ou = copy(outer);
        try {
            in.digest(out, outOff, MAC_LENGTH);
            ou.update(out, outOff, MAC_LENGTH);
            ou.digest(out, outOff, MAC_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 digest failed", e);
        }
    }

    private static MessageDigest copy(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this runtime's SHA-256 MessageDigest cannot be cloned ("
                    + md.getProvider().getName() + "); use the java-jwt signer", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this runtime has no SHA-256", e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "HmacSha256[" + inner.getProvider().getName() + " SHA-256, key states cached, prefix "
                + prefixLength + " bytes]";
    }
}
