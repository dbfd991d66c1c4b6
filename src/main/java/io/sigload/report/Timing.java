package io.sigload.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's timing. Immutable.
 *
 * @param latency phase → summary (µs): {@code sign}, {@code validate}, {@code total}, and for an
 *     open model {@code totalUncorrected} (from the actual, not the intended, start); phases with
 *     no sample are absent
 * @param elapsedMillis wall time from gate release (or first intended start) to the last verdict, ms
 * @param throughputPerSec completed participants per second of wall time
 * @param droppedStarts open model: starts dropped because {@code maxInFlight} was full
 * @param lateStarts open model: starts more than 1 ms behind their intended time
 */
public record Timing(Map<String, LatencySummary> latency, double elapsedMillis, double throughputPerSec,
        long droppedStarts, long lateStarts) {
    public Timing {
        latency = Collections.unmodifiableMap(new LinkedHashMap<>(latency));
    }
}
