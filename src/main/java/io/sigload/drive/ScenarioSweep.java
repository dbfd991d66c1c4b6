package io.sigload.drive;

import io.sigload.clock.Durations;
import io.sigload.scenario.Scenario;
import io.sigload.sign.IatFormula;
import io.sigload.skew.SignerProbe;
import io.sigload.skew.SkewReport;
import io.sigload.skew.SkewSettings;
import io.sigload.skew.SkewSweep;
import java.time.Duration;

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
}
