package io.sigload.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;

/** Times for people: a NumericDate as a UTC date and as "48 s from now" / "3 s ago". Stateless. */
final class TimeText {
    private TimeText() {
    }

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(11);

    /**
     * {@code 2023-11-14T22:14:20Z, 60 s from now}; empty for values beyond ±10^11 s or with more
     * than 30 decimals (no date, and no arithmetic on exponents like {@code 1e-999999999}).
     */
    static String describe(BigDecimal epochSeconds, Instant now) {
        if (epochSeconds.abs().compareTo(LIMIT) > 0 || epochSeconds.scale() > 30) {
            return "";
        }
        BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond()).add(BigDecimal.valueOf(now.getNano(), 9));
        String date;
        try {
            date = Instant.ofEpochSecond(epochSeconds.setScale(0, RoundingMode.FLOOR).longValueExact()).toString();
        } catch (ArithmeticException | DateTimeException e) {
            date = "(not a date)";
        }
        return date + ", " + relative(epochSeconds.subtract(nowSeconds));
    }

    /** {@code 48 s from now}, {@code 3 s ago}, {@code now}; with hours and minutes beyond an hour. */
    static String relative(BigDecimal delta) {
        if (delta.signum() == 0) {
            return "now";
        }
        BigDecimal abs = delta.abs();
        String s = plain(abs) + " s";
        if (abs.compareTo(BigDecimal.valueOf(3600)) >= 0) {
            long secs = abs.longValue();
            s += " (" + secs / 3600 + " h " + (secs % 3600) / 60 + " min)";
        }
        return delta.signum() > 0 ? s + " from now" : s + " ago";
    }

    static String plain(BigDecimal seconds) {
        BigDecimal s = seconds.scale() > 3 ? seconds.setScale(3, RoundingMode.HALF_UP) : seconds;
        s = s.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }
}
