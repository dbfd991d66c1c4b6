package io.sigload.clock;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A distribution of participants' time zones (IANA ids such as {@code America/New_York}), the
 * {@code clocks.timezones} of a scenario. A zone does not move a clock: it changes what the
 * participant's own code reads as local time ({@code new Date().getHours()},
 * {@code getTimezoneOffset()}, Python's {@code datetime.now()}), which is where "local time read as
 * UTC" bugs live. Zone rules come from the JDK's tz database.
 *
 * <p>Sampling is deterministic for a given generator state and participant index. The plan draws
 * zones from their own random stream, so adding {@code clocks.timezones} to a seeded scenario keeps
 * every participant's clock skew, join offset and delivery delay. Implementations are immutable
 * and thread-safe; the generator is not.
 */
public sealed interface ZoneDistribution {
    /** Every participant in UTC: the default, and what a scenario without {@code clocks.timezones} gets. */
    ZoneDistribution UTC = new Fixed(ZoneOffset.UTC);

    /**
     * Draws one zone.
     *
     * @param rng the participant's own zone generator (unused by {@link Fixed} and {@link Listed})
     * @param index the participant's index ({@link Listed} uses it)
     */
    ZoneId sample(RandomGenerator rng, int index);

    /** Whether every participant gets the same zone (the plan then skips the draw). */
    default boolean fixed() {
        return false;
    }

    /** Every participant in one zone. */
    record Fixed(ZoneId zone) implements ZoneDistribution {
        @Override
        public ZoneId sample(RandomGenerator rng, int index) {
            return zone;
        }

        @Override
        public boolean fixed() {
            return true;
        }
    }

    /** Participant {@code i} gets {@code zones[i % size]}: a known set of participants, exactly. */
    record Listed(List<ZoneId> zones) implements ZoneDistribution {
        public Listed {
            zones = List.copyOf(zones);
            if (zones.isEmpty()) {
                throw new IllegalArgumentException("a zone list needs at least one zone");
            }
        }

        @Override
        public ZoneId sample(RandomGenerator rng, int index) {
            return zones.get(index % zones.size());
        }
    }

    /** Zones drawn with probability proportional to their weights. */
    record Weighted(List<Entry> entries) implements ZoneDistribution {
        public Weighted {
            entries = List.copyOf(entries);
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("a zone mixture needs at least one zone");
            }
        }

        @Override
        public ZoneId sample(RandomGenerator rng, int index) {
            double total = 0;
            for (Entry e : entries) {
                total += e.weight();
            }
            double x = rng.nextDouble() * total;
            for (Entry e : entries) {
                x -= e.weight();
                if (x < 0) {
                    return e.zone();
                }
            }
            return entries.getLast().zone();
        }
    }

    /**
     * One zone of a {@link Weighted} distribution.
     *
     * @param weight relative weight, {@code > 0}
     * @param zone the zone
     */
    record Entry(double weight, ZoneId zone) {
        public Entry {
            if (!(weight > 0)) {
                throw new IllegalArgumentException("zone weight must be > 0, was " + weight);
            }
        }
    }
}
