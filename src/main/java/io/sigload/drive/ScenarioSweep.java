package io.sigload.drive;

import io.sigload.clock.Durations;
import io.sigload.scenario.Scenario;
import io.sigload.sign.IatFormula;
import io.sigload.sign.Signer;
import io.sigload.skew.SignerProbe;
import io.sigload.skew.SkewReport;
import io.sigload.skew.SkewSettings;
import io.sigload.skew.SkewSweep;
import io.sigload.skew.SweepStoppedException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The sweep behind {@code sigload skew SCENARIO}: the scenario's signer, join parameters and
 * validator profile, swept over a skew range. Not thread-safe; one per sweep.
 */
public final class ScenarioSweep {
    /** Tokens per skew when the {@code iat} formula's error depends on the instant (float rounding). */
    public static final int TIME_VARYING_SAMPLES = 256;
    /** Tokens per skew otherwise (different sub-second instants). */
    public static final int STEADY_SAMPLES = 4;
    /** The range swept by default ({@code skew --from}, {@code compare --skew-from}, a run's HTML report): 2 h slow. */
    public static final String DEFAULT_FROM = "-2h";
    /** ... to 2 h fast. */
    public static final String DEFAULT_TO = "2h";

    /** Probes at once against a remote signer that does not say its own parallelism. */
    public static final int REMOTE_LANES = 16;
    /** Edges a sweep's deadline allows for (a valid window has two; islands add more). */
    static final int EDGES = 4;

    private final LoadRun run;
    private final SignerProbe probe;

    /**
     * @param run a prepared scenario (its signer is used, not closed)
     * @param samples tokens per skew, or {@code null} for {@value #TIME_VARYING_SAMPLES} when the
     *     recipe's formula varies with time ({@link IatFormula#variesWithTime()}) and
     *     {@value #STEADY_SAMPLES} otherwise; spread over {@link SkewSettings#FLOAT_PERIODS_SPAN} seconds
     */
    public ScenarioSweep(LoadRun run, Integer samples) {
        this.run = run;
        this.probe = SignerProbe.of(run.signer(), settings(run, samples));
    }

    /** Settings for a scenario: its profile, validator secret, leeway, meeting, lifetime and start. */
    public static SkewSettings settings(LoadRun run, Integer samples) {
        Scenario s = run.scenario();
        boolean varies = s.signer().recipe().iatFormula().variesWithTime();
        int n = samples != null ? samples : varies ? TIME_VARYING_SAMPLES : STEADY_SAMPLES;
        return SkewSettings.of(run.template()).withRole(0).withExpirationSeconds(s.meeting().expirationSeconds())
                .withSamples(n, SkewSettings.FLOAT_PERIODS_SPAN).withBase(s.time().start());
    }

    /** The probe (for progress: tokens tried and accepted so far). */
    public SignerProbe probe() {
        return probe;
    }

    /** The skew window over the default range, as a run's HTML report shows it beside the run. */
    public static SkewReport defaultWindow(LoadRun run) {
        return new ScenarioSweep(run, null).sweep(Durations.parse(DEFAULT_FROM), Durations.parse(DEFAULT_TO));
    }

    /**
     * Sweeps {@code [from, to]}.
     *
     * @throws IllegalArgumentException when the range is empty or beyond ±30 days
     */
    public SkewReport sweep(Duration from, Duration to) {
        return SkewSweep.sweep(probe, from, to, run.signer().describe(), run.scenario().validator().profile().wireName(),
                probe.mode());
    }

    /**
     * Sweeps {@code [from, to]} with probes at once ({@link #lanes()}), within {@code deadline},
     * giving up when the signer gives no token ({@link SignerProbe#failingNote()}) or {@code stop} says so.
     *
     * @param stop a note to stop with (e.g. the run was interrupted), or {@code null} to go on
     * @throws SweepStoppedException with the note or the deadline
     */
    public SkewReport sweep(Duration from, Duration to, Duration deadline, Supplier<String> stop)
            throws SweepStoppedException {
        Supplier<String> giveUp = () -> {
            String s = stop == null ? null : stop.get();
            return s != null ? s : probe.failingNote();
        };
        return SkewSweep.sweep(probe, from, to, run.signer().describe(), run.scenario().validator().profile().wireName(),
                probe.mode(), new SkewSweep.Bounds(lanes(), deadline, giveUp));
    }

    /** Probes at once: the signer's own pool size, else the cores for an in-process signer, else {@value #REMOTE_LANES}. */
    public int lanes() {
        return lanes(run.signer());
    }

    private static int lanes(Signer s) {
        return s.parallelism() > 0 ? s.parallelism() : s.callBound().isEmpty()
                ? Runtime.getRuntime().availableProcessors() : REMOTE_LANES;
    }

    /**
     * A sweep's deadline, from its settings, known before the sweep starts: the most probes an
     * adaptive sweep of the range makes (the grid, zero, and a bisection to 1 s of up to
     * {@value #EDGES} edges) times the tokens per probe (a remote endpoint that does not limit its
     * calls mints one pool of {@value SignerProbe#REMOTE_POOL}), over the lanes, times the signer's
     * call bound ({@value io.sigload.drive.Deadlines#IN_PROCESS_CALL_MICROS} µs in process), plus
     * one call to find how the signer takes a skew, plus 10 s.
     *
     * @param samples as in the constructor
     */
    public static Duration deadline(LoadRun run, Integer samples, Duration from, Duration to) {
        Signer signer = run.signer();
        long range = Math.max(1, to.toSeconds() - from.toSeconds());
        long grid = Math.max(1, Math.ceilDiv(range, SkewSweep.GRID_STEPS));
        long probes = SkewSweep.GRID_STEPS + 2 + EDGES * (64 - Long.numberOfLeadingZeros(grid));
        boolean pool = signer.callBound().isPresent() && signer.parallelism() == 0;
        long tokens = pool ? SignerProbe.REMOTE_POOL : probes * settings(run, samples).samples();
        Duration call = signer.callBound().orElse(Duration.ofNanos(Deadlines.IN_PROCESS_CALL_MICROS * 1000));
        return call.multipliedBy(Math.ceilDiv(tokens, lanes(signer)) + 1).plusSeconds(10);
    }
}
