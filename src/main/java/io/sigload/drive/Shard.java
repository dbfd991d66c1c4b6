package io.sigload.drive;

import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import java.util.Map;

/**
 * One shard of a seeded plan: shard {@code index} of {@code count} runs exactly the participants
 * {@code i} of the plan with {@code i mod count == index} (round robin), nothing else.
 *
 * <p>Why round robin and not contiguous blocks: the plan's order is meaningful. The first
 * {@code meeting.hosts} participants are the hosts, and in the open model participant {@code k} is
 * the schedule's {@code k}-th arrival. Round robin gives every shard its share of hosts and, in every
 * stage of the arrival schedule, every {@code count}-th arrival at its planned instant: each shard
 * runs at {@code 1/count} of each stage's rate and the union of the shards' arrivals is the planned
 * schedule, instant for instant. Contiguous blocks would give shard 0 the whole first ramp and the
 * last shard the whole last stage. Participant {@code i} is computed from {@code (seed, i)} alone
 * ({@link Plan#participant}), so a shard draws the same clocks, roles and instants as the unsharded
 * run.
 *
 * <p>Global bounds are shared out ({@link #share}): {@code maxInFlight = M} gives shard {@code I}
 * {@code floor(M / count)}, plus one for the first {@code M mod count} shards, so the shards together
 * hold exactly {@code M} in flight. Immutable and thread-safe.
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count how many shards the plan is cut into, {@code >= 1}
 */
public record Shard(int index, int count) {
    /** The whole plan: one shard of one. */
    public static final Shard ALL = new Shard(0, 1);
    /** The Kubernetes Indexed Job variable that holds a pod's completion index. */
    public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** The variable {@code --shard-from-env} reads the shard count from when no count is given. */
    public static final String COUNT_ENV = "SIGLOAD_SHARD_COUNT";
    /** The most shards a plan may be cut into. */
    public static final int MAX_COUNT = 10_000;

    /** @throws IllegalArgumentException unless {@code 1 <= count <= MAX_COUNT} and {@code 0 <= index < count} */
    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the shard count must be 1 to " + MAX_COUNT + ", found " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("the shard index must be 0 to " + (count - 1) + " for " + count
                    + " shards, found " + index);
        }
    }

    /**
     * Parses {@code I/N}, e.g. {@code 2/4} (the third of four shards; indexes count from 0, as
     * Kubernetes' completion index does).
     *
     * @throws IllegalArgumentException when the text is not {@code I/N} with {@code 0 <= I < N}
     */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        if (slash < 0 || !t.substring(0, slash).strip().matches("\\d{1,9}") || !t.substring(slash + 1).strip().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("found '" + text + "'; allowed: I/N with 0 <= I < N, e.g. 0/4 (indexes"
                    + " count from 0, like Kubernetes' JOB_COMPLETION_INDEX)");
        }
        return new Shard(Integer.parseInt(t.substring(0, slash).strip()), Integer.parseInt(t.substring(slash + 1).strip()));
    }

    /**
     * The shard of this process from its environment: the index from {@value #INDEX_ENV} (set by a
     * Kubernetes Indexed Job in each pod), the count from {@code count} or else {@value #COUNT_ENV}
     * (Kubernetes sets no variable with the Job's {@code completions}).
     *
     * @param env environment variables
     * @param count the shard count given on the command line, or {@code null}
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static Shard fromEnv(Map<String, String> env, Integer count) {
        String idx = env.get(INDEX_ENV);
        if (idx == null || idx.isBlank()) {
            throw new IllegalArgumentException(INDEX_ENV + " is not set; a Kubernetes Indexed Job (completionMode:"
                    + " Indexed) sets it in each pod; elsewhere give --shard I/N");
        }
        if (!idx.strip().matches("\\d{1,9}")) {
            throw new IllegalArgumentException(INDEX_ENV + " is '" + idx + "'; expected a completion index 0, 1, 2...");
        }
        int n;
        if (count != null) {
            n = count;
        } else {
            String c = env.get(COUNT_ENV);
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("the shard count is not set: give --shard-count N or set " + COUNT_ENV
                        + " (in an Indexed Job: the Job's completions)");
            }
            if (!c.strip().matches("\\d{1,9}")) {
                throw new IllegalArgumentException(COUNT_ENV + " is '" + c + "'; expected the shard count, e.g. 4");
            }
            n = Integer.parseInt(c.strip());
        }
        int i = Integer.parseInt(idx.strip());
        if (n < 1 || i >= n) {
            throw new IllegalArgumentException(INDEX_ENV + " is " + i + " but the shard count is " + n
                    + "; the Job's completions must equal the shard count");
        }
        return new Shard(i, n);
    }

    /** Whether this is the whole plan (one shard of one). */
    public boolean whole() {
        return count == 1;
    }

    /** Whether plan participant {@code i} belongs to this shard. */
    public boolean owns(int i) {
        return Math.floorMod(i, count) == index;
    }

    /** How many of a plan's {@code planSize} participants this shard runs. */
    public int size(int planSize) {
        return planSize <= index ? 0 : (planSize - index + count - 1) / count;
    }

    /** The plan index of this shard's {@code k}-th participant ({@code index + k * count}). */
    public int participant(int k) {
        return index + k * count;
    }

    /**
     * This shard's part of a global bound such as {@code maxInFlight}: {@code floor(bound / count)},
     * plus one for the first {@code bound mod count} shards, so the parts add up to {@code bound}.
     * 0 (unbounded) stays 0.
     *
     * @throws IllegalArgumentException when {@code 0 < bound < count}: some shard would get no slot
     */
    public int share(int bound) {
        if (bound == 0) {
            return 0;
        }
        if (bound < count) {
            throw new IllegalArgumentException(bound + " cannot be shared by " + count + " shards (each needs at least 1)");
        }
        return bound / count + (index < bound % count ? 1 : 0);
    }

    /**
     * The scenario as this shard runs it: {@code load.maxInFlight} replaced by this shard's
     * {@link #share}. Everything else (participants, seed, stages, clocks) stays as it is: the
     * partition, not the scenario, picks the shard's participants.
     *
     * @throws ScenarioException naming {@code load.maxInFlight} when it is below the shard count
     */
    public Scenario apply(Scenario s) throws ScenarioException {
        if (whole()) {
            return s;
        }
        int bound = switch (s.load()) {
            case Scenario.Burst b -> b.maxInFlight();
            case Scenario.ArrivalRate a -> a.maxInFlight();
        };
        if (bound > 0 && bound < count) {
            throw new ScenarioException(s.source() + ": load.maxInFlight: " + bound + " cannot be shared by " + count
                    + " shards (each shard needs at least 1 slot); raise it to " + count + " or more, or run fewer shards");
        }
        return s.withLoad(switch (s.load()) {
            case Scenario.Burst b -> new Scenario.Burst(share(b.maxInFlight()));
            case Scenario.ArrivalRate a -> new Scenario.ArrivalRate(a.stages(), share(a.maxInFlight()), a.whenFull());
        });
    }

    /** {@code I/N}. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
