package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.report.LatencyPhase;
import io.sigload.report.RunContext;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.validate.Profile;
import io.sigload.validate.ReasonCode;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The driver's own contract, with a stand-in signer and validator (the rules are tested elsewhere). */
class DriverTest {
    private static final String YAML = """
            participants: %d
            seed: 5
            signer: {mintedOn: client}
            clocks:
              participants: {list: [0s, 40s, -3s, 90s]}
              validator: 2s
            join: {window: 10s, deliveryDelay: 1s}
            """;

    /** A "token" that is just the minting clock's epoch millis; the validator flags mint times after its clock. */
    private static final Signer CLOCK_SIGNER = new Signer() {
        @Override
        public String sign(SignRequest r) {
            return Long.toString(r.clock().millis());
        }

        @Override
        public String describe() {
            return "clock";
        }
    };

    private static final Validator FUTURE_VALIDATOR = (token, ctx) -> {
        long minted = Long.parseLong(token);
        boolean future = minted > ctx.now().toEpochMilli();
        return new Verdict(future ? List.of(Violation.of(ReasonCode.IAT_IN_FUTURE, "after")) : List.of(), List.of(), List.of());
    };

    private static ValidationContext template() {
        return new ValidationContext(Profile.MEETING_WEB, null, List.of(), Instant.EPOCH, 0, "1", null, null);
    }

    private static RunResult run(Scenario s, Signer signer, Validator v) throws Exception {
        RunRecorder rec = new RunRecorder(5);
        long elapsed = new Driver(new Plan(s), signer, v, template(), rec).run();
        return rec.result(new RunContext("t", "t", s.seed(), s.participants(), "x", "client", "meeting-web", "burst", "simulated", s.meeting().number(), ""),
                elapsed);
    }

