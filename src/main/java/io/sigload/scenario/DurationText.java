package io.sigload.scenario;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in scenarios and flags: a number and a unit, e.g. {@code 2s},
 * {@code 500ms}, {@code -2m}, {@code 1.5s}, {@code 250us}; or ISO-8601 ({@code PT2S}).
 *
 * <p>Units: {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}. Fractions below
 * one nanosecond are truncated. Thread-safe: stateless.
 */
public final class DurationText {
    /** The accepted forms, for "allowed:" messages. */
    public static final String FORMS = "a number and a unit (ns, us, ms, s, m, h), e.g. 2s, 500ms, -2m, 1.5s";

    private static final Pattern TEXT = Pattern.compile("([+-]?)(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    private DurationText() {
    }

    /**
     * Parses a duration.
     *
     * @param text e.g. {@code 2s}, {@code -90s}, {@code 500ms}, {@code PT2S}
     * @return the duration (negative when the text starts with {@code -})
     * @throws IllegalArgumentException when the text is not one of {@link #FORMS}
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        if (t.startsWith("P") || t.startsWith("-P")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
            }
        }
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use " + FORMS);
        }
        long nanosPerUnit = switch (m.group(3)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        BigDecimal nanos = new BigDecimal(m.group(2)).multiply(BigDecimal.valueOf(nanosPerUnit))
                .setScale(0, RoundingMode.DOWN);
        if (nanos.toBigInteger().bitLength() > 62) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (over 146 years)");
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return m.group(1).equals("-") ? d.negated() : d;
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
}
