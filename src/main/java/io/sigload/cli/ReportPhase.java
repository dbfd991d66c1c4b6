package io.sigload.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The report phase's deadline: printing and writing the reports runs on the calling thread while a
 * daemon thread watches the clock. Writing cannot be interrupted (a report file that is a FIFO
 * nobody reads blocks in {@code open}), so when the deadline passes the watcher says which phase
 * overran and ends the process with exit code 3, instead of hanging. Thread-safe.
 */
final class ReportPhase {
    /** Exit code when the report phase passes its deadline. */
    static final int OVERRAN = 3;

    private ReportPhase() {
    }

    /**
     * Runs {@code work} and returns its exit code, or ends the process when it takes longer than {@code limit}.
     */
    static int within(Duration limit, PrintWriter err, IntSupplier work) {
        CountDownLatch done = new CountDownLatch(1);
        Thread watcher = Thread.ofPlatform().daemon().name("sigload-report-deadline").start(() -> {
            try {
                if (!done.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                    err.println("sigload: writing the reports passed its deadline of " + limit.toSeconds() + " s (is a"
                            + " report file a FIFO nobody reads, or a full or stalled disk?); stopping");
                    err.flush();
                    Runtime.getRuntime().halt(OVERRAN);
                }
            } catch (InterruptedException e) {
                // the work finished
            }
        });
        try {
            return work.getAsInt();
        } finally {
            done.countDown();
            watcher.interrupt();
        }
    }
}