    @Test
    void simulatedTime_mintsOnTheParticipantsClock_andValidatesAtJoinPlusDelay() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(400), "t.yaml", List.of());
        Map<Integer, Instant> seen = new ConcurrentHashMap<>();
        Plan plan = new Plan(s);
        Validator recording = (token, ctx) -> {
            seen.put(ctx.hashCode(), ctx.now());
            return FUTURE_VALIDATOR.validate(token, ctx);
        };
        RunResult r = run(s, CLOCK_SIGNER, recording);
        // skew 40 s and 90 s exceed delivery (1 s) + validator skew (2 s): every 2nd and 4th participant fails
        assertThat(r.verdicts().invalid()).isEqualTo(200);
        assertThat(r.verdicts().valid()).isEqualTo(200);
        assertThat(r.verdicts().byReason()).containsExactly(Map.entry("IAT_IN_FUTURE", 200L));
        assertThat(r.skews().byReason().get("IAT_IN_FUTURE").minMillis()).isEqualTo(40_000);
        assertThat(r.skews().valid().maxMillis()).isEqualTo(0);
        Participant p1 = plan.participant(1);
        assertThat(r.failures().getFirst().participant()).isEqualTo(1);
        assertThat(r.failures().getFirst().skewMillis()).isEqualTo(p1.clockSkew().toMillis());
    }

    @Test
    void failureSample_isBoundedAndKeepsTheLowestIndexes() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(1000), "t.yaml", List.of());
        RunResult r = run(s, CLOCK_SIGNER, FUTURE_VALIDATOR);
        assertThat(r.failures()).extracting(f -> f.participant()).containsExactly(1, 3, 5, 7, 9);
    }

    @Test
    void signException_isCountedByCategory_andTheRunGoesOn() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(100), "t.yaml", List.of());
        Signer flaky = new Signer() {
            @Override
            public String sign(SignRequest r) throws SignException {
                if (r.participant() % 10 == 0) {
                    throw new SignException(FailureCategory.HTTP_5XX, "status 503");
                }
                if (r.participant() % 10 == 1) {
                    throw new IllegalStateException("boom");
                }
                return CLOCK_SIGNER.sign(r);
            }

            @Override
            public String describe() {
                return "flaky";
            }
        };
        RunResult r = run(s, flaky, FUTURE_VALIDATOR);
        assertThat(r.mintErrors().byCategory()).containsEntry("HTTP_5XX", 10L).containsEntry("SIGNER_CRASH", 10L);
        assertThat(r.mintErrors().examples()).containsEntry("HTTP_5XX", "status 503");
        assertThat(r.verdicts().completed()).isEqualTo(100);
        assertThat(r.verdicts().valid() + r.verdicts().invalid()).isEqualTo(100);
    }

    @Test
    void validatorCrash_isCountedAndTheRunGoesOn() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(50), "t.yaml", List.of());
        Validator crashing = (token, ctx) -> {
            throw new IllegalStateException("bug");
        };
        RunResult r = run(s, CLOCK_SIGNER, crashing);
        assertThat(r.mintErrors().byCategory()).containsEntry("VALIDATOR_CRASH", 50L);
    }

    @Test
    void sameSeed_sameVerdicts() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(300).replace("list: [0s, 40s, -3s, 90s]",
                "uniform: [-60s, 60s]"), "t.yaml", List.of());
        RunResult a = run(s, CLOCK_SIGNER, FUTURE_VALIDATOR);
        RunResult b = run(s, CLOCK_SIGNER, FUTURE_VALIDATOR);
        assertThat(a.verdicts().invalid()).isEqualTo(b.verdicts().invalid()).isPositive();
        assertThat(a.failures()).isEqualTo(b.failures());
        assertThat(a.skews().byReason()).isEqualTo(b.skews().byReason());
    }

    @Test
    void burstOfTwentyThousand_completesWithBoundedSample() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(20_000), "t.yaml", List.of());
        RunResult r = run(s, CLOCK_SIGNER, FUTURE_VALIDATOR);
        assertThat(r.verdicts().completed()).isEqualTo(20_000);
        assertThat(r.failures()).hasSize(5);
        assertThat(r.latency(LatencyPhase.TOTAL).count()).isEqualTo(20_000);
    }

    @Test
    void maxInFlight_boundsConcurrentSigners() throws Exception {
        Scenario s = ScenarioLoader.parse(YAML.formatted(200) + "load: {model: burst, maxInFlight: 3}\n", "t.yaml", List.of());
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Signer slow = new Signer() {
            @Override
            public String sign(SignRequest r) throws SignException {
                int n = now.incrementAndGet();
                peak.accumulateAndGet(n, Math::max);
                try {
                    Thread.sleep(Duration.ofMillis(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.decrementAndGet();
                return CLOCK_SIGNER.sign(r);
            }

            @Override
            public String describe() {
                return "slow";
            }
        };
        RunResult r = run(s, slow, FUTURE_VALIDATOR);
        assertThat(r.verdicts().completed()).isEqualTo(200);
        assertThat(peak.get()).isBetween(1, 3);
    }

    @Test
    void openModel_measuresFromTheIntendedStart_andCountsDrops() throws Exception {
        Scenario s = ScenarioLoader.parse("""
                participants: 40
                load: {model: arrival-rate, maxInFlight: 1, stages: [{rate: 400/s, for: 100ms}]}
                """, "t.yaml", List.of());
        Signer stall = new Signer() {
            @Override
            public String sign(SignRequest r) throws SignException {
                try {
                    Thread.sleep(Duration.ofMillis(r.participant() == 0 ? 30 : 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return CLOCK_SIGNER.sign(r);
            }

            @Override
            public String describe() {
                return "stall";
            }
        };
        RunResult r = run(s, stall, FUTURE_VALIDATOR);
        // participant 0 holds the only in-flight slot for 30 ms while arrivals come every 2.5 ms
        assertThat(r.timing().droppedStarts()).isPositive();
        assertThat(r.verdicts().completed() + r.timing().droppedStarts()).isEqualTo(40);
        assertThat(r.latency(LatencyPhase.TOTAL_UNCORRECTED).count()).isEqualTo(r.verdicts().completed());
    }
}
