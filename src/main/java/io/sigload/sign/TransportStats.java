package io.sigload.sign;

import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;

/**
 * Counters a remote signer keeps beside its failures, for the report: attempts, retries and what
 * caused them. Failures themselves are counted by the run from {@link SignException#category()}.
 *
 * <p>Implementations are thread-safe; {@link #counters()} is a snapshot, sorted by name.
 */
public interface TransportStats {
    /**
     * A snapshot of the counters, e.g. {@code attempts=1200, retries=14, retry.READ_TIMEOUT=14}.
     *
     * @return counter name to count (events since the signer was built), sorted by name
     */
    Map<String, Long> counters();

    /**
     * Where the signer reports the latency of its own phases (e.g. {@code connect}, {@code tls}
     * for each new connection), in nanoseconds; called once, before the run. Thread-safe sink.
     * The default reports nothing.
     */
    default void phases(ObjLongConsumer<String> sink) {
    }

    /** What the run's report must warn about (e.g. TLS certificates not verified); default none. */
    default List<String> warnings() {
        return List.of();
    }
}
