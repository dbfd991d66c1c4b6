package io.sigload.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * The latency phases a run records, in nanoseconds into the recorder and microseconds in reports.
 * Reports and thresholds name them by {@link #wireName()} ({@code p99(total)}).
 */
public enum LatencyPhase {
    /** The signer call (failed calls included: a timeout is a latency too). */
    SIGN("sign", "sign"),
    /** The validator call. */
    VALIDATE("validate", "validate"),
    /**
     * From the participant's intended start (gate release, or its scheduled arrival in the open
     * model) to its verdict, without the configured delivery delay: queueing is included.
     */
    TOTAL("total", "total"),
    /**
     * Open model only: from the participant's actual start instead of the intended one, so the
     * cost of coordinated omission shows beside {@link #TOTAL}.
     */
    TOTAL_UNCORRECTED("totalUncorrected", "total (uncorr.)"),
    /** A remote signer's TCP connect for a new connection (also inside that participant's {@link #SIGN}). */
    CONNECT("connect", "connect"),
    /** A remote signer's TLS handshake for a new connection (also inside that participant's {@link #SIGN}). */
    TLS("tls", "tls"),
    /**
     * The signer calls made before the gate, off the record (JIT, connections; the signer's
     * {@code warmup:} count): reported beside the others and in no other figure.
     */
    WARMUP("warmup", "warm-up");

    private final String wireName;
    private final String label;

    LatencyPhase(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /** The name in JSON reports and threshold expressions, e.g. {@code totalUncorrected}. */
    public String wireName() {
        return wireName;
    }

    /** The name in the console's latency table, e.g. {@code total (uncorr.)}. */
    public String label() {
        return label;
    }

    /** The phase with this wire name, case-insensitively. */
    public static Optional<LatencyPhase> byWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equalsIgnoreCase(name)).findFirst();
    }

    /** Every wire name, in order, for messages. */
    public static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(LatencyPhase::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName;
    }
}
