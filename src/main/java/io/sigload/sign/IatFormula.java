package io.sigload.sign;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a generator computes {@code iat} (seconds since the epoch, RFC 7519 §2) from its clock's
 * milliseconds. The buggy formulas are the ones seen in public code and forum threads
 * (docs/sources.md); each is computed with the same arithmetic as the original (JavaScript doubles,
 * Java {@code float}), so its error is the real one.
 *
 * <p>{@link #iat(long)} returns a {@link Long}/{@link Integer} for integer formulas and a
 * {@link Double} for the fractional one: the JSON type is part of the bug.
 */
public enum IatFormula {
    /** {@code Math.floor(Date.now() / 1000)}: Zoom's sample endpoint. Correct. */
    FLOOR("floor", "Math.floor(ms / 1000)"),
    /** {@code Math.floor(Date.now() / 1000) - 30}: Zoom's older samples; tolerates a clock 30 s fast. */
    FLOOR_MINUS_30("floor-minus-30", "Math.floor(ms / 1000) - 30"),
    /** JavaScript {@code Math.round(Date.now() / 1000)}: up to 0.5 s in the future. */
    JS_ROUND("js-round", "Math.round(ms / 1000)"),
    /** JavaScript {@code Math.round(Date.now() / 1000) - 30}. */
    JS_ROUND_MINUS_30("js-round-minus-30", "Math.round(ms / 1000) - 30"),
    /** JavaScript {@code (Date.now() - 30000) / 1000}: a fractional NumericDate (the original report). */
    FRACTIONAL_MINUS_30("fractional-minus-30", "(ms - 30000) / 1000"),
    /**
     * Java {@code Math.round(ms / (float) 1000) - 30}: {@code ms} as a float keeps 24 bits (steps of
     * 131072 ms near 1.7e12) and the quotient steps of 128 s, so {@code iat} lands up to ~100 s in
     * the future for a large share of instants.
     */
    JAVA_FLOAT_ROUND_MINUS_30("java-float-round-minus-30", "Math.round(ms / (float) 1000) - 30"),
    /**
     * Java {@code Math.round(ms / 1000)}: there is no {@code Math.round(long)}, so the long widens to
     * {@code float} (multiples of 128 near 1.7e9): up to 64 s in the future.
     */
    JAVA_ROUND_LONG("java-round-long", "Math.round(ms / 1000) (long widened to float)"),
    /** Java {@code Math.round(ms / 1000) - 30}, the same float trap minus 30 s. */
    JAVA_ROUND_LONG_MINUS_30("java-round-long-minus-30", "Math.round(ms / 1000) - 30 (long widened to float)");

    private final String wireName;
    private final String expression;

    IatFormula(String wireName, String expression) {
        this.wireName = wireName;
        this.expression = expression;
    }

    /**
     * Computes {@code iat} from the minting clock.
     *
     * @param epochMillis the minting clock's reading, milliseconds since the epoch
     * @return seconds since the epoch: {@link Long} for the JavaScript/floor formulas,
     *     {@link Integer} for the Java {@code Math.round(float)} ones (it returns {@code int}),
     *     {@link Double} for {@link #FRACTIONAL_MINUS_30} when the result has a fraction
     */
    public Number iat(long epochMillis) {
        return switch (this) {
            case FRACTIONAL_MINUS_30 -> {
                double v = (epochMillis - 30000) / 1000.0;
                yield v == Math.rint(v) ? (Number) (long) v : (Number) v;
            }
            case JAVA_FLOAT_ROUND_MINUS_30, JAVA_ROUND_LONG, JAVA_ROUND_LONG_MINUS_30 -> (int) wholeSeconds(epochMillis);
            default -> wholeSeconds(epochMillis);
        };
    }

    /**
     * {@link #iat(long)} as a primitive, for the formulas whose {@code iat} is always a whole number
     * of seconds (all but {@link #FRACTIONAL_MINUS_30}); the {@code fast} signer's allocation-free path.
     *
     * @param epochMillis the minting clock's reading, milliseconds since the epoch
     * @return seconds since the epoch, equal to {@code iat(epochMillis).longValue()}
     * @throws IllegalStateException for {@link #FRACTIONAL_MINUS_30}, whose value can have a fraction
     */
    public long wholeSeconds(long epochMillis) {
        return switch (this) {
            case FLOOR -> Math.floorDiv(epochMillis, 1000L);
            case FLOOR_MINUS_30 -> Math.floorDiv(epochMillis, 1000L) - 30L;
            case JS_ROUND -> (long) Math.floor(epochMillis / 1000.0 + 0.5);
            case JS_ROUND_MINUS_30 -> (long) Math.floor(epochMillis / 1000.0 + 0.5) - 30L;
            case JAVA_FLOAT_ROUND_MINUS_30 -> Math.round(epochMillis / (float) 1000) - 30;
            case JAVA_ROUND_LONG -> Math.round((float) (epochMillis / 1000));
            case JAVA_ROUND_LONG_MINUS_30 -> Math.round((float) (epochMillis / 1000)) - 30;
            case FRACTIONAL_MINUS_30 -> throw new IllegalStateException(wireName + " can give a fractional iat");
        };
    }

    /** Whether the formula's error depends on the instant (so a sweep needs several tokens per step). */
    public boolean variesWithTime() {
        return this == JAVA_FLOAT_ROUND_MINUS_30 || this == JAVA_ROUND_LONG || this == JAVA_ROUND_LONG_MINUS_30
                || this == JS_ROUND || this == JS_ROUND_MINUS_30 || this == FRACTIONAL_MINUS_30;
    }

    /** The name used in scenarios, e.g. {@code floor-minus-30}. */
    public String wireName() {
        return wireName;
    }

    /** The expression as the original code wrote it, e.g. {@code Math.floor(ms / 1000) - 30}. */
    public String expression() {
        return expression;
    }

    /** Looks a formula up by its wire name. */
    public static Optional<IatFormula> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** All wire names, in declaration order, for "allowed:" messages. */
    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(IatFormula::wireName).toList());
    }
}
