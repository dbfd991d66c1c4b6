package io.sigload.drive;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.report.FailureSample;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Video SDK runs: each participant joins a named session, the token signs it (tpc), TPC_MISMATCH is checked. */
@Timeout(120)
class VideoRunTest {
    private static final String YAML = """
            name: video
            participants: 30
            credentials: {demoSecret: true}
            join: {sessionName: [standup, retro, "1:1 Ana"]}
            signer: {type: %s}
            validator: {profile: video}
            """;

    private static Scenario scenario(String type, String... sets) throws Exception {
        return ScenarioLoader.parse(YAML.formatted(type), "v.yaml", List.of(sets));
    }

    private static RunResult run(Scenario s) throws Exception {
        try (LoadRun run = LoadRun.prepare(s, Map.of())) {
            return run.run(null);
        }
    }

    @Test
    void eachParticipantsTokenSignsItsOwnSession_allValid() throws Exception {
        for (String type : List.of("java-jwt", "fast")) {
            RunResult r = run(scenario(type));
            assertThat(r.verdicts().valid()).as(type).isEqualTo(30);
            assertThat(r.context().signer()).contains("Video SDK token");
        }
    }

    @Test
    void aTokenForAnotherSession_isTpcMismatch_andTheSampleShowsSentBesidePlanned() throws Exception {
        Scenario s = scenario("java-jwt");
        List<String> names = s.join().sessionNames();
        try (LoadRun run = LoadRun.prepare(s, Map.of())) {
            // a stand-in for a mix-up: the endpoint signs the next session in the list, not the participant's
            Signer nextSession = new Signer() {
                @Override
                public String sign(SignRequest q) throws SignException {
                    String other = names.get((names.indexOf(q.sessionName()) + 1) % names.size());
                    return run.signer().sign(new SignRequest(q.participant(), q.meetingNumber(), q.role(),
                            q.expirationSeconds(), q.videoWebRtcMode(), q.clock(), other));
                }

                @Override
                public String describe() {
                    return "next session";
                }
            };
            RunResult r = run.run(null, nextSession);
            assertThat(r.verdicts().byReason()).containsEntry("TPC_MISMATCH", 30L);
            FailureSample f = r.failures().getFirst();
            assertThat(f.sentDiffersFromPlanned()).isTrue();
            assertThat(f.sent().sessionName().asText()).isEqualTo(names.get(1));
            assertThat(f.planned().sessionName().asText()).isEqualTo(names.get(0));
            assertThat(f.sent().meetingNumber()).as("a Video SDK token has no mn").isNull();
            assertThat(r.replay().failingValidAlone()).as("wrong alone too: not a race").isZero();
        }
    }

    @Test
    void sharedClaims_handsParticipantsEachOthersSession() throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            RunResult r = run(scenario("java-jwt", "signer.fault=shared-claims"));
            if (r.verdicts().byReason().containsKey("TPC_MISMATCH")) {
                assertThat(r.replay().failingValidAlone()).isEqualTo(r.replay().failingReplayed());
                return;
            }
        }
        throw new AssertionError("shared claims gave no participant another session in 10 bursts of 30");
    }

    @Test
    void aMeetingTokenForAVideoSession_isTheWrongKind() throws Exception {
        RunResult r = run(scenario("java-jwt", "signer.kind=meeting"));
        assertThat(r.verdicts().byReason()).containsKey("WRONG_TOKEN_KIND");
    }
}
