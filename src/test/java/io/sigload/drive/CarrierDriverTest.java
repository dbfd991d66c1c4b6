package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.report.Completion;
import io.sigload.report.LatencyPhase;
import io.sigload.report.RunContext;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.validate.Profile;
import io.sigload.validate.ReasonCode;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The burst of a CPU-bound signer on carrier workers: the same verdicts, counts and skew ranges
 * as one virtual thread per participant, every participant exactly once, latency from the gate,
 * and a clean early stop that keeps what was measured.
 */
class CarrierDriverTest {
    private static final String YAML = """
            participants: %d
            seed: 11
            signer: {mintedOn: client}
            clocks:
              participants: {uniform: [-60s, 60s]}
              validator: 0s
            join: {window: 10s, deliveryDelay: 1s}
            """;

    /** A token that is the minting clock's millis; flagged when minted after the validator's clock. */
    private static Signer clockSigner(Set<Thread> threads, AtomicInteger calls) {
        return new Signer() {
            @Override
            public String sign(SignRequest r) {
                threads.add(Thread.currentThread());
                calls.incrementAndGet();
                return Long.toString(r.clock().millis());
            }

            @Override
            public String describe() {
                return "clock";
            }
        };
    }

    private static final Validator FUTURE = (token, ctx) -> Long.parseLong(token) > ctx.now().toEpochMilli()
            ? new Verdict(List.of(Violation.of(ReasonCode.IAT_IN_FUTURE, "after")), List.of(), List.of())
            : new Verdict(List.of(), List.of(), List.of());

    private static ValidationContext template() {
        return new ValidationContext(Profile.MEETING_WEB, null, List.of(), Instant.EPOCH, 0, "1", null, null);
    }

    private static RunResult result(Scenario s, RunRecorder rec, long elapsed) {
        return rec.result(new RunContext("t", "t", s.seed(), s.participants(), "x", "client", "meeting-web", "burst",
                "simulated", s.meeting().number(), ""), elapsed);
    }

