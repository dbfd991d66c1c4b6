package io.sigload.merge;

import io.sigload.merge.ShardFiles.ShardInput;
import io.sigload.report.LatencyPhase;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Shards merged into one run. Immutable (the histograms are the merge's own copies: do not modify).
 *
 * @param result the merged result, diagnosed on the merged data; its {@code participants} is the
 *     whole plan's, so participants of missing shards show as "did not start"
 * @param scenario the scenario the shards ran, rebuilt from their files (for its thresholds)
 * @param histograms phase → the sum of the shards' histograms (ns)
 * @param shards the shards merged, by index
 * @param shardCount how many shards the plan was cut into
 * @param missing indexes of shards not given (only with {@code --allow-partial})
 * @param interrupted indexes of shards stopped before every participant ran (only with {@code --allow-partial})
 * @param notes what people should know about the merge (different hosts' clocks, signer descriptions...)
 */
public record MergedRun(RunResult result, Scenario scenario, Map<LatencyPhase, Histogram> histograms, List<ShardInput> shards,
        int shardCount, List<Integer> missing, List<Integer> interrupted, List<String> notes) {
    public MergedRun {
        shards = List.copyOf(shards);
        missing = List.copyOf(missing);
        interrupted = List.copyOf(interrupted);
        notes = List.copyOf(notes);
    }

    /** Whether shards are missing or interrupted: the result then covers part of the plan. */
    public boolean partial() {
        return !missing.isEmpty() || !interrupted.isEmpty();
    }
}
