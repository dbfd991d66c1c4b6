package io.sigload.drive;

import io.sigload.report.ReplayCandidates;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.ReplayEvidence.Replayed;
import io.sigload.scenario.TimeMode;
import io.sigload.sign.SignException;
import io.sigload.sign.Signer;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The replay after a run with failures: the failing participants kept by the recorder, and as
 * many passing ones for comparison, minted and validated again one at a time on one thread, with
 * nothing else running. Failing and passing participants alternate, so a drift during the replay
 * (a wall clock, a warming endpoint) touches both alike.
 *
 * <p>Time: in simulated time each participant mints and is judged at the same planned instants as
 * in the run (its minting clock fixed at {@code join + skew}, the validator's at
 * {@code join + delivery delay + validator skew}), so only concurrency differs. In wall time
 * (http signers, which read their own clock) it mints now on its skewed clock and the validator
 * judges at {@code now + delivery delay + validator skew}, without sleeping the delay.
 *
 * <p>Bounded in time by {@link #deadline}: the replay runs on its own virtual thread, which is
 * interrupted when the deadline passes; what was replayed by then is kept, with a note.
 *
 * <p>Not thread-safe; one replay per run, after the run.
 */
final class Replay {
    /** Budget per replayed participant for a signer that sets no timeout of its own (in-process). */
    static final Duration IN_PROCESS_CALL = Duration.ofMillis(200);
    /** Budget on top of the per-participant ones (thread start, a cold code path). */
    static final Duration BASE = Duration.ofSeconds(2);
    /** The longest a replay may take, whatever the signer's timeouts. */
    static final Duration MAX = Duration.ofSeconds(60);
    /** How long an interrupted replay gets to stop before its result is taken as it is. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** How often the waiting replay looks for a stop ({@link Driver#stop}). */
    private static final Duration STOP_POLL = Duration.ofMillis(50);

    private final Driver driver;
    private final Plan plan;
    private final Signer signer;
    private final Validator validator;
    private final boolean simulated;
    private final Duration validatorSkew;

    Replay(Driver driver, Plan plan, Signer signer, Validator validator) {
        this.driver = driver;
        this.plan = plan;
        this.signer = signer;
        this.validator = validator;
        this.simulated = plan.scenario().time().mode() == TimeMode.SIMULATED;
        this.validatorSkew = plan.scenario().clocks().validator();
    }

    /**
     * The replay's time budget: {@link #BASE} plus, per participant replayed, the signer's own
     * bound on one call ({@link Signer#callBound()}: an http signer's call timeout times its
     * attempts, a process signer's timeout; the same bound the run's {@code Deadlines} use) or {@link #IN_PROCESS_CALL}, at most {@link #MAX}.
     * This is the one place the replay's deadline is computed.
     *
     * @param signer the run's signer
     * @param participants how many participants the replay will mint for
     */
    static Duration deadline(Signer signer, int participants) {
        Duration perCall = signer.callBound().orElse(IN_PROCESS_CALL);
        Duration d = BASE.plus(perCall.multipliedBy(participants));
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    /**
     * Replays the candidates and counts what they show.
     *
     * @param candidates failing participants (with their burst outcome) and passing ones
     * @param duplicates what the run counted of repeated tokens (kept in the evidence)
     * @param deadline when to stop, from now
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    ReplayEvidence run(ReplayCandidates candidates, ReplayEvidence duplicates, Duration deadline)
            throws InterruptedException {
        List<Map.Entry<Integer, String>> order = alternate(candidates.failing(), candidates.passing());
        List<Replayed> done = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        Thread worker = Thread.ofVirtual().name("sigload-replay").start(() -> {
            for (Map.Entry<Integer, String> e : order) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                String alone = alone(plan.participant(e.getKey()));
                if (Thread.currentThread().isInterrupted()) {
                    return; // cut off by the deadline: not an outcome of the participant alone
                }
                done.add(new Replayed(e.getKey(), e.getValue(), alone));
            }
        });
        // waits in slices: a stop asked for during the replay (Ctrl-C, SIGTERM: Driver#stop, the one
        // stop path) ends it as the deadline does, keeping what was replayed
        long end = t0 + deadline.toNanos();
        boolean finished;
        String stopped = null;
        while (!(finished = worker.join(Duration.ofNanos(Math.max(1, Math.min(STOP_POLL.toNanos(),
                end - System.nanoTime())))))) {
            stopped = driver.stopReason();
            if (stopped != null || System.nanoTime() - end >= 0) {
                break;
            }
        }
        String note = "";
        if (!finished) {
            worker.interrupt();
            worker.join(STOP_GRACE);
            note = stopped != null
                    ? String.format(Locale.ROOT, "stopped (%s) after %d of %d participants", stopped, done.size(),
                            order.size())
                    : String.format(Locale.ROOT, "deadline of %.1f s reached after %d of %d participants",
                            deadline.toMillis() / 1000.0, done.size(), order.size());
        }
        long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
        List<Replayed> replayed;
        synchronized (done) {
            replayed = List.copyOf(done);
        }
        int failing = 0;
        int failingValid = 0;
        int passing = 0;
        int passingInvalid = 0;
        for (Replayed r : replayed) {
            if (r.failedInBurst()) {
                failing++;
                failingValid += r.validAlone() ? 1 : 0;
            } else {
                passing++;
                passingInvalid += r.validAlone() ? 0 : 1;
            }
        }
        return new ReplayEvidence(failing, failingValid, passing, passingInvalid, duplicates.duplicateTokens(),
                simulated ? "simulated" : "wall", note, duplicates.tokensCounted(), deadline.toMillis(), elapsedMillis,
                replayed);
    }

    /** One participant alone: {@code valid}, its first reason code, or the mint-error category. */
    private String alone(Participant p) {
        String token;
        try {
            token = signer.sign(driver.request(p, driver.mintingClock(p)));
        } catch (SignException e) {
            return e.category();
        } catch (RuntimeException e) {
            return "SIGNER_CRASH";
        }
        Instant now = simulated ? driver.validatorNow(p)
                : Instant.now().plus(p.deliveryDelay()).plus(validatorSkew).truncatedTo(ChronoUnit.SECONDS);
        try {
            Verdict v = validator.validate(token, driver.context(p, now));
            return v.valid() ? ReplayEvidence.VALID : v.errors().get(0).code().name();
        } catch (RuntimeException e) {
            return "VALIDATOR_CRASH";
        }
    }

    /** f0, p0, f1, p1, ... and then the rest of the longer list. */
    private static List<Map.Entry<Integer, String>> alternate(Map<Integer, String> failing, Map<Integer, String> passing) {
        List<Map.Entry<Integer, String>> out = new ArrayList<>(failing.size() + passing.size());
        Iterator<Map.Entry<Integer, String>> f = failing.entrySet().iterator();
        Iterator<Map.Entry<Integer, String>> p = passing.entrySet().iterator();
        while (f.hasNext() || p.hasNext()) {
            if (f.hasNext()) {
                out.add(Map.Entry.copyOf(f.next()));
            }
            if (p.hasNext()) {
                out.add(Map.Entry.copyOf(p.next()));
            }
        }
        return out;
    }
}
