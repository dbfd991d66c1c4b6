package io.sigload.report;

import java.util.Locale;

/** Durations for people: the unit that keeps 3 or 4 significant digits ({@code 12.5 µs}, {@code 3.41 ms}, {@code 39.0 s}). */
public final class Units {
    private Units() {
    }

    /**
     * A duration given in microseconds: below 1 ms in µs ({@code 250.0 µs}), below 1 s in ms
     * ({@code 3.41 ms}, {@code 152.3 ms}), below 10 min in seconds ({@code 39.0 s}), above in
     * minutes and seconds ({@code 12 min 5 s}). {@code NaN} prints as {@code -}.
     */
    public static String micros(double us) {
        if (Double.isNaN(us)) {
            return "-";
        }
        double a = Math.abs(us);
        if (a < 1_000) {
            return String.format(Locale.ROOT, "%.1f µs", us);
        }
        if (a < 100_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        }
        if (a < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", us / 1e3);
        }
        if (a < 600_000_000) {
            return String.format(Locale.ROOT, "%.1f s", us / 1e6);
        }
        long s = Math.round(us / 1e6);
        return (s / 60) + " min " + (s % 60) + " s";
    }

    /** A duration in seconds, as {@link #micros}. */
    public static String seconds(double s) {
        return micros(s * 1e6);
    }
}
