package io.sigload.scenario;

/** How a run reads time. */
public enum TimeMode {
    /**
     * Every participant's join, mint and validation instants are planned from a fixed start
     * ({@code time.start}); nothing sleeps, and the same seed gives the same verdicts. Latency is
     * still measured on the real clock.
     */
    SIMULATED,
    /**
     * The real clock: participants really wait for their join offset and delivery delay. Needed
     * when the signer reads its own clock (a remote endpoint).
     */
    WALL
}
