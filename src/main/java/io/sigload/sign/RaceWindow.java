package io.sigload.sign;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Widens the window of an injected race ({@link SignerFault}) on purpose, so that overlapping
 * requests meet inside it reliably: at 30 participants on 2 cores, and whether the caller is a
 * virtual thread (which yields its carrier to another participant) or one of a few platform
 * workers (which stay inside the window long enough for the other worker to enter it). Real code
 * has the same race with a window of a few hundred nanoseconds: it fails less often, not never.
 *
 * <p>Thread-safe: stateless.
 */
public final class RaceWindow {
    /** How long an in-process signer stays inside the window after yielding: {@value #SPIN_NANOS} ns. */
    public static final long SPIN_NANOS = 20_000;
    /**
     * How long the reference endpoint ({@code sigload serve}) parks inside the window: requests
     * arrive over the network spread over milliseconds, so the window is as wide.
     */
    public static final Duration SERVER_PARK = Duration.ofMillis(2);

    private RaceWindow() {
    }

    /** Yields to another thread, then spins for {@link #SPIN_NANOS}: the in-process signers' window. */
    public static void widen() {
        Thread.yield();
        long end = System.nanoTime() + SPIN_NANOS;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /** Parks for {@code d} (a virtual thread gives its carrier to another request): the endpoint's window. */
    public static void park(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }
}
