package io.sigload.drive;

/**
 * Why a run stopped before its plan was done ({@link Driver#stop(StopCause, String)}, the one stop
 * path): reports carry its name ({@code "stoppedBy"}), the CLI its exit code.
 */
public enum StopCause {
    /** Ctrl-C: exit code 130 (128 + 2) after the reports are written. */
    SIGINT(130, "SIGINT (Ctrl-C)"),
    /** {@code kill}, a CI job's cancel: exit code 143 (128 + 15) after the reports are written. */
    SIGTERM(143, "SIGTERM"),
    /** The heap filled up: exit code 3 after the reports are written. */
    OUT_OF_MEMORY(3, "out of memory"),
    /** The load phase passed its deadline ({@link Deadlines}): the run's own exit code stands (thresholds decide). */
    DEADLINE(-1, "the load phase's deadline"),
    /** Any other caller of {@link Driver#stop(String)}: the run's own exit code stands. */
    OTHER(-1, "stopped");

    private final int exitCode;
    private final String text;

    StopCause(int exitCode, String text) {
        this.exitCode = exitCode;
        this.text = text;
    }

    /** The process exit code after the reports, or {@code -1} when the run's own exit code stands. */
    public int exitCode() {
        return exitCode;
    }

    /** For reports, e.g. {@code SIGINT (Ctrl-C)}. */
    public String text() {
        return text;
    }
}
