package io.sigload.sign.fast;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Unpadded base64url encoding (RFC 4648 §5, RFC 7515 §2) from bytes to ASCII bytes, with no
 * intermediate {@code String}: the output equals {@code Base64.getUrlEncoder().withoutPadding()}.
 *
 * <p>Thread-safe: stateless.
 */
public final class Base64UrlBytes {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(
                    StandardCharsets.US_ASCII);
    /** Every 12-bit value as its two output characters, high one in the high byte (8 KB, stays in L1/L2). */
    private static final short[] PAIRS = new short[4096];
    /** Stores four output characters with one 32-bit write. */
    private static final VarHandle INT_BE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    static {
        for (int i = 0; i < PAIRS.length; i++) {
            PAIRS[i] = (short) (ALPHABET[i >>> 6] << 8 | ALPHABET[i & 0x3f]);
        }
    }

    private Base64UrlBytes() {
    }

    /** Encoded length in bytes of {@code n} input bytes: {@code ceil(4n / 3)}, no padding. */
    public static int encodedLength(int n) {
        return (n / 3) * 4 + switch (n % 3) {
            case 1 -> 2;
            case 2 -> 3;
            default -> 0;
        };
    }

    /**
     * Encodes {@code src[off, off + len)} into {@code dst} from {@code dstOff}.
     *
     * <p>The encoder reads each 3-byte group before writing its 4 bytes, so it may run in place
     * when the input lies at least {@code len / 3 + 4} bytes after the output start.
     *
     * @return the offset after the last byte written
     * @throws IndexOutOfBoundsException when {@code dst} is too short
     */
    public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int end = off + len;
        int full = off + (len / 3) * 3;
        int d = dstOff;
        int s = off;
        while (s < full) {
            int bits = (src[s] & 0xff) << 16 | (src[s + 1] & 0xff) << 8 | (src[s + 2] & 0xff);
            s += 3;
            INT_BE.set(dst, d, (PAIRS[bits >>> 12] & 0xffff) << 16 | (PAIRS[bits & 0xfff] & 0xffff));
            d += 4;
        }
        int rest = end - s;
        if (rest == 1) {
            int bits = (src[s] & 0xff) << 16;
            dst[d] = ALPHABET[bits >>> 18];
            dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            d += 2;
        } else if (rest == 2) {
            int bits = (src[s] & 0xff) << 16 | (src[s + 1] & 0xff) << 8;
            dst[d] = ALPHABET[bits >>> 18];
            dst[d + 1] = ALPHABET[(bits >>> 12) & 0x3f];
            dst[d + 2] = ALPHABET[(bits >>> 6) & 0x3f];
            d += 3;
        }
        return d;
    }
}
