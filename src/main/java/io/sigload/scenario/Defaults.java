package io.sigload.scenario;

import java.time.Duration;
import java.time.Instant;

/** Every default of a scenario, in one place. Fields left out of a scenario take these values. */
public final class Defaults {
    private Defaults() {
    }

    /** Seed of the plan when neither the scenario nor {@code --seed} gives one. */
    public static final long SEED = 1L;
    /** Token lifetime asked of the signer, seconds (Zoom's sample endpoint default). */
    public static final int EXPIRATION_SECONDS = 7200;
    /** Meeting number of the bundled scenarios (fake). */
    public static final String MEETING_NUMBER = "85746065432";
    /** Participants joining as host (role 1); the first N participants by index. */
    public static final int HOSTS = 1;
    /** Signer plug-in. */
    public static final String SIGNER = "java-jwt";
    /** Validator profile. */
    public static final String PROFILE = "meeting-web";
    /** Seconds {@code iat} may be in the future (Zoom documents no tolerance). */
    public static final long IAT_LEEWAY_SECONDS = 0;
    /** Window in which participants click Join (simulated arrival spread). */
    public static final Duration JOIN_WINDOW = Duration.ZERO;
    /**
     * Simulated time starts here: a fixed instant, so the same seed gives the same verdicts even
     * for formulas whose error depends on the millisecond.
     */
    public static final Instant SIMULATED_START = Instant.parse("2026-03-02T09:00:00Z");
    /** Failing participants kept in the report's sample. */
    public static final int FAILURE_SAMPLE = 20;
    /**
     * Failing participants replayed one at a time after a run with failures, and as many passing
     * ones for comparison ({@code run --replay-failures N}; 0 turns the replay off).
     */
    public static final int REPLAY_FAILURES = 20;
}
