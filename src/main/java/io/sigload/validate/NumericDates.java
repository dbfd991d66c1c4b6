package io.sigload.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * NumericDates (RFC 7519 §2: seconds since the epoch, fractions allowed) read exactly from the
 * raw JSON value, and seconds formatted for messages.
 *
 * <p>Values beyond ±10^11 s are refused as milliseconds (docs/field-cases.md,
 * {@code NUMERIC_DATE_IN_MILLISECONDS}); values closer to 0 than 10^-30 s are read as 0 so that
 * arithmetic never meets an exponent like {@code 1e-999999999}. Thread-safe: stateless.
 */
final class NumericDates {
    /** 10^11: above it a NumericDate is a millisecond value (year 5138 in seconds). */
    static final BigDecimal MILLIS_THRESHOLD = BigDecimal.TEN.pow(11);
    private static final BigDecimal NEG_THRESHOLD = MILLIS_THRESHOLD.negate();

    private NumericDates() {
    }

    /**
     * Reads a NumericDate claim, recording type and unit findings.
     *
     * @param name the claim's wire name
     * @param node its raw JSON value (not {@code null})
     * @return seconds since the epoch, or {@code null} when the claim failed a type or unit rule
     */
    static BigDecimal read(String name, JsonNode node, Findings f) {
        if (!node.isNumber()) {
            f.add(ReasonCode.NON_NUMERIC_CLAIM, name + " is " + Json.describe(node) + ", not a JSON number",
                    "claim", name);
            return null;
        }
        if (!Json.isFiniteNumber(node)) {
            f.add(ReasonCode.NON_NUMERIC_CLAIM, name + " is " + node.asText() + ", not a finite number", "claim", name);
            return null;
        }
        BigDecimal v = node.decimalValue();
        if (v.compareTo(MILLIS_THRESHOLD) > 0 || v.compareTo(NEG_THRESHOLD) < 0) {
            f.add(ReasonCode.NUMERIC_DATE_IN_MILLISECONDS, name + " is " + Json.shortText(node)
                    + ", beyond 10^11: a value in milliseconds where seconds are required", "claim", name);
            return null;
        }
        if (node.isFloatingPointNumber()) {
            f.add(ReasonCode.FRACTIONAL_NUMERIC_DATE, name + " is " + Json.shortText(node) + ", not whole seconds",
                    "claim", name);
        }
        if (v.signum() != 0 && (long) v.precision() - v.scale() < -30) {
            return BigDecimal.ZERO;
        }
        return v;
    }

    /** An instant as exact seconds since the epoch. */
    static BigDecimal seconds(Instant t) {
        BigDecimal s = BigDecimal.valueOf(t.getEpochSecond());
        return t.getNano() == 0 ? s : s.add(BigDecimal.valueOf(t.getNano(), 9));
    }

    /** Seconds for people: {@code 48}, {@code 0.123}, {@code 7200000}; at most 3 decimals shown. */
    static String format(BigDecimal seconds) {
        BigDecimal s = seconds.scale() > 3 ? seconds.setScale(3, RoundingMode.HALF_UP) : seconds;
        s = s.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }

    /** The value as a JSON-friendly number: a {@code Long} when whole, else a {@code BigDecimal}. */
    static Number number(BigDecimal seconds) {
        BigDecimal s = seconds.stripTrailingZeros();
        if (s.scale() <= 0 && (long) s.precision() - s.scale() <= 18) {
            return s.longValueExact();
        }
        return s;
    }
}
