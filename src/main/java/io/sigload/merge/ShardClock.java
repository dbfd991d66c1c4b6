package io.sigload.merge;

import java.time.Duration;
import java.time.Instant;

/**
 * When a shard ran, on its machine's system clock (so comparisons across machines carry their
 * clocks' NTP error, typically a few milliseconds). Immutable.
 *
 * @param startAt the instant the shard was told to release its participants ({@code --start-at}), or {@code null}
 * @param releasedAt when it did release them (gate opened, or arrival schedule started)
 * @param finishedAt when its last participant had its verdict ({@code releasedAt} + the run's elapsed time)
 * @param host the machine (host name, e.g. the pod's name), for people
 */
public record ShardClock(Instant startAt, Instant releasedAt, Instant finishedAt, String host) {
    public ShardClock {
        host = host == null ? "" : host;
    }

    /** How late the release was after {@code startAt} (negative: early), or {@code null} without a start instant. */
    public Duration startLate() {
        return startAt == null || releasedAt == null ? null : Duration.between(startAt, releasedAt);
    }
}
