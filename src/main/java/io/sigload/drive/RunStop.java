package io.sigload.drive;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one way to stop a run early and still write what was measured. Whatever wants the run to
 * end (SIGINT or SIGTERM from the CLI, the engine's out-of-memory guard, the load phase's
 * deadline) calls {@link #request}; the {@link Driver} then stops releasing participants, waits
 * up to a grace for those in flight, seals the recorder, and {@link LoadRun#run(io.sigload.report.RunRecorder, RunStop)}
 * returns a result whose {@link io.sigload.report.Completion} says why it stopped and what was
 * not measured. Every report is written from that result, marked {@code "interrupted": true}.
 *
 * <p>The first request wins; later ones are ignored (the CLI ends at once on a second signal).
 * Thread-safe.
 */
public final class RunStop {
    /** Why a run stopped before its plan was done. */
    public enum Cause {
        /** Ctrl-C: exit code 130 (128 + 2) after the reports are written. */
        SIGINT(130, "SIGINT (Ctrl-C)"),
        /** {@code kill}, a CI job's cancel: exit code 143 (128 + 15) after the reports are written. */
        SIGTERM(143, "SIGTERM"),
        /** The heap ran out (the engine's guard, issue #14): exit code 3 after the reports are written. */
        OUT_OF_MEMORY(3, "out of memory"),
        /** The load phase passed its deadline ({@link Deadlines}): the exit code is the run's own (thresholds decide). */
        DEADLINE(-1, "the load phase's deadline");

        private final int exitCode;
        private final String text;

        Cause(int exitCode, String text) {
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

    private final AtomicReference<Cause> cause = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Asks the run to stop.
     *
     * @return {@code true} when this was the first request
     */
    public boolean request(Cause why) {
        if (cause.compareAndSet(null, why)) {
            stopped.countDown();
            return true;
        }
        return false;
    }

    /** Whether a stop was requested. */
    public boolean requested() {
        return cause.get() != null;
    }

    /** The first cause, or {@code null}. */
    public Cause cause() {
        return cause.get();
    }

    /**
     * Waits until a stop is requested or the time is up.
     *
     * @return whether a stop was requested
     */
    public boolean await(long nanos) throws InterruptedException {
        return stopped.await(nanos, TimeUnit.NANOSECONDS);
    }
}
