package io.sigload.clock;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A distribution of clock skews (participant clock minus true clock; positive = fast).
 *
 * <p>Sampling is deterministic for a given generator state and participant index, so the same
 * seed gives the same plan. Implementations are immutable and thread-safe; the generator is not.
 */
public sealed interface SkewDistribution {
    /**
     * Draws one skew.
     *
     * @param rng the participant's own seeded generator
     * @param index the participant's index ({@link Listed} uses it; the others ignore it)
     */
    Duration sample(RandomGenerator rng, int index);

    /** Every participant has the same skew. */
    record Fixed(Duration skew) implements SkewDistribution {
        @Override
        public Duration sample(RandomGenerator rng, int index) {
            return skew;
        }
    }

    /** Uniform between {@code min} (inclusive) and {@code max} (exclusive). */
    record Uniform(Duration min, Duration max) implements SkewDistribution {
        public Uniform {
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform max " + max + " is below min " + min);
            }
        }

        @Override
        public Duration sample(RandomGenerator rng, int index) {
            long span = max.toNanos() - min.toNanos();
            return span == 0 ? min : min.plusNanos(rng.nextLong(span));
        }
    }

    /** Normal (Gaussian) with a mean and a standard deviation. */
    record Normal(Duration mean, Duration stddev) implements SkewDistribution {
        public Normal {
            if (stddev.isNegative()) {
                throw new IllegalArgumentException("normal stddev must be >= 0, was " + stddev);
            }
        }

        @Override
        public Duration sample(RandomGenerator rng, int index) {
            return mean.plusNanos(Math.round(rng.nextGaussian() * stddev.toNanos()));
        }
    }

    /** Participant {@code i} gets {@code skews[i % size]}: exact reproduction of a known set of clocks. */
    record Listed(List<Duration> skews) implements SkewDistribution {
        public Listed {
            skews = List.copyOf(skews);
            if (skews.isEmpty()) {
                throw new IllegalArgumentException("a skew list needs at least one value");
            }
        }

        @Override
        public Duration sample(RandomGenerator rng, int index) {
            return skews.get(index % skews.size());
        }
    }

    /**
     * A weighted mixture: picks a component with probability proportional to its weight, then
     * samples it.
     */
    record Mixture(List<Component> components) implements SkewDistribution {
        public Mixture {
            components = List.copyOf(components);
            if (components.isEmpty()) {
                throw new IllegalArgumentException("a mixture needs at least one component");
            }
        }

        @Override
        public Duration sample(RandomGenerator rng, int index) {
            double total = 0;
            for (Component c : components) {
                total += c.weight();
            }
            double x = rng.nextDouble() * total;
            for (Component c : components) {
                x -= c.weight();
                if (x < 0) {
                    return c.distribution().sample(rng, index);
                }
            }
            return components.getLast().distribution().sample(rng, index);
        }
    }

    /**
     * One part of a {@link Mixture}.
     *
     * @param weight relative weight, {@code > 0}
     * @param label a name for reports, e.g. "NTP-synced"
     * @param distribution the component's own distribution
     */
    record Component(double weight, String label, SkewDistribution distribution) {
        public Component {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("mixture weight must be > 0, was " + weight);
            }
        }
    }
}
