package io.sigload.sign;

import io.sigload.token.Claims;
import java.util.Random;

/** Seeded random claim sets that exercise JSON escaping, UTF-8 and number formats. Not thread-safe. */
public final class RandomClaims {
    private static final String NASTY = "\"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f\u0080\u00e9\u07ff\u0800\u2028\u2029\ufeff\uffff";
    private final Random random;

    public RandomClaims(long seed) {
        this.random = new Random(seed);
    }

    public Claims next() {
        Claims.Builder b = Claims.builder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            b.put(string(6) + i, value());
        }
        return b.build();
    }

    private Object value() {
        return switch (random.nextInt(9)) {
            case 0 -> string(40);
            case 1 -> random.nextInt();
            case 2 -> random.nextLong();
            case 3 -> random.nextBoolean();
            case 4 -> (1_700_000_000_000L + random.nextInt(1_000_000_000) - 30_000) / 1000.0;
            case 5 -> Double.longBitsToDouble(random.nextLong());
            case 6 -> (double) random.nextInt(1000);
            case 7 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 1e7, 1e21, 0.1}[random.nextInt(11)];
            default -> random.nextInt(3) == 0 ? Long.MIN_VALUE : 1_700_000_000L + random.nextInt(100_000);
        };
    }

    private String string(int maxLen) {
        int len = random.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder(len * 2);
        for (int i = 0; i < len; i++) {
            switch (random.nextInt(6)) {
                case 0, 1 -> sb.append((char) (0x20 + random.nextInt(0x5f)));
                case 2 -> sb.append(NASTY.charAt(random.nextInt(NASTY.length())));
                case 3 -> sb.appendCodePoint(0x10000 + random.nextInt(0x10ffff - 0x10000));
                case 4 -> sb.append((char) (0xd800 + random.nextInt(0x800)));
                default -> sb.append((char) random.nextInt(0x10000));
            }
        }
        return sb.toString();
    }
}
