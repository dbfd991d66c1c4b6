package io.sigload.validate;

/**
 * A token's {@code iat} and {@code exp} (NumericDates, seconds since the epoch, RFC 7519 §2) as
 * the validator read them, for a run's diagnosis evidence. A claim that was absent, not a JSON
 * number, or in milliseconds is {@link Double#NaN}. A double holds a NumericDate near 1.7e9 to
 * about a microsecond, enough for fractional {@code iat}s.
 *
 * @param iat issued-at, seconds, or NaN
 * @param exp expiry, seconds, or NaN
 */
public record TokenTimes(double iat, double exp) {
    /** Nothing readable. */
    public static final TokenTimes NONE = new TokenTimes(Double.NaN, Double.NaN);

    /** Whether {@code iat} was read. */
    public boolean hasIat() {
        return !Double.isNaN(iat);
    }
}
