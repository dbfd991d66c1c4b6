package io.sigload.serve;

import io.sigload.timing.Latency;
import io.sigload.timing.Stall;

/**
 * Faults {@code sigload serve} injects into its answers, for tests and demos. Immutable.
 *
 * @param latency added before each answer ({@link Latency#NONE} for none)
 * @param errorRate share of requests answered {@code 500}, 0..1
 * @param stall periodic stalls, or {@code null} for none
 * @param seed seeds the per-request generators (request {@code n} always draws the same values)
 */
public record Faults(Latency latency, double errorRate, Stall stall, long seed) {
    public Faults {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("the error rate is a share from 0 to 1, e.g. 0.05; got " + errorRate);
        }
    }

    /** No faults: Zoom's sample as it is. */
    public static Faults none() {
        return new Faults(Latency.NONE, 0, null, 0);
    }
}
