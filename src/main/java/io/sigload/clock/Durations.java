package io.sigload.clock;

import java.math.BigDecimal;
import java.time.Duration;
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

    /**
     * Parses a duration.
     *
     * @param text e.g. {@code "2s"}, {@code "-90s"}, {@code "500ms"}; a bare {@code 0} is allowed
     * @return the duration, rounded to nanoseconds
     * @throws IllegalArgumentException when the text is not a number with a unit (the message
     *     gives examples)
     */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : P.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 500ms, 2s, -90s, 2m, 1h");
        }
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2);
        if (unit == null) {
            if (n.signum() != 0) {
                throw new IllegalArgumentException("'" + text + "' has no unit; use e.g. " + text.trim() + "s or "
                        + text.trim() + "ms");
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
        return Duration.ofNanos(n.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
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
        return sign + String.format(java.util.Locale.ROOT, "%.1f s", a);
    }
}
