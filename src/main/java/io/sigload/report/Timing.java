package io.sigload.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A run's timing. Immutable.
 *
 * @param latency phase → summary (µs), in phase order; phases with no sample are absent
 * @param elapsedMillis wall time from gate release (or first intended start) to the last verdict, ms
 * @param throughputPerSec completed participants per second of wall time
 * @param droppedStarts open model: starts dropped because {@code maxInFlight} was full
 * @param lateStarts open model: starts more than 1 ms behind their intended time
 */
public record Timing(Map<LatencyPhase, LatencySummary> latency, double elapsedMillis, double throughputPerSec,
        long droppedStarts, long lateStarts) {
    public Timing {
        Map<LatencyPhase, LatencySummary> inOrder = new EnumMap<>(LatencyPhase.class);
        inOrder.putAll(latency);
        latency = Collections.unmodifiableMap(inOrder);
    }
}
