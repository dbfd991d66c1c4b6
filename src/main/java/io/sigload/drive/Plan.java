package io.sigload.drive;

import io.sigload.clock.ZoneDistribution;
import io.sigload.scenario.Scenario;
import io.sigload.timing.ArrivalSchedule;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A scenario expanded into participants. Participant {@code i} is computed on demand from the seed
 * and {@code i} alone, so a plan of a million participants takes no memory and the same seed
 * always gives the same participants. A plan may be one {@link Shard} of the whole: it then runs
 * {@link #count()} of the plan's {@link #size()} participants, the same ones with the same draws.
 * Immutable and thread-safe.
 */
public final class Plan {
    private final Scenario scenario;
    private final ArrivalSchedule schedule;
    private final int size;
    private final Shard shard;
    /** Mixed into the seed for the time-zone stream (any odd constant unlike the others would do). */
    static final long ZONE_STREAM = 0x7A0E5EEDC10C4D3BL;

    /** @param scenario a checked scenario */
    public Plan(Scenario scenario) {
        this(scenario, Shard.ALL);
    }

    /**
     * @param scenario a checked scenario
     * @param shard the part of the plan this run executes ({@link Shard#ALL} for all of it)
     */
    public Plan(Scenario scenario, Shard shard) {
        this.scenario = scenario;
        this.shard = shard;
        if (scenario.load() instanceof Scenario.ArrivalRate ar) {
            this.schedule = new ArrivalSchedule(ar.stages());
            this.size = (int) Math.min(scenario.participants(), schedule.size());
        } else {
            this.schedule = null;
            this.size = scenario.participants();
        }
    }

    /** The scenario this plan expands. */
    public Scenario scenario() {
        return scenario;
    }

    /** Number of participants: the scenario's count, capped by an arrival schedule's length. */
    public int size() {
        return size;
    }

    /** The shard of the plan this run executes. */
    public Shard shard() {
        return shard;
    }

    /** Participants this shard runs: {@link #size()} for the whole plan. */
    public int count() {
        return shard.size(size);
    }

    /**
     * The plan index of this shard's {@code k}-th participant, {@code 0 <= k < count()}; in
     * increasing order, so the shard runs its participants in plan order.
     */
    public int index(int k) {
        return shard.participant(k);
    }

    /** The arrival schedule of an open-model run, or {@code null} for a burst. */
    public ArrivalSchedule schedule() {
        return schedule;
    }

    /**
     * Participant {@code i}: role (the first {@code meeting.hosts} are hosts), meeting and session
     * ({@code i} modulo the number of meetings and of sessions), and clock skew, join offset and
     * delivery delay, drawn from a generator seeded by the plan's seed and {@code i}; its time zone
     * from a second generator of its own.
     *
     * @throws IndexOutOfBoundsException when {@code i} is not in {@code 0..size()-1}
     */
    public Participant participant(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("participant " + i + " of " + size);
        }
        SplittableRandom rng = new SplittableRandom(mix64(scenario.seed() * 0x9E3779B97F4A7C15L + i));
        Duration skew = scenario.clocks().participants().sample(rng, i);
        Duration join;
        if (schedule != null) {
            join = Duration.ofNanos(schedule.startNanos(i));
            rng.nextLong(); // keep the draws aligned with the burst case
        } else {
            long w = scenario.join().window().toNanos();
            join = Duration.ofNanos(w == 0 ? 0 : rng.nextLong(w));
        }
        Duration delay = scenario.join().deliveryDelay().sample(rng, i);
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        int role = i < scenario.meeting().hosts() ? 1 : 0;
        List<String> meetings = scenario.meeting().numbers();
        List<String> sessions = scenario.join().sessionNames();
        return new Participant(i, role, meetings.get(i % meetings.size()), skew, join, delay, zone(i),
                sessions.isEmpty() ? null : sessions.get(i % sessions.size()));
    }

    /**
     * Participant {@code i}'s time zone, from a stream of its own (the seed mixed with
     * {@link #ZONE_STREAM}), so that adding {@code clocks.timezones} changes no other draw.
     */
    private ZoneId zone(int i) {
        ZoneDistribution zones = scenario.clocks().timezones();
        if (zones.fixed()) {
            return zones.sample(null, i);
        }
        return zones.sample(new SplittableRandom(mix64((scenario.seed() ^ ZONE_STREAM) * 0x9E3779B97F4A7C15L + i)), i);
    }

    /** Stafford's mix13 (the SplitMix64 finaliser): spreads neighbouring seeds apart. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
