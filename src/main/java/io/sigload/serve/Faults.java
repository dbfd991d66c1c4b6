package io.sigload.serve;

import io.sigload.sign.SignerFault;
import io.sigload.timing.Latency;
import io.sigload.timing.Stall;

/**
 * Faults {@code sigload serve} injects into its answers, for tests and demos. Immutable.
 *
 * @param latency added before each answer ({@link Latency#NONE} for none)
 * @param errorRate share of requests answered {@code 500}, 0..1
 * @param stall periodic stalls, or {@code null} for none
 * @param seed seeds the per-request generators (request {@code n} always draws the same values)
 * @param race a thread-safety bug in the minting code ({@code --fault}), {@link SignerFault#NONE}
 *     for none: a race, so which requests it spoils is not fixed by the seed
 */
public record Faults(Latency latency, double errorRate, Stall stall, long seed, SignerFault race) {
    public Faults {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("the error rate is a share from 0 to 1, e.g. 0.05; got " + errorRate);
        }
        race = race == null ? SignerFault.NONE : race;
    }

    /** Faults without a thread-safety bug. */
    public Faults(Latency latency, double errorRate, Stall stall, long seed) {
        this(latency, errorRate, stall, seed, SignerFault.NONE);
    }

    /** No faults: Zoom's sample as it is. */
    public static Faults none() {
        return new Faults(Latency.NONE, 0, null, 0);
    }

    /** The same faults with this thread-safety bug. */
    public Faults withRace(SignerFault fault) {
        return new Faults(latency, errorRate, stall, seed, fault);
    }
}
