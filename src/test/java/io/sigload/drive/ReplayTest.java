package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.report.FailureSample;
import io.sigload.report.ReplayCandidates;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.validate.Profile;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay after a run: participants refused in a burst against a signer that is not
 * thread-safe validate one at a time; failures that do not come from concurrency stay. Races are
 * asserted robustly: a burst is tried up to {@value #ATTEMPTS} times until it refuses someone,
 * and then every replayed refused participant must validate alone (never a count of failures,
 * never a time).
 */
@Timeout(300)
class ReplayTest {
    private static final int ATTEMPTS = 10;
    private static final String SHARED_MAC = """
            name: shared-mac
            participants: 30
            seed: 7
            credentials: {demoSecret: true}
            signer: {type: %s, fault: shared-mac}
            """;

    private static RunResult run(String yaml, String... sets) throws Exception {
        Scenario s = ScenarioLoader.parse(yaml, "t.yaml", List.of(sets));
        try (LoadRun run = LoadRun.prepare(s, Map.of())) {
            return run.run(null);
        }
    }

    /** Runs the scenario until its burst refuses at least one participant; fails after {@value #ATTEMPTS} tries. */
    private static RunResult untilSomeoneIsRefused(String yaml, String... sets) throws Exception {
        for (int i = 0; i < ATTEMPTS; i++) {
            RunResult r = run(yaml, sets);
            if (r.verdicts().invalid() > 0) {
                return r;
            }
        }
        throw new AssertionError("the race did not refuse anyone in " + ATTEMPTS + " bursts of 30");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java-jwt", "fast"})
    void sharedMac_inProcess_theReplayValidatesEveryParticipantTheBurstRefused(String type) throws Exception {
        RunResult r = untilSomeoneIsRefused(SHARED_MAC.formatted(type));
        ReplayEvidence e = r.replay();
        assertThat(e.clock()).isEqualTo("simulated");
        assertThat(e.failingReplayed()).isEqualTo((int) Math.min(20, r.verdicts().invalid()));
        assertThat(e.failingValidAlone()).isEqualTo(e.failingReplayed());
        assertThat(e.passingInvalidAlone()).isZero();
        assertThat(e.participants()).filteredOn(ReplayEvidence.Replayed::failedInBurst)
                .allSatisfy(p -> assertThat(p.alone()).isEqualTo("valid"));
        // the same participants: every sampled failure was replayed and passed alone
        List<Integer> replayedFailing = e.participants().stream().filter(ReplayEvidence.Replayed::failedInBurst)
                .map(ReplayEvidence.Replayed::participant).toList();
        assertThat(replayedFailing).containsAll(r.failures().stream().map(FailureSample::participant).toList());
        assertThat(e.summary()).contains("validate").contains("alone").contains("a race");
        assertThat(e.deadlineMillis()).isEqualTo(Replay.deadline(new Noop(), e.participants().size()).toMillis());
        assertThat(e.note()).isEmpty();
    }

    @Test
    void sharedMac_throughTheEmbeddedEndpoint_theReplayValidatesEveryRefusedParticipant() throws Exception {
        String yaml = """
                name: shared-mac-remote
                participants: 30
                seed: 7
                credentials: {demoSecret: true}
                signer: {type: http}
                endpoint: {fault: shared-mac}
                """;
        RunResult r = untilSomeoneIsRefused(yaml);
        ReplayEvidence e = r.replay();
        assertThat(e.clock()).isEqualTo("wall");
        assertThat(e.failingReplayed()).isPositive();
        assertThat(e.failingValidAlone()).isEqualTo(e.failingReplayed());
        assertThat(e.passingInvalidAlone()).isZero();
    }

    @Test
    void sharedClaimsAcrossMeetings_refusesWithMnMismatch_andCountsTokensPassedOn() throws Exception {
        String yaml = """
                name: shared-claims
                participants: 30
                credentials: {demoSecret: true}
                meeting: {numbers: ["85746065432", "91234567890", "70011122233"], hosts: 3}
                signer: {type: java-jwt, fault: shared-claims}
                """;
        RunResult r = untilSomeoneIsRefused(yaml);
        assertThat(r.verdicts().byReason()).containsKey("MN_MISMATCH");
        assertThat(r.replay().failingValidAlone()).isEqualTo(r.replay().failingReplayed());
        assertThat(r.replay().duplicateTokens()).isPositive();
        assertThat(r.failures()).anySatisfy(f -> {
            assertThat(f.sentDiffersFromPlanned()).isTrue();
            assertThat(f.sent().meetingNumber()).isNotEqualTo(f.planned().meetingNumber());
        });
    }

    @Test
    void clockFailures_areRefusedAloneToo_theSameEveryTime() throws Exception {
        RunResult r = BundledScenariosTest.run("scenarios/thirty-users.yaml");
        ReplayEvidence e = r.replay();
        assertThat(e.failingReplayed()).isEqualTo((int) r.verdicts().invalid());
        assertThat(e.failingValidAlone()).isZero();
        assertThat(e.passingReplayed()).isEqualTo(20);
        assertThat(e.passingInvalidAlone()).isZero();
        assertThat(e.participants()).filteredOn(ReplayEvidence.Replayed::failedInBurst)
                .allSatisfy(p -> assertThat(p.alone()).isEqualTo(p.burst()));
        assertThat(e.summary()).contains("do not come from concurrency");
        assertThat(e.duplicateTokens()).as("one meeting, one role: equal tokens are normal, not reuse").isZero();
    }

    @Test
    void aProcessSigner_isReplayedToo_atTheSamePlannedInstants() throws Exception {
        // the Python signer mints on the nowMillis it is handed: client clocks that run fast fail, alone too
        RunResult r = BundledScenariosTest.run("scenarios/process-signer.yaml", "signer.mintedOn=client",
                "participants=30", "signer.instances=2");
        ReplayEvidence e = r.replay();
        assertThat(r.verdicts().invalid()).isPositive();
        assertThat(e.clock()).isEqualTo("simulated");
        assertThat(e.failingReplayed()).isEqualTo((int) Math.min(20, r.verdicts().invalid()));
        assertThat(e.failingValidAlone()).isZero();
        assertThat(e.passingInvalidAlone()).isZero();
        assertThat(e.deadlineMillis()).as("the process signer's own timeout sizes the deadline")
                .isEqualTo(Math.min(60_000, 2_000 + 10_000L * e.participants().size()));
    }

    @Test
    void noFailures_noReplay_andNothingToReport() throws Exception {
        RunResult r = BundledScenariosTest.run("scenarios/thirty-users-server.yaml");
        assertThat(r.replay().ran()).isFalse();
        assertThat(r.replay().note()).isEmpty();
        assertThat(r.replay().tokensCounted()).isEqualTo(30);
        assertThat(r.replay().worthReporting()).isFalse();
    }

    @Test
    void replayFailuresZero_turnsItOff_withANote() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of());
        try (LoadRun run = LoadRun.prepare(s, Map.of())) {
            RunResult r = run.run(new RunRecorder(20, 0));
            assertThat(r.replay().ran()).isFalse();
            assertThat(r.replay().note()).contains("--replay-failures 0");
        }
    }

    @Test
    void aFailingEndpoint_isNotReplayed_andTheNoteSaysWhy() throws Exception {
        String yaml = """
                name: failing-endpoint
                participants: 20
                credentials: {demoSecret: true}
                signer: {type: http, retries: 0}
                endpoint: {errorRate: 1.0}
                """;
        RunResult r = run(yaml);
        assertThat(r.verdicts().invalid()).isEqualTo(20);
        assertThat(r.replay().ran()).isFalse();
        assertThat(r.replay().note()).contains("the endpoint is failing").contains("20 of 20").contains("HTTP_5XX");
    }

    @Test
    void theDeadlineIsHonoured_whatWasReplayedIsKept_withANote() throws Exception {
        Scenario s = ScenarioLoader.parse("participants: 10\ncredentials: {demoSecret: true}\n", "t.yaml", List.of());
        Plan plan = new Plan(s);
        AtomicInteger calls = new AtomicInteger();
        Signer slow = new Noop() {
            @Override
            public String sign(SignRequest r) throws SignException {
                calls.incrementAndGet();
                try {
                    Thread.sleep(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SignException("INTERRUPTED", "interrupted");
                }
                return "x";
            }
        };
        Validator v = (token, ctx) -> new Verdict(List.of(), List.of(), List.of());
        ValidationContext template = new ValidationContext(Profile.MEETING_WEB, null, List.of(), Instant.EPOCH, 0, "1",
                null, null);
        Driver driver = new Driver(plan, slow, v, template, new RunRecorder(0));
        ReplayCandidates c = new ReplayCandidates(5);
        for (int i = 0; i < 5; i++) {
            c.failed(i, "BAD_SIGNATURE");
        }
        ReplayEvidence e = new Replay(driver, plan, slow, v).run(c, ReplayEvidence.NONE, Duration.ofMillis(300));
        assertThat(e.note()).contains("deadline of 0.3 s reached after").contains("of 5 participants");
        assertThat(calls.get()).as("the replay stopped at the deadline").isEqualTo(1);
        assertThat(e.participants()).as("a call cut off by the deadline is no outcome").isEmpty();
    }

    @Test
    void aStopDuringTheReplay_endsIt_beforeItsDeadline_whatWasReplayedIsKept_withANote() throws Exception {
        Scenario s = ScenarioLoader.parse("participants: 10\ncredentials: {demoSecret: true}\n", "t.yaml", List.of());
        Plan plan = new Plan(s);
        AtomicInteger calls = new AtomicInteger();
        Driver[] driver = new Driver[1];
        Signer stopsOnTheSecondCall = new Noop() {
            @Override
            public String sign(SignRequest r) throws SignException {
                if (calls.incrementAndGet() == 2) {
                    driver[0].stop(StopCause.SIGINT, StopCause.SIGINT.text()); // Ctrl-C while the replay runs
                    try {
                        Thread.sleep(Duration.ofMinutes(10));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SignException("INTERRUPTED", "interrupted");
                    }
                }
                return "x";
            }
        };
        Validator v = (token, ctx) -> new Verdict(List.of(), List.of(), List.of());
        ValidationContext template = new ValidationContext(Profile.MEETING_WEB, null, List.of(), Instant.EPOCH, 0, "1",
                null, null);
        driver[0] = new Driver(plan, stopsOnTheSecondCall, v, template, new RunRecorder(0));
        ReplayCandidates c = new ReplayCandidates(5);
        for (int i = 0; i < 5; i++) {
            c.failed(i, "BAD_SIGNATURE");
        }
        // a deadline far beyond the test's own timeout: only the stop can end this replay
        ReplayEvidence e = new Replay(driver[0], plan, stopsOnTheSecondCall, v).run(c, ReplayEvidence.NONE,
                Duration.ofHours(1));
        assertThat(e.note()).isEqualTo("stopped (SIGINT (Ctrl-C)) after 1 of 5 participants");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(e.participants()).extracting(ReplayEvidence.Replayed::participant).containsExactly(0);
    }

    @Test
    void deadline_isPerCallTimesParticipants_plusABase_atMostTheCap() {
        assertThat(Replay.deadline(new Noop(), 40)).isEqualTo(Replay.BASE.plus(Replay.IN_PROCESS_CALL.multipliedBy(40)));
        Signer remote = new Noop() {
            @Override
            public Optional<Duration> callBound() {
                return Optional.of(Duration.ofSeconds(7));
            }
        };
        assertThat(Replay.deadline(remote, 2)).isEqualTo(Duration.ofSeconds(16));
        assertThat(Replay.deadline(remote, 40)).isEqualTo(Replay.MAX);
    }

    /** A signer that mints nothing useful; a base for the stand-ins above. */
    static class Noop implements Signer {
        @Override
        public String sign(SignRequest request) throws SignException {
            return "x";
        }

        @Override
        public String describe() {
            return "noop";
        }
    }
}
