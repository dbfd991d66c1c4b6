package io.sigload.timing;

import io.sigload.clock.Durations;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Added response latency, fixed or drawn from a distribution, for {@code sigload serve --latency}.
 * Values are immutable and thread-safe; randomness comes from the generator passed in.
 */
public sealed interface Latency {
    /** The accepted forms, for messages. */
    String FORMS = "a duration (20ms), uniform:MIN..MAX (uniform:5ms..50ms) or normal:MEAN,SD (normal:20ms,5ms)";

    /** No added latency. */
    Latency NONE = new Fixed(Duration.ZERO);

    /**
     * One draw.
     *
     * @param random the request's generator (seeded by the server)
     * @return the delay, never negative
     */
    Duration sample(RandomGenerator random);

    /** Always the same delay. */
    record Fixed(Duration delay) implements Latency {
        @Override
        public Duration sample(RandomGenerator random) {
            return delay;
        }
    }

    /** Uniform between {@code min} and {@code max}, inclusive, at nanosecond resolution. */
    record Uniform(Duration min, Duration max) implements Latency {
        @Override
        public Duration sample(RandomGenerator random) {
            return Duration.ofNanos(random.nextLong(min.toNanos(), max.toNanos() + 1));
        }
    }

    /** Normal with this mean and standard deviation, clamped at zero. */
    record Normal(Duration mean, Duration sd) implements Latency {
        @Override
        public Duration sample(RandomGenerator random) {
            double nanos = random.nextGaussian(mean.toNanos(), sd.toNanos());
            return Duration.ofNanos(Math.max(0, (long) nanos));
        }
    }

    /**
     * Parses {@link #FORMS}.
     *
     * @throws IllegalArgumentException when the text is none of them, or a duration is negative or
     *     {@code min > max}
     */
    public static Latency parse(String text) {
        String t = text.strip();
        if (t.startsWith("uniform:")) {
            String[] parts = t.substring(8).split("\\.\\.", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a latency; use " + FORMS);
            }
            Duration min = positive(parts[0]);
            Duration max = positive(parts[1]);
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("'" + text + "': MIN is over MAX");
            }
            return new Uniform(min, max);
        }
        if (t.startsWith("normal:")) {
            String[] parts = t.substring(7).split(",", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not a latency; use " + FORMS);
            }
            return new Normal(positive(parts[0]), positive(parts[1]));
        }
        try {
            return new Fixed(positive(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a latency; use " + FORMS);
        }
    }

    private static Duration positive(String text) {
        Duration d = Durations.parse(text);
        if (d.isNegative()) {
            throw new IllegalArgumentException("latency '" + text + "' is negative");
        }
        return d;
    }
}
