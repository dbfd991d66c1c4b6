/**
 * Sharded runs and their merge. A run cut into shards ({@code sigload run --shard I/N}, see
 * {@link io.sigload.drive.Shard} for the partition) writes, per shard, its {@code --json} report with
 * a {@code shard} section ({@link io.sigload.merge.ShardHeader}: identity, scenario digest, clock) and
 * an HdrHistogram log beside it ({@code .hlog}, one interval histogram per latency phase, tagged with
 * the phase; {@link io.sigload.merge.ShardFiles}). {@link io.sigload.merge.ShardMerge} checks that the
 * shards belong together (same scenario, seed and shard count, each index exactly once, every count
 * consistent with its histogram log) and merges them into one {@link io.sigload.report.RunResult}:
 * counters add, skew ranges widen, the bounded samples keep the lowest indexes of the union, and
 * histograms add exactly. Refusals are {@link io.sigload.merge.MergeException}s (exit 2).
 */
package io.sigload.merge;
