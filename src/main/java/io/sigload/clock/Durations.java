package io.sigload.clock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints human durations: {@code 500ms}, {@code 2s}, {@code -90s}, {@code 1.5s},
 * {@code 2m}, {@code 1h}, {@code 250us}, {@code 0}. Units: {@code ns, us, ms, s, m, h, d}.
 * Thread-safe: stateless.
 */
public final class Durations {
    private static final Pattern P = Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h|d)?\\s*");

    private Durations() {
    }

    /** The accepted forms, for "allowed:" messages. */
    public static final String FORMS = "a number and a unit (ns, us, ms, s, m, h, d), e.g. 2s, 500ms, -2m, 1.5s";

    /**
     * Parses a duration.
     *
     * @param text e.g. {@code "2s"}, {@code "-90s"}, {@code "500ms"}, ISO-8601 {@code "PT2S"}; a bare
     *     {@code 0} is allowed
     * @return the duration, truncated to nanoseconds
     * @throws IllegalArgumentException when the text is not a number with a unit (the message
     *     gives examples), or the duration exceeds about 146 years
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("P") || t.startsWith("-P")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
            }
        }
        Matcher m = text == null ? null : P.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (n.signum() != 0) {
                throw new IllegalArgumentException("'" + text + "' has no unit; use " + FORMS);
            }
            return Duration.ZERO;
        }
        long nanosPerUnit = switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
        BigDecimal nanos = n.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.DOWN);
        if (nanos.toBigInteger().bitLength() > 62) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (over 146 years)");
        }
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * Formats a duration the way {@link #parse} reads it: the largest unit that keeps it exact,
     * e.g. {@code 2s}, {@code 500ms}, {@code -90s}, {@code 1500us}.
     */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        String sign = nanos < 0 ? "-" : "";
        long n = Math.abs(nanos);
        if (n == 0) {
            return "0s";
        }
        if (n % 86_400_000_000_000L == 0) {
            return sign + n / 86_400_000_000_000L + "d";
        }
        if (n % 3_600_000_000_000L == 0) {
            return sign + n / 3_600_000_000_000L + "h";
        }
        if (n % 60_000_000_000L == 0) {
            return sign + n / 60_000_000_000L + "m";
        }
        if (n % 1_000_000_000L == 0) {
            return sign + n / 1_000_000_000L + "s";
        }
        if (n % 1_000_000L == 0) {
            return sign + n / 1_000_000L + "ms";
        }
        return n % 1_000L == 0 ? sign + n / 1_000L + "us" : sign + n + "ns";
    }

    /** Short form for reports: {@code +92.4 s}, {@code -1.2 s}, {@code +2 h 0 m}, {@code 350 ms}. */
    public static String signedSeconds(Duration d) {
        double s = d.toNanos() / 1e9;
        double a = Math.abs(s);
        String sign = s >= 0 || a < 0.05 ? "+" : "-";
        if (a >= 3600) {
            long totalMin = Math.round(a / 60);
            return sign + (totalMin / 60) + " h " + (totalMin % 60) + " m";
        }
        if (a >= 100) {
            return sign + Math.round(a) + " s";
        }
        return sign + String.format(Locale.ROOT, "%.1f s", a);
    }
}
