package io.sigload.drive;

import io.sigload.report.Completion;
import io.sigload.report.LatencyPhase;
import io.sigload.report.RunRecorder;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.TimeMode;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerFault;
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
import java.util.concurrent.locks.LockSupport;

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
 * <p>Threads ({@link #threading}): a burst of an in-process signer ({@link Signers#outOfProcess} false) in
 * simulated time runs on one platform worker per carrier, each taking participants in plan order;
 * otherwise one virtual thread per participant, except a burst bounded by {@code maxInFlight},
 * which runs {@code maxInFlight} virtual threads that take participants in turn. A burst that
 * would park more virtual threads at the gate than the heap holds is refused before it starts
 * ({@link #heapProblem}); a heap that fills anyway stops the run cleanly ({@link #stop}).
 *
 * <p>Shards: a plan that is one {@link Shard} runs only its own participants, each at its planned
 * instant (its join offset, or its arrival in the schedule, from the common start). Given a start
 * instant, the driver warms up, parks every participant at the gate, then waits for that wall-clock
 * instant before releasing them, so shards on several machines release their bursts together;
 * {@link #releasedAt()} says when it really did.
 *
 * <p>Stopping early ({@link #stop}, the one stop path): no participant is released after a stop is
 * requested (a signal, a full heap) or after the load phase's deadline ({@link Deadlines#load()},
 * from the release; the driver then stops itself with {@link StopCause#DEADLINE}). Those in flight
 * get up to {@link Deadlines#grace()} to finish; then the recorder is sealed, so the ones still
 * running cannot change the result, and {@link #run()} returns; {@link #completion()} says why
 * and what was not measured.
 *
 * <p>Not reusable: one driver, one run. One bad participant never stops the run: any exception is
 * counted under a category and the others go on.
 */
public final class Driver {
    private static final long LATE_NANOS = 1_000_000L;
    private static final int WARMUP_TOKENS = 2000;
    private static final long WARMUP_MILLIS = 150;
    private static final int RESERVE_BYTES = 4 << 20;
    /** Participants a carrier worker claims at once (in plan order). */
    private static final int CHUNK = 64;
    /**
     * Heap one participant parked at the burst gate on its own virtual thread costs (thread,
     * continuation stack chunk, task): measured ~1.1 KB on JDK 25 (docs/performance.md), with a
     * margin.
     */
    static final long PARKED_PARTICIPANT_BYTES = 1536;

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
    private final Sink direct;
    private String forcedThreading;
    /** Why the run was stopped early, or {@code null} while it runs to the end. */
    private volatile String stopReason;
    /**
     * Heap held back for the end of the run: released when the heap runs out, so the partial
     * result and its reports can still be built.
     */
    private volatile byte[] reserve = new byte[RESERVE_BYTES];
    private final Instant startAt;
    private volatile Instant releasedAt;
    private final Deadlines deadlines;
    private volatile StopCause stopCause;
    /** Participants released and finished (per-participant, bounded and open paths). */
    private final LongAdder released = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile long graceNanos;
    /** In flight when the recorder was sealed (what finishes later is not measured); -1 before. */
    private volatile long abandoned = -1;
    /** How often the waiting driver looks at a stop and the deadline, ns. */
    private static final long SLICE_NANOS = 20_000_000L;

    /**
     * @param plan the participants
     * @param signer thread-safe signer
     * @param validator the validator
     * @param template profile, secret and leeway; {@code now}, meeting number and role are set per participant
     * @param recorder where results stream to
     */
    public Driver(Plan plan, Signer signer, Validator validator, ValidationContext template, RunRecorder recorder) {
        this(plan, signer, validator, template, recorder, null);
    }

    /**
     * A driver that releases its participants at a wall-clock instant.
     *
     * @param startAt when to open the gate (or start the arrival schedule), on the system clock; if
     *     it has passed by the time the driver is ready, the gate opens at once (and late); {@code null}
     *     opens it as soon as the driver is ready
     * @see #Driver(Plan, Signer, Validator, ValidationContext, RunRecorder)
     */
    public Driver(Plan plan, Signer signer, Validator validator, ValidationContext template, RunRecorder recorder,
            Instant startAt) {
        this(plan, signer, validator, template, recorder, startAt, Deadlines.NONE);
    }

    /**
     * A driver with deadlines: the load phase ends at {@link Deadlines#load()} after the release.
     *
     * @see #Driver(Plan, Signer, Validator, ValidationContext, RunRecorder, Instant)
     */
    public Driver(Plan plan, Signer signer, Validator validator, ValidationContext template, RunRecorder recorder,
            Instant startAt, Deadlines deadlines) {
        Scenario s = plan.scenario();
        this.deadlines = deadlines;
        this.startAt = startAt;
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
        this.direct = new Sink() {
            @Override
            public void recordLatency(LatencyPhase phase, long nanos) {
                recorder.recordLatency(phase, nanos);
            }

            @Override
            public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                    Verdict v, String token, long validatorNowMillis, long mintedAtMillis, long mintSpreadMillis,
                    long requestKey) {
                recorder.recordVerdict(participant, skewMillis, mintingSkewMillis, role, zone, v, token,
                        validatorNowMillis, mintedAtMillis, mintSpreadMillis, requestKey);
            }

            @Override
            public void recordMintError(int participant, long skewMillis, long mintingSkewMillis, int role,
                    String zone, String category, String message) {
                recorder.recordMintError(participant, skewMillis, mintingSkewMillis, role, zone, category, message);
            }
        };
    }

    /** Where one participant's outcome goes: the run's recorder, or a worker's batch of it. */
    private interface Sink {
        void recordLatency(LatencyPhase phase, long nanos);

        /** {@code validatorNowMillis}, {@code mintedAtMillis}, {@code mintSpreadMillis}: see {@link RunRecorder}. */
        void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                Verdict verdict, String token, long validatorNowMillis, long mintedAtMillis, long mintSpreadMillis,
                long requestKey);

        void recordMintError(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                String category, String message);
    }

    /** A worker's batch ({@link RunRecorder#batch()}) seen as a {@link Sink}. */
    private static Sink sink(RunRecorder.Batch b) {
        return new Sink() {
            @Override
            public void recordLatency(LatencyPhase phase, long nanos) {
                b.recordLatency(phase, nanos);
            }

            @Override
            public void recordVerdict(int participant, long skewMillis, long mintingSkewMillis, int role, String zone,
                    Verdict v, String token, long validatorNowMillis, long mintedAtMillis, long mintSpreadMillis,
                    long requestKey) {
                b.recordVerdict(participant, skewMillis, mintingSkewMillis, role, zone, v, token, validatorNowMillis,
                        mintedAtMillis, mintSpreadMillis, requestKey);
            }

            @Override
            public void recordMintError(int participant, long skewMillis, long mintingSkewMillis, int role,
                    String zone, String category, String message) {
                b.recordMintError(participant, skewMillis, mintingSkewMillis, role, zone, category, message);
            }
        };
    }

    /**
     * Ends the load early: no participant starts after this call, those already signing or
     * validating get up to {@link Deadlines#grace()} to finish and be recorded, and {@link #run()}
     * then returns as usual with what was measured; {@link #stopReason()} says why. This is the one
     * "stop and keep what was measured" path: a full heap uses it, a signal handler, and the load
     * phase's deadline. Safe to call from any thread, any number of times (the first reason is kept).
     *
     * @param reason for the report, e.g. "interrupted (SIGINT)" or "out of memory"
     */
    public void stop(String reason) {
        stop(StopCause.OTHER, reason);
    }

    /**
     * {@link #stop(String)} with the cause, which reports carry ({@code "stoppedBy"}) and the CLI
     * maps to its exit code.
     */
    public void stop(StopCause cause, String reason) {
        synchronized (this) {
            if (stopReason == null) {
                stopReason = reason == null || reason.isBlank() ? cause.text() : reason;
                stopCause = cause;
            }
        }
    }

    /** Why the run was stopped early, as a cause, or {@code null}. */
    public StopCause stopCause() {
        return stopCause;
    }

    /** Why the run was stopped before every participant ran ({@link #stop}), or {@code null}. */
    public String stopReason() {
        return stopReason;
    }

    private boolean stopped() {
        return stopReason != null;
    }

    /** The heap ran out: give back the reserve so the result can be built, and stop the load. */
    private void outOfMemory(OutOfMemoryError e) {
        reserve = null;
        stop(StopCause.OUT_OF_MEMORY, "out of memory: the heap (" + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max) filled up; "
                + "raise it with SIGLOAD_JAVA_OPTS=-Xmx... or lower load.maxInFlight");
    }

    /**
     * How this plan will be run with this signer: on carrier workers ({@code carriers}), on
     * {@code maxInFlight} virtual threads ({@code bounded}), one virtual thread per participant
     * parked at the gate ({@code per-participant}) or started on schedule ({@code open}). Carrier
     * workers take a burst of an in-process signer in simulated time, unless the scenario injects a
     * thread-safety bug ({@code signer.fault}), which needs requests that overlap.
     */
    static String threading(Plan plan, Signer signer) {
        Scenario s = plan.scenario();
        if (s.load() instanceof Scenario.ArrivalRate) {
            return "open";
        }
        // an injected thread-safety bug is about requests that overlap: it keeps a virtual thread per
        // participant, as a server keeps a thread per request, so a yield inside the race window lets
        // another participant in (two carrier workers on a busy machine rarely overlap at all)
        if (!Signers.outOfProcess(s.signer().type()) && s.time().mode() == TimeMode.SIMULATED
                && s.signer().fault() == SignerFault.NONE) {
            return "carriers";
        }
        return ((Scenario.Burst) s.load()).maxInFlight() > 0 ? "bounded" : "per-participant";
    }

    /**
     * Refuses, before anything starts, a burst that would park more virtual threads at the gate
     * than the heap can hold ({@value #PARKED_PARTICIPANT_BYTES} bytes each, against 80% of the
     * maximum heap).
     *
     * @return {@code null} when it fits, else what to change, for the user
     */
    static String heapProblem(Plan plan, Signer signer, long maxHeapBytes) {
        if (!threading(plan, signer).equals("per-participant")) {
            return null;
        }
        long need = (long) plan.count() * PARKED_PARTICIPANT_BYTES;
        if (need <= maxHeapBytes / 10 * 8) {
            return null;
        }
        return "a burst of " + plan.count() + " participants with signer " + plan.scenario().signer().type()
                + " parks one virtual thread per participant at the gate: about " + need / (1 << 20)
                + " MB, more than 80% of this JVM's heap (" + maxHeapBytes / (1 << 20) + " MB max). Set"
                + " load.maxInFlight (e.g. 1024: that many in flight, the rest wait their turn from the same"
                + " gate) or raise the heap with SIGLOAD_JAVA_OPTS=-Xmx" + Math.max(1, need * 2 / (1 << 30) + 1) + "g";
    }

    /**
     * Runs every participant and waits for all of them.
     *
     * @return wall time from the start (gate release or first scheduled arrival) to the last verdict, ns
     * @throws InterruptedException when the calling thread is interrupted while waiting
     */
    public long run() throws InterruptedException {
        if (stopped()) {
            return 0;
        }
        warmUp();
        if (stopped()) { // a stop (or a full heap) during the warm-up: no participant starts
            return 0;
        }
        Scenario.LoadModel load = plan.scenario().load();
        return load instanceof Scenario.ArrivalRate ar ? runOpen(ar) : runBurst((Scenario.Burst) load);
    }

    /**
     * Mints and validates tokens off the record before the gate opens, so class initialisation
     * (which pins carrier threads) and the first JIT compilations do not land inside the burst:
     * a real signing backend is warm. In-process signers get up to {@value #WARMUP_TOKENS} tokens
     * within {@value #WARMUP_MILLIS} ms. I/O-bound signers (http, process) get one request, or the
     * signer's {@code warmup:} count of requests, sent from as many virtual threads as the run
     * keeps in flight (so the connections the run will use are open and the client's code is
     * compiled), each one's latency in the {@code warmup} phase and in no other figure; a user's
     * endpoint sees no extra load unless asked.
     */
    private void warmUp() {
        if (plan.count() == 0) {
            return;
        }
        if (Signers.outOfProcess(plan.scenario().signer().type())) {
            warmUpRemote(Math.max(1, plan.scenario().signer().options().path("warmup").asInt(0)));
            return;
        }
        long deadline = System.nanoTime() + WARMUP_MILLIS * 1_000_000L;
        Participant p = plan.participant(0);
        for (int i = 0; i < WARMUP_TOKENS && System.nanoTime() < deadline; i++) {
            try {
                String t = signer.sign(request(p, mintingClock(p)));
                validator.validate(t, context(p, validatorNow(p)));
            } catch (SignException | RuntimeException e) {
                return; // the real participant 0 will record what happens
            } catch (OutOfMemoryError e) {
                outOfMemory(e); // the same stop as in the load phase: reports written, marked interrupted
                return;
            }
        }
    }

    private void warmUpRemote(int requests) {
        Scenario.LoadModel load = plan.scenario().load();
        int bound = load instanceof Scenario.Burst b ? b.maxInFlight() : ((Scenario.ArrivalRate) load).maxInFlight();
        int threads = Math.min(requests, bound > 0 ? bound : 64);
        AtomicInteger left = new AtomicInteger(requests);
        Participant p = plan.participant(0);
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                exec.execute(() -> {
                    while (left.getAndDecrement() > 0 && !stopped()) {
                        long s0 = System.nanoTime();
                        try {
                            String token = signer.sign(request(p, mintingClock(p)));
                            recorder.recordLatency(LatencyPhase.WARMUP, System.nanoTime() - s0);
                            validator.validate(token, context(p, validatorNow(p)));
                        } catch (SignException | RuntimeException e) {
                            recorder.recordLatency(LatencyPhase.WARMUP, System.nanoTime() - s0);
                            return; // the real participants will record what happens
                        } catch (OutOfMemoryError e) {
                            outOfMemory(e);
                            return;
                        }
                    }
                });
            }
        }
    }

    /** Tests only: run a burst as {@code mode} ({@link #threading}'s names) whatever the signer. */
    Driver forceThreading(String mode) {
        this.forcedThreading = mode;
        return this;
    }

    private long runBurst(Scenario.Burst burst) throws InterruptedException {
        String threading = forcedThreading != null ? forcedThreading : threading(plan, signer);
        if (threading.equals("carriers")) {
            return runOnCarriers(burst.maxInFlight());
        }
        if (threading.equals("bounded")) {
            return runBounded(burst.maxInFlight());
        }
        CountDownLatch gate = new CountDownLatch(1);
        long[] t0 = new long[1];
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int k = 0; k < plan.count() && !stopped(); k++) {
                final int index = plan.index(k);
                try {
                    exec.execute(() -> {
                        try {
                            gate.await();
                            if (stopped()) {
                                return;
                            }
                            Participant p = plan.participant(index);
                            long intended = t0[0] + (simulated ? 0 : p.joinOffset().toNanos());
                            counted(p, intended, intended);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                } catch (OutOfMemoryError e) {
                    outOfMemory(e); // the threads already parked are released and return at once
                }
            }
            awaitStart();
        } finally {
            t0[0] = release();
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
        int workers = Math.min(maxInFlight, plan.count());
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
                    for (int k; !Thread.currentThread().isInterrupted() && !stopped()
                            && (k = next.getAndIncrement()) < plan.count(); ) {
                        Participant p = plan.participant(plan.index(k));
                        long intended = t0[0] + (simulated ? 0 : p.joinOffset().toNanos());
                        counted(p, intended, intended);
                    }
                });
            }
            awaitStart();
        } finally {
            t0[0] = release();
            gate.countDown();
        }
        return awaitEnd(exec, t0[0]);
    }

    /**
     * A burst of a CPU-bound signer in simulated time: one platform worker per carrier (capped by
     * {@code maxInFlight} when set), each taking the next {@value #CHUNK} participants in plan
     * order until none is left. Every participant is still intended to start at the gate
     * instant, so its total latency includes the wait for a free worker: the burst keeps its
     * meaning, without a parked virtual thread per participant (~1 KB of heap each and a trip
     * through the scheduler for nothing, since no call blocks). Each worker records into its own
     * {@link RunRecorder#batch() batch}.
     */
    private long runOnCarriers(int maxInFlight) throws InterruptedException {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        int workers = Math.max(1, Math.min(maxInFlight > 0 ? Math.min(carriers, maxInFlight) : carriers,
                plan.count()));
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        long[] t0 = new long[1];
        Thread[] threads = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            threads[w] = Thread.ofPlatform().name("sigload-worker-" + w).daemon().unstarted(() -> {
                try (RunRecorder.Batch batch = recorder.batch()) {
                    Sink sink = sink(batch);
                    ready.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long intended = t0[0];
                    int size = plan.count();
                    for (int from; !stopped() && (from = next.getAndAdd(CHUNK)) < size; ) {
                        int to = Math.min(size, from + CHUNK);
                        for (int k = from; k < to && !stopped(); k++) {
                            participate(plan.participant(plan.index(k)), intended, intended, sink);
                        }
                    }
                } catch (OutOfMemoryError e) {
                    outOfMemory(e);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        long start;
        try {
            ready.await();
            awaitStart();
            start = release();
            t0[0] = start;
            gate.countDown();
            joinWithin(threads, start + deadlines.load().toNanos());
        } catch (InterruptedException e) {
            stop("interrupted");
            gate.countDown();
            for (Thread t : threads) {
                t.join();
            }
            throw e;
        }
        return System.nanoTime() - start;
    }

    /**
     * Joins the carrier workers, but not past the deadline or a stop: then each gets the grace,
     * the recorder is sealed, and a worker still busy counts as one participant abandoned in flight
     * (a worker runs one participant at a time; the rest of its claim is not started).
     */
    private void joinWithin(Thread[] threads, long deadlineNanos) throws InterruptedException {
        for (Thread t : threads) {
            while (t.isAlive() && !stopAtDeadline(deadlineNanos)) {
                t.join(Duration.ofNanos(SLICE_NANOS));
            }
        }
        if (!stopped()) {
            return;
        }
        long g0 = System.nanoTime();
        long graceEnd = g0 + deadlines.grace().toNanos();
        for (Thread t : threads) {
            long left = graceEnd - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
        }
        graceNanos = System.nanoTime() - g0;
        long busy = 0;
        for (Thread t : threads) {
            busy += t.isAlive() ? 1 : 0;
        }
        seal(busy);
    }

    private long runOpen(Scenario.ArrivalRate ar) throws InterruptedException {
        Semaphore bound = ar.maxInFlight() > 0 ? new Semaphore(ar.maxInFlight()) : null;
        ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
        long start;
        try {
            awaitStart();
            start = release();
            schedule(ar, bound, exec, start, start + deadlines.load().toNanos());
        } catch (InterruptedException e) {
            seal(-1);
            exec.shutdownNow();
            throw e;
        }
        return awaitEnd(exec, start);
    }

    /** Releases the open model's participants on their schedule until the end, a stop or the deadline. */
    private void schedule(Scenario.ArrivalRate ar, Semaphore bound, ExecutorService exec, long start, long deadline)
            throws InterruptedException {
        ArrivalSchedule schedule = plan.schedule();
        schedule:
        for (int k = 0; k < plan.count() && !stopped(); k++) {
            final int index = plan.index(k);
            long intended = start + schedule.startNanos(index);
            long wait;
            while ((wait = intended - System.nanoTime()) > 0 && !stopAtDeadline(deadline)) {
                LockSupport.parkNanos(Math.min(wait, SLICE_NANOS));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
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
                    if (stopAtDeadline(deadline)) {
                        break schedule;
                    }
                }
            }
            if (System.nanoTime() - intended > LATE_NANOS) {
                recorder.recordLateStart();
            }
            exec.execute(() -> {
                try {
                    counted(plan.participant(index), intended, System.nanoTime());
                } finally {
                    if (bound != null) {
                        bound.release();
                    }
                }
            });
        }
    }

    /** Stops the run when the load phase's deadline has passed; whether it is stopped (for any reason). */
    private boolean stopAtDeadline(long deadlineNanos) {
        if (!stopped() && System.nanoTime() - deadlineNanos >= 0) {
            stop(StopCause.DEADLINE, StopCause.DEADLINE.text() + " (" + Deadlines.fmt(deadlines.load()) + ")");
        }
        return stopped();
    }

    /**
     * Waits for every participant, but not past the load phase's deadline (from {@code startNanos})
     * or a stop: then up to the grace for those in flight, the recorder is sealed and the rest are
     * interrupted and left behind.
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
                    break;
                }
            }
        } catch (InterruptedException e) {
            seal(-1);
            exec.shutdownNow();
            throw e;
        }
        if (stopped()) {
            seal(-1);
            exec.shutdownNow(); // participants still in flight are interrupted; they record nothing now
        }
        return System.nanoTime() - startNanos;
    }

    /** Seals the recorder once; {@code inFlight} is what is abandoned, or -1 to count it from released and finished. */
    private synchronized void seal(long inFlight) {
        if (abandoned >= 0) {
            return;
        }
        long f = finished.sum();
        recorder.seal();
        abandoned = inFlight >= 0 ? inFlight : Math.max(0, released.sum() - f);
    }

    /**
     * How far the run got: {@link Completion#FULL} when it was not stopped, else the cause and how
     * many participants were not started or were abandoned in flight. Call after {@link #run()}.
     *
     * @param measured participants the recorder holds (valid + invalid)
     */
    public Completion completion(long measured) {
        String reason = stopReason;
        if (reason == null) {
            return Completion.FULL;
        }
        StopCause c = stopCause == null ? StopCause.OTHER : stopCause;
        long lost = Math.max(0, abandoned);
        long notStarted = Math.max(0, plan.count() - dropped.sum() - measured - lost);
        return new Completion(c.name(), reason, notStarted, lost, graceNanos / 1_000_000);
    }

    /** One participant, counted as released and, when it is done, finished (for {@link #completion}). */
    private void counted(Participant p, long intendedNanos, long actualNanos) {
        released.increment();
        try {
            participate(p, intendedNanos, actualNanos);
        } finally {
            finished.increment();
        }
    }

    /**
     * When the gate opened (or the arrival schedule started), on the system clock; {@code null}
     * before {@link #run()} got there.
     */
    public Instant releasedAt() {
        return releasedAt;
    }

    /** Waits until the start instant, if one was given (wall clock; sleeps, then parks the last ms). */
    private void awaitStart() throws InterruptedException {
        if (startAt == null) {
            return;
        }
        long left;
        while ((left = Duration.between(Instant.now(), startAt).toNanos()) > 0) {
            if (left > 2_000_000L) {
                Thread.sleep(Duration.ofNanos(left - 1_000_000L));
            } else {
                LockSupport.parkNanos(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Notes the release instant; returns the release on the {@code System.nanoTime} scale. */
    private long release() {
        long start = System.nanoTime();
        releasedAt = Instant.now();
        return start;
    }

    /**
     * One participant: mint, deliver, validate, record.
     *
     * @param intendedNanos when the participant should have started (System.nanoTime scale)
     * @param actualNanos when it did start
     */
    private void participate(Participant p, long intendedNanos, long actualNanos) {
        participate(p, intendedNanos, actualNanos, direct);
    }

    private void participate(Participant p, long intendedNanos, long actualNanos, Sink recorder) {
        long skewMs = p.clockSkew().toMillis();
        long mintSkewMs = mintingSkew(p).toMillis();
        String zone = p.zone().equals(ZoneOffset.UTC) ? "UTC" : p.zone().getId();
        try {
            if (!simulated) {
                sleepUntil(intendedNanos);
            }
            String token;
            long w0 = simulated ? 0 : System.currentTimeMillis();
            long s0 = System.nanoTime();
            try {
                token = signer.sign(request(p, mintingClock(p)));
            } catch (SignException e) {
                recordFailedMint(s0, intendedNanos, actualNanos, recorder);
                recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, e.category(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                recordFailedMint(s0, intendedNanos, actualNanos, recorder);
                recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "SIGNER_CRASH",
                        e.getClass().getSimpleName() + " thrown by the signer");
                return;
            }
            long s1 = System.nanoTime();
            // when the token was asked for, on the true clock: the diagnosis' reference for iat
            long mintSpread = simulated ? 0 : System.currentTimeMillis() - w0;
            long mintedAt = simulated ? simulatedStart.plus(p.joinOffset()).toEpochMilli() : w0 + mintSpread / 2;
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
                    validatorNow.toEpochMilli(), mintedAt, mintSpread, p.requestKey());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "INTERRUPTED", "the run was interrupted");
        } catch (OutOfMemoryError e) {
            outOfMemory(e);
        } catch (RuntimeException | Error e) {
            recorder.recordMintError(p.index(), skewMs, mintSkewMs, p.role(), zone, "PARTICIPANT_CRASH",
                    e.getClass().getSimpleName() + " in participant " + p.index());
        }
    }

    /**
     * A failed mint still took time (a timeout is the slowest answer of all): its sign and total
     * latency are recorded, so a latency threshold cannot pass because every participant failed.
     */
    private void recordFailedMint(long s0, long intendedNanos, long actualNanos, Sink recorder) {
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

    /** What participant {@code p} asks the signer for, minted on {@code clock}. */
    SignRequest request(Participant p, Clock clock) {
        return new SignRequest(p.index(), p.meetingNumber(), p.role(), expirationSeconds, null, clock, p.sessionName());
    }

    /** What the validator knows when it judges {@code p}'s token at {@code now}. */
    ValidationContext context(Participant p, Instant now) {
        return new ValidationContext(template.profile(), template.secret(), template.alternativeSecrets(), now,
                template.iatLeewaySeconds(), p.meetingNumber(), p.role(), p.sessionName());
    }
}
