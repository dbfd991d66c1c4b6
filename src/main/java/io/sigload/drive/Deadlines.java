package io.sigload.drive;

import io.sigload.clock.SkewDistribution;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.TimeMode;
import io.sigload.sign.Signer;
import io.sigload.sign.Signers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every phase of a run has a deadline derived from its settings, printed at the start and honoured:
 * the load phase (the {@link Driver} stops releasing participants when it passes, waits
 * {@link #grace()} for those in flight, and reports the rest as not measured), and the phases after
 * it that a command adds with {@link #with} (the skew sweep of {@code --html}, a replay, writing the
 * reports), each enforced where it runs.
 *
 * <p>The load phase, from the gate (or the first scheduled arrival):
 * <pre>
 *   burst:        [window + longest delivery delay, wall time only] + waves × call bound + slack
 *   arrival rate: schedule length + [longest delivery delay, wall time only] + call bound + slack
 * </pre>
 * where the call bound is the signer's own ({@link Signer#callBound()}: an http attempt's
 * {@code callTimeout} times the attempts, a process signer's longer timeout) or
 * {@value #IN_PROCESS_CALL_MICROS} µs for an in-process signer ({@link #UNBOUNDED_CALL} for a plug-in
 * outside the JVM that does not state one), waves is the participant count
 * over the lanes that run at once (the in-flight bound, the signer's own parallelism, the cores
 * for an in-process signer), and slack is {@value #SLACK_SECONDS} s plus a tenth. An open model
 * whose starts wait for a slot ({@code whenFull: wait}) ends on time too: starts still waiting
 * at the deadline are not made.
 *
 * <p>Immutable and thread-safe.
 *
 * @param load the load phase's deadline, from the gate or first arrival
 * @param grace how long participants in flight are waited for after a stop or the deadline
 * @param phases every phase with its limit and how it was derived, for the start line
 */
public record Deadlines(Duration load, Duration grace, List<Phase> phases) {
    /** An in-process signer's budget per participant, µs (java-jwt signs and validates in ~5 µs). */
    public static final long IN_PROCESS_CALL_MICROS = 250;
    /** The call bound assumed for a signer outside the JVM that does not state its own ({@link Signer#callBound()}). */
    public static final Duration UNBOUNDED_CALL = Duration.ofSeconds(60);
    /** Fixed part of the slack, s. */
    public static final long SLACK_SECONDS = 10;
    /** Longest grace for participants in flight. */
    public static final Duration MAX_GRACE = Duration.ofSeconds(2);
    /** No deadline (tests, embedded use): the load phase may take ~292 years. */
    public static final Deadlines NONE = new Deadlines(Duration.ofNanos(Long.MAX_VALUE / 2), MAX_GRACE, List.of());

    /** One phase of a run and its limit. */
    public record Phase(String name, Duration limit, String derivation) {
    }

    public Deadlines {
        phases = List.copyOf(phases);
    }

    /**
     * The deadlines of a scenario run by a signer.
     *
     * @param participants the plan's size
     */
    public static Deadlines of(Scenario s, Signer signer, int participants) {
        boolean wall = s.time().mode() == TimeMode.WALL;
        boolean inProcess = signer.callBound().isEmpty() && !Signers.outOfProcess(s.signer().type());
        Duration call = signer.callBound().orElse(inProcess ? Duration.ofNanos(IN_PROCESS_CALL_MICROS * 1000)
                : UNBOUNDED_CALL);
        Duration delay = wall ? highest(s.join().deliveryDelay()) : Duration.ZERO;
        Duration base;
        StringBuilder how = new StringBuilder();
        if (s.load() instanceof Scenario.ArrivalRate ar) {
            Duration schedule = Duration.ZERO;
            for (var st : ar.stages()) {
                schedule = schedule.plus(st.duration());
            }
            base = schedule.plus(delay).plus(call);
            how.append("schedule ").append(fmt(schedule));
        } else {
            Scenario.Burst b = (Scenario.Burst) s.load();
            long lanes = b.maxInFlight() > 0 ? b.maxInFlight() : Math.max(1, participants);
            int own = inProcess ? Runtime.getRuntime().availableProcessors() : signer.parallelism();
            if (own > 0) {
                lanes = Math.min(lanes, own);
            }
            long waves = Math.max(1, Math.ceilDiv(Math.max(1, participants), lanes));
            Duration window = wall ? s.join().window() : Duration.ZERO;
            base = window.plus(delay).plus(call.multipliedBy(waves));
            if (!window.isZero()) {
                how.append("window ").append(fmt(window)).append(" + ");
            }
            how.append(waves).append(waves == 1 ? " wave" : " waves").append(" × ")
                    .append(inProcess ? IN_PROCESS_CALL_MICROS + " µs" : fmt(call));
        }
        if (!delay.isZero()) {
            how.append(" + delivery delay ").append(fmt(delay));
        }
        if (s.load() instanceof Scenario.ArrivalRate) {
            how.append(" + call bound ").append(fmt(call));
        }
        Duration slack = Duration.ofSeconds(SLACK_SECONDS).plus(base.dividedBy(10));
        Duration load = base.plus(slack);
        how.append(" + slack ").append(fmt(slack));
        Duration grace = call.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : call.compareTo(Duration.ofMillis(200)) < 0
                ? Duration.ofMillis(200) : call;
        List<Phase> phases = new ArrayList<>();
        if (!inProcess) {
            phases.add(new Phase("warm-up", call, "one call, off the record"));
        }
        phases.add(new Phase("load", load, how.toString()));
        phases.add(new Phase("grace", grace, "for participants in flight after a stop"));
        return new Deadlines(load, grace, phases);
    }

    /** These deadlines and one more phase (its limit is enforced by whoever runs it). */
    public Deadlines with(Phase phase) {
        List<Phase> p = new ArrayList<>(phases);
        p.add(phase);
        return new Deadlines(load, grace, p);
    }

    /** The phase's limit, or {@code null} when there is no such phase. */
    public Duration limit(String phase) {
        return phases.stream().filter(p -> p.name().equals(phase)).map(Phase::limit).findFirst().orElse(null);
    }

    /** One line for the start of a run, e.g. {@code load 27 s (window 5 s + 1 wave × 7 s + slack 11 s), grace 2.0 s, report 30 s}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Phase p : phases) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(p.name()).append(' ').append(fmt(p.limit()));
            if (!p.name().equals("grace") && !p.name().equals("warm-up") && !p.derivation().isEmpty()) {
                b.append(" (").append(p.derivation()).append(')');
            }
        }
        return b.toString();
    }

    /** The highest value a delivery-delay distribution gives (a normal one: mean + 6 standard deviations). */
    static Duration highest(SkewDistribution d) {
        Duration h = switch (d) {
            case SkewDistribution.Fixed f -> f.skew();
            case SkewDistribution.Uniform u -> u.max();
            case SkewDistribution.Normal n -> n.mean().plus(n.stddev().multipliedBy(6));
            case SkewDistribution.Listed l -> l.skews().stream().max(Duration::compareTo).orElse(Duration.ZERO);
            case SkewDistribution.Mixture m -> m.components().stream().map(c -> highest(c.distribution()))
                    .max(Duration::compareTo).orElse(Duration.ZERO);
        };
        return h.isNegative() ? Duration.ZERO : h;
    }

    /** {@code 41 s}, {@code 7.0 s}, {@code 200 ms}. */
    static String fmt(Duration d) {
        if (d.compareTo(Duration.ofSeconds(10)) >= 0) {
            return String.format(Locale.ROOT, "%d s", Math.round(d.toMillis() / 1000.0));
        }
        if (d.compareTo(Duration.ofSeconds(1)) >= 0) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return d.toMillis() + " ms";
    }
}
