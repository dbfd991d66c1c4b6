package io.sigload.sign.fast;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) with the inner and outer hash states computed once per key.
 *
 * <p>HMAC is {@code H((K ^ opad) || H((K ^ ipad) || m))}. The first 64-byte block of each hash
 * depends only on the key, so this class absorbs {@code K ^ ipad} and {@code K ^ opad} into two
 * SHA-256 {@link MessageDigest}s once and {@linkplain MessageDigest#clone() clones} them per MAC:
 * 2 of the 7 SHA-256 compressions of a typical 241-byte Meeting SDK signing input are saved
 * (FIELD-NOTES, "Measured here"). Keys longer than 64 bytes are hashed first (RFC 2104 §2), as
 * {@code javax.crypto.Mac} does, so the result equals {@code Mac.getInstance("HmacSHA256")} for
 * every key.
 *
 * <p>Thread-safe: the two key states are never updated after construction; each call works on
 * its own clones. Per call it allocates two digest clones and, for {@link #mac(byte[])}, the
 * 32-byte result.
 */
public final class HmacSha256 {
    /** MAC length in bytes. */
    public static final int MAC_LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;

    /**
     * Precomputes the key states.
     *
     * @param key the HMAC key (for Zoom: the secret string's UTF-8 bytes); any length, even empty
     * @throws IllegalStateException when the runtime has no SHA-256 or its digest cannot be cloned
     *     (the SUN provider's can, on every JDK since 1.4)
     */
    public HmacSha256(byte[] key) {
        MessageDigest base = sha256();
        byte[] k = key.length > BLOCK ? base.digest(key) : key;
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
        copy(inner);
    }

    /** The MAC of {@code input}: 32 bytes. */
    public byte[] mac(byte[] input) {
        byte[] out = new byte[MAC_LENGTH];
        mac(input, 0, input.length, out, 0);
        return out;
    }

    /**
     * Writes the MAC of {@code input[off, off + len)} into {@code out[outOff, outOff + 32)}.
     * The output may overlap the input only after {@code off + len}.
     *
     * @throws IndexOutOfBoundsException when a range is outside its array
     */
    public void mac(byte[] input, int off, int len, byte[] out, int outOff) {
        if (outOff < 0 || outOff > out.length - MAC_LENGTH) {
            throw new IndexOutOfBoundsException("output range " + outOff + "+32 outside " + out.length);
        }
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
        return "HmacSha256[" + inner.getProvider().getName() + " SHA-256, key states cached]";
    }
}