    @Test
    void carriers_giveTheSameResultAsOneVirtualThreadPerParticipant() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(20_000), "t.yaml", List.of());
        Set<Thread> cpuThreads = ConcurrentHashMap.newKeySet();
        AtomicInteger cpuCalls = new AtomicInteger();
        Signer cpu = clockSigner(cpuThreads, cpuCalls);
        assertThat(Driver.threading(new Plan(s), cpu)).isEqualTo("carriers");
        RunRecorder a = new RunRecorder(5);
        RunResult onCarriers = result(s, a, new Driver(new Plan(s), cpu, FUTURE, template(), a).run());

        Set<Thread> ioThreads = ConcurrentHashMap.newKeySet();
        Signer io = clockSigner(ioThreads, new AtomicInteger());
        RunRecorder b = new RunRecorder(5);
        RunResult perParticipant = result(s, b,
                new Driver(new Plan(s), io, FUTURE, template(), b).forceThreading("per-participant").run());

        // Every participant once, plus the driver's warm-up before the gate (at most 2000 tokens, off the record).
        assertThat(cpuCalls.get()).isBetween(20_000, 22_000);
        assertThat(onCarriers.verdicts().completed()).isEqualTo(20_000);
        assertThat(onCarriers.verdicts().valid()).isEqualTo(perParticipant.verdicts().valid()).isBetween(9_000L, 11_000L);
        assertThat(onCarriers.verdicts().byReason()).isEqualTo(perParticipant.verdicts().byReason());
        assertThat(onCarriers.skews().valid()).isEqualTo(perParticipant.skews().valid());
        assertThat(onCarriers.skews().byReason()).isEqualTo(perParticipant.skews().byReason());
        assertThat(onCarriers.failures()).isEqualTo(perParticipant.failures());
        assertThat(onCarriers.skews().scatter()).isEqualTo(perParticipant.skews().scatter());
        assertThat(onCarriers.latency(LatencyPhase.TOTAL).count()).isEqualTo(20_000);
        assertThat(onCarriers.latency(LatencyPhase.SIGN).count()).isEqualTo(20_000);
        // Platform workers, no more than the carriers (the warm-up runs on the calling thread).
        assertThat(cpuThreads.stream().filter(t -> t.getName().startsWith("sigload-worker-")).count())
                .isBetween(1L, (long) Runtime.getRuntime().availableProcessors());
        assertThat(cpuThreads).noneMatch(Thread::isVirtual);
        assertThat(ioThreads.stream().filter(Thread::isVirtual).count()).isGreaterThan(1);
    }

    @Test
    void maxInFlight_capsTheWorkers() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(3000) + "load: {maxInFlight: 1}\n", "t.yaml", List.of());
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        RunRecorder rec = new RunRecorder(5);
        new Driver(new Plan(s), clockSigner(threads, new AtomicInteger()), FUTURE, template(), rec).run();
        assertThat(threads.stream().filter(t -> t.getName().startsWith("sigload-worker-")).count()).isEqualTo(1);
        assertThat(rec.completed()).isEqualTo(3000);
    }

    @Test
    void stop_endsTheLoadAndKeepsWhatWasMeasured() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(200_000), "t.yaml", List.of());
        RunRecorder rec = new RunRecorder(5);
        AtomicInteger calls = new AtomicInteger();
        Driver[] d = new Driver[1];
        Signer stopping = new Signer() {
            @Override
            public String sign(SignRequest r) {
                if (calls.incrementAndGet() == 5000) {
                    d[0].stop("interrupted (test)");
                }
                return Long.toString(r.clock().millis());
            }

            @Override
            public String describe() {
                return "stopping";
            }
        };
        d[0] = new Driver(new Plan(s), stopping, FUTURE, template(), rec);
        long elapsed = d[0].run();
        RunResult r = result(s, rec, elapsed);
        assertThat(d[0].stopReason()).isEqualTo("interrupted (test)");
        assertThat(r.verdicts().completed()).isPositive().isLessThan(200_000);
        assertThat(r.verdicts().valid() + r.verdicts().invalid()).isEqualTo(r.verdicts().completed());
        assertThat(r.latency(LatencyPhase.TOTAL).count()).isEqualTo(r.verdicts().completed());
    }

    /**
     * A full heap takes the one stop path: the driver stops itself with {@link StopCause#OUT_OF_MEMORY}
     * (which the CLI turns into exit 3 after the reports), the participant that hit it records
     * nothing, and what was measured before stays consistent. The error is thrown by the signer,
     * as a heap that fills during a call would throw it; on carriers and on virtual threads.
     */
    @ParameterizedTest
    @ValueSource(strings = {"carriers", "per-participant"})
    void aFullHeap_stopsTheRunAsOutOfMemory_andKeepsWhatWasMeasured(String threading) throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(20_000), "t.yaml", List.of());
        RunRecorder rec = new RunRecorder(5);
        Signer filling = new Signer() {
            @Override
            public String sign(SignRequest r) {
                if (r.participant() == 5000) { // the warm-up mints for participant 0 only
                    throw new OutOfMemoryError("Java heap space (test)");
                }
                return Long.toString(r.clock().millis());
            }

            @Override
            public String describe() {
                return "filling";
            }
        };
        Driver d = new Driver(new Plan(s), filling, FUTURE, template(), rec).forceThreading(threading);
        long elapsed = d.run();
        RunResult r = result(s, rec, elapsed);
        Completion c = d.completion(r.verdicts().completed());
        assertThat(d.stopCause()).isEqualTo(StopCause.OUT_OF_MEMORY);
        assertThat(c.stoppedBy()).isEqualTo("OUT_OF_MEMORY");
        assertThat(c.reason()).startsWith("out of memory: the heap");
        assertThat(StopCause.OUT_OF_MEMORY.exitCode()).isEqualTo(3);
        assertThat(r.verdicts().completed()).isPositive().isLessThan(20_000);
        assertThat(r.mintErrors().byCategory()).as("the participant that hit the full heap is no crash").isEmpty();
        assertThat(r.verdicts().valid() + r.verdicts().invalid()).isEqualTo(r.verdicts().completed());
        assertThat(r.latency(LatencyPhase.TOTAL).count()).isEqualTo(r.verdicts().completed());
    }

    /** A full heap while warming up stops the run the same way, before any participant starts. */
    @Test
    void aFullHeapDuringTheWarmUp_stopsTheRunAsOutOfMemory_beforeAnyParticipantStarts() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(1000), "t.yaml", List.of());
        RunRecorder rec = new RunRecorder(5);
        AtomicInteger calls = new AtomicInteger();
        Signer filling = new Signer() {
            @Override
            public String sign(SignRequest r) {
                calls.incrementAndGet();
                throw new OutOfMemoryError("Java heap space (test)");
            }

            @Override
            public String describe() {
                return "filling";
            }
        };
        Driver d = new Driver(new Plan(s), filling, FUTURE, template(), rec);
        long elapsed = d.run();
        RunResult r = result(s, rec, elapsed);
        Completion c = d.completion(r.verdicts().completed());
        assertThat(calls.get()).as("the warm-up's first call, no participant's").isEqualTo(1);
        assertThat(c.stoppedBy()).isEqualTo("OUT_OF_MEMORY");
        assertThat(c.notStarted()).isEqualTo(1000);
        assertThat(r.verdicts().completed()).isZero();
    }

    @Test
    void aBurstThatCannotFitItsHeap_isRefusedBeforeItStarts() throws Exception {
        String http = "signer: {type: http, url: 'http://127.0.0.1:9/sign', mintedOn: server}";
        Scenario s = ScenarioLoader.parse(YAML.formatted(1_000_000).replace("signer: {mintedOn: client}", http)
                + "time: {mode: wall}\n", "t.yaml", List.of());
        Signer io = clockSigner(ConcurrentHashMap.newKeySet(), new AtomicInteger());
        assertThat(Driver.threading(new Plan(s), io)).isEqualTo("per-participant");
        String why = Driver.heapProblem(new Plan(s), io, 256L << 20);
        assertThat(why).contains("1000000 participants").contains("load.maxInFlight").contains("256 MB")
                .contains("SIGLOAD_JAVA_OPTS=-Xmx");
        assertThat(Driver.heapProblem(new Plan(s), io, 8L << 30)).isNull();
        Scenario inProcess = ScenarioLoader.parse(YAML.formatted(1_000_000), "t.yaml", List.of());
        assertThat(Driver.heapProblem(new Plan(inProcess), io, 256L << 20)).as("carriers need no per-participant heap")
                .isNull();
        Scenario bounded = ScenarioLoader.parse(YAML.formatted(1_000_000).replace("signer: {mintedOn: client}", http)
                + "time: {mode: wall}\nload: {maxInFlight: 64}\n", "t.yaml", List.of());
        assertThat(Driver.heapProblem(new Plan(bounded), io, 256L << 20)).isNull();
    }

    @Test
    void loadRun_refusesTheUnfittableBurstWithAScenarioError() {
        // An http signer is I/O-bound: a million of them parked at the gate does not fit 1 MB of heap.
        String yaml = YAML.formatted(Math.max(2, (int) (Runtime.getRuntime().maxMemory() / Driver.PARKED_PARTICIPANT_BYTES)))
                .replace("signer: {mintedOn: client}", "signer: {type: http, url: 'http://127.0.0.1:9/sign', mintedOn: server}")
                .replace("validator: 0s", "validator: 0s\ntime: {mode: wall}")
                + "credentials: {demoSecret: true}\n";
        assertThatThrownBy(() -> {
            Scenario s = ScenarioLoader.parse(yaml, "big.yaml", List.of());
            LoadRun.prepare(s, Map.of()).close();
        }).isInstanceOf(ScenarioException.class).hasMessageContaining("big.yaml: load.maxInFlight:")
                .hasMessageContaining("parks one virtual thread per participant");
    }
}
