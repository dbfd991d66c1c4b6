package io.sigload.report;

/**
 * How far a run got: to the end of its plan, or stopped early (a signal, out of memory, the load
 * phase's deadline) with what was measured until then. Immutable.
 *
 * @param stoppedBy why the run stopped early, e.g. {@code "SIGINT"}, {@code "SIGTERM"},
 *     {@code "OUT_OF_MEMORY"}, {@code "DEADLINE"}; {@code null} when it ran to the end
 * @param reason the same for people, e.g. {@code "SIGINT (Ctrl-C)"}; empty when it ran to the end
 * @param notStarted participants never released (planned, minus started, minus dropped starts)
 * @param abandoned participants still in flight when the grace ran out: started, not measured
 * @param graceMillis how long those in flight were waited for, ms
 */
public record Completion(String stoppedBy, String reason, long notStarted, long abandoned, long graceMillis) {
    /** A run that did its whole plan. */
    public static final Completion FULL = new Completion(null, "", 0, 0, 0);

    public Completion {
        reason = reason == null ? "" : reason;
    }

    /** Whether the run stopped before its plan was done. */
    public boolean interrupted() {
        return stoppedBy != null;
    }
}
