package io.sigload.drive;

import io.sigload.report.Completion;
import io.sigload.report.LatencyPhase;
import io.sigload.report.RunRecorder;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.TimeMode;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.Signers;
import io.sigload.timing.ArrivalSchedule;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a {@link Plan} on virtual threads (see Threads below). Each participant mints a token on its
 * minting clock (its own in the browser, or the server's), the token is delivered after the
 * participant's delivery delay, and the validator checks it on the validator's clock.
 *
 * <p>Time ({@link TimeMode}): in simulated time a participant's instants are planned from the
 * scenario's start ({@code join = start + joinOffset}; mint clock {@code = join + mintingSkew};
 * validator clock {@code = join + deliveryDelay + validatorSkew}) and nothing sleeps, so verdicts
 * depend only on the seed. In wall time participants really sleep their join offset and delivery
 * delay and read the system clock.
 *
 * <p>Latency (nanoseconds into the recorder): {@code sign} is the signer call (failed calls
 * included: a timeout is a latency too), {@code validate}
 * the validator call, {@code total} runs from the participant's intended start (gate release, or
 * its scheduled arrival in the open model) to its verdict, without the configured delivery delay.
 * In the open model {@code totalUncorrected} runs from the actual start instead, so the cost of
 * coordinated omission is visible next to the corrected figure.
 *
 * <p>Threads: one virtual thread per participant, except a burst bounded by {@code maxInFlight},
 * which runs {@code maxInFlight} virtual threads that take participants in turn.
 *
 * <p>Stopping early ({@link RunStop}, the one stop path): the driver releases no participant after a
 * stop is requested (a signal, the engine's out-of-memory guard) or after the load phase's deadline
 * ({@link Deadlines#load()}, counted from the gate or the first scheduled arrival; the driver then
 * requests the stop itself, cause {@link RunStop.Cause#DEADLINE}). It waits up to
 * {@link Deadlines#grace()} for the participants in flight, seals the recorder so those still
 * running cannot change the result, and returns; {@link #completion()} says what was not measured.
 *
 * <p>Not reusable: one driver, one run. One bad participant never stops the run: any exception is
 * counted under a category and the others go on.
 */
public final class Driver {
    private static final long LATE_NANOS = 1_000_000L;
    private static final int WARMUP_TOKENS = 2000;
    private static final long WARMUP_MILLIS = 150;
    /** How often the waiting driver looks at the stop and the deadline. */
    private static final long SLICE_NANOS = 20_000_000L;

    private final Plan plan;
    private final Signer signer;
    private final Validator validator;
    private final ValidationContext template;
    private final RunRecorder recorder;
    private final boolean clientMinted;
    private final boolean simulated;
    private final Instant simulatedStart;
    private final Duration serverSkew;
    private final Duration validatorSkew;
    private final int expirationSeconds;
    private final RunStop stop;
    private final Deadlines deadlines;
    private final LongAdder released = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile long graceNanos;
    /** Released and finished when the recorder was sealed (what finishes later is not measured). */
    private volatile long[] atSeal;

    /**
     * @param plan the participants
     * @param signer thread-safe signer
     * @param validator the validator
     * @param template profile, secret and leeway; {@code now}, meeting number and role are set per participant
     * @param recorder where results stream to
     */
    public Driver(Plan plan, Signer signer, Validator validator, ValidationContext template, RunRecorder recorder) {
        this(plan, signer, validator, template, recorder, new RunStop(), Deadlines.NONE);
    }

    /**
     * A driver that can be stopped early.
     *
     * @param stop requested by a signal or a guard; the driver requests it itself at the deadline
     * @param deadlines the load phase's deadline and the grace for participants in flight
     * @see #Driver(Plan, Signer, Validator, ValidationContext, RunRecorder)
     */
    public Driver(Plan plan, Signer signer, Validator validator, ValidationContext template, RunRecorder recorder,
            RunStop stop, Deadlines deadlines) {
        Scenario s = plan.scenario();
        this.stop = stop;
        this.deadlines = deadlines;
        this.plan = plan;
        this.signer = signer;
        this.validator = validator;
        this.template = template;
        this.recorder = recorder;
        this.clientMinted = s.signer().mintedOn() == Scenario.MintedOn.CLIENT;
        this.simulated = s.time().mode() == TimeMode.SIMULATED;
        this.simulatedStart = s.time().start();
        this.serverSkew = s.clocks().server();
        this.validatorSkew = s.clocks().validator();
        this.expirationSeconds = s.meeting().expirationSeconds();
    }

    /**
     * Runs every participant and waits for all of them.
     *
     * @return wall time from the start (gate release or first scheduled arrival) to the last verdict, ns
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public long run() throws InterruptedException {
        if (stop.requested()) {
            return 0;
        }
        warmUp();
        Scenario.LoadModel load = plan.scenario().load();
        return load instanceof Scenario.ArrivalRate ar ? runOpen(ar) : runBurst((Scenario.Burst) load);
    }

    /**
     * Mints and validates tokens off the record before the gate opens, so class initialisation
     * (which pins carrier threads) and the first JIT compilations do not land inside the burst:
     * a real signing backend is warm. In-process signers get up to {@value #WARMUP_TOKENS} tokens
     * within {@value #WARMUP_MILLIS} ms; remote and process signers one request, so a user's
     * endpoint sees no extra load.
     */
    private void warmUp() {
        if (plan.size() == 0) {
            return;
        }
        String type = plan.scenario().signer().type();
        int n = Signers.outOfProcess(type) ? 1 : WARMUP_TOKENS;
        long deadline = System.nanoTime() + WARMUP_MILLIS * 1_000_000L;
        Participant p = plan.participant(0);
        for (int i = 0; i < n && System.nanoTime() < deadline && !stop.requested(); i++) {
            try {
                String t = signer.sign(request(p, mintingClock(p)));
                validator.validate(t, context(p, validatorNow(p)));
            } catch (SignException | RuntimeException e) {
                return; // the real participant 0 will record what happens
            }
        }
    }

    private long runBurst(Scenario.Burst burst) throws InterruptedException {
        if (burst.maxInFlight() > 0) {
            return runBounded(burst.maxInFlight());
        }
        CountDownLatch gate = new CountDownLatch(1);
        long[] t0 = new long[1];
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < plan.size() && !stop.requested(); i++) {
                final int index = i;
                exec.execute(() -> {
                    try {
                        gate.await();
                        if (stop.requested()) {
                            return;
                        }
                        Participant p = plan.participant(index);
                        long intended = t0[0] + (simulated ? 0 : p.joinOffset().toNanos());
                        run(p, intended, intended);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        } finally {
            t0[0] = System.nanoTime();
            gate.countDown();
        }
        return awaitEnd(exec, t0[0]);
    }

    /**
     * A burst bounded by {@code maxInFlight}: that many virtual threads, each taking the next
     * participant (in index order) until none is left. Same semantics as one virtual thread per
     * participant behind a semaphore (every participant is intended to start at the gate, waits
     * for a slot, and its total latency includes that wait), without parking tens of thousands
     * of threads at the gate and again at the semaphore: that cost ~130 µs of CPU per participant
     * in a 50,000-participant http run. An interrupted worker stops taking participants.
     */
    private long runBounded(int maxInFlight) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        long[] t0 = new long[1];
        int workers = Math.min(maxInFlight, plan.size());
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int w = 0; w < workers; w++) {
                exec.execute(() -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int index; !Thread.currentThread().isInterrupted() && !stop.requested()
                            && (index = next.getAndIncrement()) < plan.size(); ) {
                        Participant p = plan.participant(index);
                        long intended = t0[0] + (simulated ? 0 : p.joinOffset().toNanos());
                        run(p, intended, intended);
                    }
                });
            }
        } finally {
            t0[0] = System.nanoTime();
            gate.countDown();
        }
        return awaitEnd(exec, t0[0]);
    }

    private long runOpen(Scenario.ArrivalRate ar) throws InterruptedException {
        Semaphore bound = ar.maxInFlight() > 0 ? new Semaphore(ar.maxInFlight()) : null;
        ArrivalSchedule schedule = plan.schedule();
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        long deadline = start + deadlines.load().toNanos();
        try {
            schedule(ar, bound, schedule, exec, start, deadline);
        } catch (InterruptedException e) {
            seal();
            exec.shutdownNow();
            throw e;
        }
        return awaitEnd(exec, start);
    }

    /** Releases the open model's participants on their schedule until the end, a stop or the deadline. */
    private void schedule(Scenario.ArrivalRate ar, Semaphore bound, ArrivalSchedule schedule, ExecutorService exec,
            long start, long deadline) throws InterruptedException {
        schedule:
        for (int i = 0; i < plan.size(); i++) {
            long intended = start + schedule.startNanos(i);
            long wait = intended - System.nanoTime();
            if (wait > 0 && stop.await(Math.min(wait, deadline - System.nanoTime()))) {
                break;
            }
            if (stopAtDeadline(deadline)) {
                break;
            }
            if (bound != null && !bound.tryAcquire()) {
                if (ar.dropWhenFull()) {
                    recorder.recordDroppedStart();
                    dropped.increment();
                    continue;
                }
                // wait for a slot: this start and the ones behind it are late; never past the deadline or a stop
                while (!bound.tryAcquire(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
                    if (stop.requested() || stopAtDeadline(deadline)) {
                        break schedule;
                    }
                }
            }
            if (System.nanoTime() - intended > LATE_NANOS) {
                recorder.recordLateStart();
            }
            final int index = i;
            exec.execute(() -> {
                try {
                    run(plan.participant(index), intended, System.nanoTime());
                } finally {
                    if (bound != null) {
                        bound.release();
                    }
                }
            });
        }
    }

    /** Requests the stop when the load phase's deadline has passed; whether a stop is requested. */
    private boolean stopAtDeadline(long deadlineNanos) {
        if (!stop.requested() && System.nanoTime() - deadlineNanos >= 0) {
            stop.request(RunStop.Cause.DEADLINE);
        }
        return stop.requested();
    }

    /**
     * Waits for every participant, but not past the load phase's deadline (counted from
     * {@code startNanos}) or a stop: then up to the grace for those in flight, the recorder is
     * sealed and the rest are interrupted and left behind.
     *
     * @return wall time from {@code startNanos} to the end, ns
     */
    private long awaitEnd(ExecutorService exec, long startNanos) throws InterruptedException {
        exec.shutdown();
        long deadline = startNanos + deadlines.load().toNanos();
        try {
            while (!exec.awaitTermination(SLICE_NANOS, TimeUnit.NANOSECONDS)) {
                if (stopAtDeadline(deadline)) {
                    long g0 = System.nanoTime();
                    exec.awaitTermination(deadlines.grace().toNanos(), TimeUnit.NANOSECONDS);
                    graceNanos = System.nanoTime() - g0;
                    seal();
                    break;
                }
            }
        } catch (InterruptedException e) {
            seal();
            exec.shutdownNow();
            throw e;
        }
        if (stop.requested()) {
            seal();
            exec.shutdownNow(); // participants still in flight are interrupted; they record nothing now
        }
        return System.nanoTime() - startNanos;
    }

    private void seal() {
        if (atSeal == null) {
            long f = finished.sum();
            recorder.seal();
            atSeal = new long[] {released.sum(), f};
        }
    }

    /**
     * How far the run got: {@link Completion#FULL} when no stop was requested, else the cause and
     * the participants not started and abandoned in flight. Call after {@link #run()}.
     */
    public Completion completion() {
        RunStop.Cause c = stop.cause();
        if (c == null) {
            return Completion.FULL;
        }
        long[] at = atSeal != null ? atSeal : new long[] {released.sum(), finished.sum()};
        return new Completion(c.name(), c.text(), Math.max(0, plan.size() - at[0] - dropped.sum()),
                Math.max(0, at[0] - at[1]), graceNanos / 1_000_000);
    }

    /** One participant, counted as released and, when it is done, finished. */
    private void run(Participant p, long intendedNanos, long actualNanos) {
        released.increment();
        try {
            participate(p, intendedNanos, actualNanos);
        } finally {
            finished.increment();
        }
    }

    /**
     * One participant: mint, deliver, validate, record.
     *
     * @param intendedNanos when the participant should have started (System.nanoTime scale)
     * @param actualNanos when it did start
     */
    private void participate(Participant p, long intendedNanos, long actualNanos) {
        long skewMs = p.clockSkew().toMillis();
        long mintSkewMs = mintingSkew(p).toMillis();
        String zone = p.zone().equals(ZoneOffset.UTC) ? "UTC" : p.zone().getId();
        try {
            if (!simulated) {
                sleepUntil(intendedNanos);
            }
            String token;
            long s0 = System.nanoTime();
            try {
                token = signer.sign(request(p, mintingClock(p)));
            } catch (SignException e) {
                recordFailedMint(s0, intendedNanos, actualNanos);
                recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, e.category(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                recordFailedMint(s0, intendedNanos, actualNanos);
                recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "SIGNER_CRASH",
                        e.getClass().getSimpleName() + " thrown by the signer");
                return;
            }
            long s1 = System.nanoTime();
            recorder.recordLatency(LatencyPhase.SIGN, s1 - s0);
            if (!simulated && !p.deliveryDelay().isZero()) {
                Thread.sleep(p.deliveryDelay());
            }
            long v0 = System.nanoTime();
            Verdict verdict;
            Instant validatorNow = validatorNow(p);
            try {
                verdict = validator.validate(token, context(p, validatorNow));
            } catch (RuntimeException e) {
                recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "VALIDATOR_CRASH",
                        e.getClass().getSimpleName() + " thrown by the validator");
                return;
            }
            long v1 = System.nanoTime();
            recorder.recordLatency(LatencyPhase.VALIDATE, v1 - v0);
            long busy = (s1 - Math.max(intendedNanos, 0)) + (v1 - v0);
            recorder.recordLatency(LatencyPhase.TOTAL, busy);
            if (plan.schedule() != null) {
                recorder.recordLatency(LatencyPhase.TOTAL_UNCORRECTED, (s1 - actualNanos) + (v1 - v0));
            }
            recorder.recordVerdict(p.index(), skewMs, mintSkewMs, p.role(), zone, verdict, token,
                    validatorNow.getEpochSecond());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "INTERRUPTED", "the run was interrupted");
        } catch (RuntimeException | Error e) {
            recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "PARTICIPANT_CRASH",
                    e.getClass().getSimpleName() + " in participant " + p.index());
        }
    }

    /**
     * A failed mint still took time (a timeout is the slowest answer of all): its sign and total
     * latency are recorded, so a latency threshold cannot pass because every participant failed.
     */
    private void recordFailedMint(long s0, long intendedNanos, long actualNanos) {
        long s1 = System.nanoTime();
        recorder.recordLatency(LatencyPhase.SIGN, s1 - s0);
        recorder.recordLatency(LatencyPhase.TOTAL, s1 - intendedNanos);
        if (plan.schedule() != null) {
            recorder.recordLatency(LatencyPhase.TOTAL_UNCORRECTED, s1 - actualNanos);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    /** The skew of the clock this participant's token is minted on. */
    Duration mintingSkew(Participant p) {
        return clientMinted ? p.clockSkew() : serverSkew;
    }

    /**
     * The minting clock: fixed at the planned instant (simulated) or the system clock offset by the
     * skew (wall). Its zone is the participant's time zone when the token is minted on the
     * participant's machine (UTC on the server): signers that run the user's own code impose it.
     */
    Clock mintingClock(Participant p) {
        ZoneId zone = clientMinted ? p.zone() : ZoneOffset.UTC;
        if (simulated) {
            return Clock.fixed(simulatedStart.plus(p.joinOffset()).plus(mintingSkew(p)), zone);
        }
        return Clock.offset(Clock.system(zone), mintingSkew(p));
    }

    /**
     * The validator's clock when this participant's token arrives, in whole seconds (NumericDates
     * are seconds, RFC 7519 §2; a validator compares them with its clock's seconds).
     */
    Instant validatorNow(Participant p) {
        Instant now = simulated ? simulatedStart.plus(p.joinOffset()).plus(p.deliveryDelay()).plus(validatorSkew)
                : Instant.now().plus(validatorSkew);
        return now.truncatedTo(ChronoUnit.SECONDS);
    }

    private SignRequest request(Participant p, Clock clock) {
        return new SignRequest(p.index(), p.meetingNumber(), p.role(), expirationSeconds, null, clock);
    }

    private ValidationContext context(Participant p, Instant now) {
        return new ValidationContext(template.profile(), template.secret(), template.alternativeSecrets(), now,
                template.iatLeewaySeconds(), p.meetingNumber(), p.role(), template.sessionName());
    }
}
