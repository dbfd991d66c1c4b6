package io.sigload.timing;

import io.sigload.clock.Durations;
import java.time.Duration;

/**
 * {@code --stall EVERY:FOR}: the server stops answering for {@code length} at every multiple of
 * {@code every} after it starts (the first stall begins at {@code every}). Requests that arrive
 * during a stall are held, not refused, and answered when it ends: what a GC pause or a blocked
 * event loop looks like from outside. Immutable, thread-safe.
 *
 * @param every period between stall starts, positive
 * @param length how long each stall lasts, positive and shorter than {@code every}
 */
public record Stall(Duration every, Duration length) {
    public Stall {
        if (every.isNegative() || every.isZero() || length.isNegative() || length.isZero()
                || length.compareTo(every) >= 0) {
            throw new IllegalArgumentException("a stall needs 0 < FOR < EVERY; got EVERY " + Durations.format(every)
                    + ", FOR " + Durations.format(length));
        }
    }

    /**
     * How long a request arriving now must wait.
     *
     * @param sinceStart time since the server started
     * @return zero outside a stall, else the rest of the stall
     */
    public Duration remaining(Duration sinceStart) {
        long e = sinceStart.toNanos();
        long period = every.toNanos();
        if (e < period) {
            return Duration.ZERO;
        }
        long phase = e % period;
        return phase < length.toNanos() ? Duration.ofNanos(length.toNanos() - phase) : Duration.ZERO;
    }

    /**
     * Parses {@code EVERY:FOR}, e.g. {@code 10s:2s}.
     *
     * @throws IllegalArgumentException when the text is not two durations with {@code 0 < FOR < EVERY}
     */
    public static Stall parse(String text) {
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not EVERY:FOR, e.g. 10s:2s (stop answering for 2 s"
                    + " every 10 s)");
        }
        return new Stall(Durations.parse(parts[0]), Durations.parse(parts[1]));
    }
}
