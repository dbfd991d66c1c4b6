package io.sigload.merge;

import io.sigload.drive.Shard;

/**
 * What a shard's result says about itself, beyond the run report: which shard of which plan, of
 * which scenario, when it ran, and the inputs a merge needs that the report does not carry.
 * Written as the report's {@code shard} section. Immutable.
 *
 * @param shard this shard's index and the shard count
 * @param planParticipants participants in the whole plan (every shard together)
 * @param scenario the scenario it ran
 * @param clock when it was told to start, started and finished
 * @param failureSampleSize how many failing participants the shard kept (the lowest indexes)
 * @param failuresFile the shard's every-failure file ({@code --failures}), relative to the report, or {@code null}
 * @param interrupted whether the shard was stopped before every participant had run
 * @param sigloadVersion the sigload that ran it
 */
public record ShardHeader(Shard shard, int planParticipants, ScenarioIdentity scenario, ShardClock clock,
        int failureSampleSize, String failuresFile, boolean interrupted, String sigloadVersion) {
    /** The version of the {@code shard} section's layout; a merge refuses others. */
    public static final int FORMAT = 1;

    /** How many participants this shard was to run. */
    public int participants() {
        return shard.size(planParticipants);
    }
}
