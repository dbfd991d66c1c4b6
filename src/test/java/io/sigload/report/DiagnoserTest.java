package io.sigload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.validate.ReasonCode;
import io.sigload.validate.TokenTimes;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis from hand-built evidence: the replay's mapping to NOT_THREAD_SAFE and TOKEN_REUSED
 * (the replay itself is branch concur's), shards diagnosed like one run, thin evidence said so, and
 * the two readings of one offset.
 */
class DiagnoserTest {
    static final long T0 = 1_772_442_000_000L;
    static final RunContext CTX = new RunContext("t", "t.yaml", 1, 30, "x", "server", "meeting-web", "burst",
            "simulated", "1", "");

    static Verdict verdict(double iat, ReasonCode... errors) {
        return new Verdict(List.of(errors).stream().map(c -> Violation.of(c, c.name())).toList(), List.of(), List.of(),
                new TokenTimes(iat, iat + 7200));
    }

    static RunResult result(long valid, Map<String, Long> byReason, Evidence e, ReplayEvidence replay) {
        long invalid = byReason.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new RunResult(CTX, new Verdicts(valid + invalid, valid, invalid, byReason, Map.of(), Map.of()),
                MintErrors.NONE, new Timing(Map.of(), 1, 1, 0, 0), new Skews(SkewRange.EMPTY, Map.of(), List.of()), e,
                List.of(), replay, Diagnosis.NONE);
    }

    static Diagnosis diagnose(RunResult r) {
        return Diagnoser.explain(r, Diagnosis.FixLanguage.NEUTRAL_HINT);
    }

    /** A server whose clock is {@code offsetMillis} fast, iat = floor, minting at spread instants. */
    static EvidenceRecorder server(int n, long offsetMillis, long spreadMillis, long seed) {
        EvidenceRecorder rec = new EvidenceRecorder();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            long t = T0 + rnd.nextLong(spreadMillis);
            long iat = Math.floorDiv(t + offsetMillis, 1000);
            long now = Math.floorDiv(t + 500, 1000) * 1000;
            boolean future = iat * 1000 > now;
            rec.record(rnd.nextLong(-2000, 2000), t, now, future ? verdict(iat, ReasonCode.IAT_IN_FUTURE) : verdict(iat));
        }
        return rec;
    }

    @Test
    void replayThatValidatesTheRefused_isNotThreadSafe() {
        RunResult r = result(25, Map.of("BAD_SIGNATURE", 5L), Evidence.EMPTY,
                new ReplayEvidence(5, 5, 5, 0, 0, "simulated", ""));
        Diagnosis d = diagnose(r);
        assertThat(d.top()).isEqualTo(CauseCode.NOT_THREAD_SAFE);
        Cause c = d.causes().get(0);
        assertThat(c.explains()).isEqualTo(5);
        assertThat(c.chance()).isLessThan(0.01);
        assertThat(c.text()).contains("5 of 5 participants refused in the burst get a valid token").contains("race");
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.WRONG_SECRET, CauseCode.INCONCLUSIVE);
    }

    @Test
    void replayThatRefusesThemAgain_isNoRace() {
        RunResult r = result(25, Map.of("BAD_SIGNATURE", 5L), Evidence.EMPTY,
                new ReplayEvidence(5, 0, 5, 0, 0, "simulated", ""));
        Diagnosis d = diagnose(r);
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.NOT_THREAD_SAFE);
        assertThat(d.text()).contains("5 of 5 refused participants still fail: not a race");
    }

    @Test
    void aFewFlipsAmongMany_areNoise() {
        // 1 of 20 refused passes alone, while 1 of 20 accepted fails alone: flips at the same rate
        RunResult r = result(25, Map.of("BAD_SIGNATURE", 20L), Evidence.EMPTY,
                new ReplayEvidence(20, 1, 20, 1, 0, "wall", ""));
        assertThat(diagnose(r).causes()).extracting(Cause::code).doesNotContain(CauseCode.NOT_THREAD_SAFE);
    }

    @Test
    void withoutAReplay_partialBadSignatures_areInconclusive_andSaySo() {
        Diagnosis d = diagnose(result(25, Map.of("BAD_SIGNATURE", 5L), Evidence.EMPTY, ReplayEvidence.NONE));
        assertThat(d.top()).isEqualTo(CauseCode.INCONCLUSIVE);
        assertThat(d.text()).contains("not thread-safe").contains("replay");
    }

    @Test
    void sharedClaims_mnMismatchThatPassesAlone_isNotThreadSafe_notAMismatch() {
        RunResult r = result(22, Map.of("MN_MISMATCH", 8L), Evidence.EMPTY,
                new ReplayEvidence(8, 8, 8, 0, 0, "simulated", ""));
        Diagnosis d = diagnose(r);
        assertThat(d.top()).isEqualTo(CauseCode.NOT_THREAD_SAFE);
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.MN_OR_ROLE_MISMATCH);
    }

    @Test
    void duplicateTokens_areTokenReused() {
        RunResult r = result(20, Map.of("MN_MISMATCH", 10L), Evidence.EMPTY,
                new ReplayEvidence(10, 0, 10, 0, 10, "simulated", ""));
        Diagnosis d = diagnose(r);
        assertThat(d.causes()).extracting(Cause::code).contains(CauseCode.TOKEN_REUSED);
        assertThat(d.text()).contains("10 of 30 participants got a token that another participant asking for"
                + " another meeting, role or session got too");
    }

    @Test
    void duplicateTokens_beyondTheRefused_sayWhyTheCauseCountsFewer() {
        // the run's counter: 20 of 30 handed a passed-on token; one went to another role of the same meeting
        RunResult r = result(11, Map.of("MN_MISMATCH", 19L), Evidence.EMPTY,
                new ReplayEvidence(19, 0, 11, 0, 20, "simulated", "", 30, 0, 0, List.of()));
        Diagnosis d = diagnose(r);
        Cause c = d.causes().stream().filter(x -> x.code() == CauseCode.TOKEN_REUSED).findFirst().orElseThrow();
        assertThat(c.explains()).isEqualTo(19);
        assertThat(c.text()).contains("20 of 30 participants got a token")
                .contains("The cause counts 19, the refused participants only")
                .contains("1 of the 20 may have been accepted");
    }

    /** Every participant refused with BAD_SIGNATURE (a shared Mac at 30 participants, all overlapping). */
    static RunResult allBadSignature(int validAlone, int replayed, Map<String, Long> hints) {
        List<ReplayEvidence.Replayed> ps = new ArrayList<>();
        for (int i = 0; i < replayed; i++) {
            ps.add(new ReplayEvidence.Replayed(i, "BAD_SIGNATURE", i < validAlone ? ReplayEvidence.VALID : "BAD_SIGNATURE"));
        }
        ReplayEvidence replay = new ReplayEvidence(replayed, validAlone, 0, 0, 0, "simulated", "", 30, 6000, 9, ps);
        return new RunResult(CTX, new Verdicts(30, 0, 30, Map.of("BAD_SIGNATURE", 30L), Map.of(), hints),
                MintErrors.NONE, new Timing(Map.of(), 1, 1, 0, 0), new Skews(SkewRange.EMPTY, Map.of(), List.of()),
                Evidence.EMPTY, List.of(), replay, Diagnosis.NONE);
    }

    @Test
    void everyTokenRefused_butValidAlone_isNotThreadSafe_neverAnotherSecret() {
        Diagnosis d = diagnose(allBadSignature(20, 20, Map.of()));
        assertThat(d.causes()).extracting(Cause::code).containsExactly(CauseCode.NOT_THREAD_SAFE);
        assertThat(d.causes().get(0).explains()).isEqualTo(30);
        assertThat(d.text()).doesNotContain("another secret")
                .contains("The secret is right: 20 of 20 replayed participants refused with BAD_SIGNATURE validate"
                        + " alone with the same signer and secret");
        assertThat(d.text()).doesNotContain("unexplained");
    }

    @Test
    void keyEncodingHints_thatTheReplayContradicts_nameNoKeyEncoding() {
        Diagnosis d = diagnose(allBadSignature(20, 20, Map.of("KEY_ENCODING", 30L, "HEX_ENCODED_MAC", 30L)));
        assertThat(d.causes()).extracting(Cause::code).containsExactly(CauseCode.NOT_THREAD_SAFE);
    }

    @Test
    void everyTokenRefused_aFewValidAlone_isInconclusive_andTheSecretIsRuledOut() {
        // 3 of 3 valid alone with nothing accepted to compare: chance 1/8, no race called, no secret named either
        Diagnosis d = diagnose(allBadSignature(3, 3, Map.of()));
        assertThat(d.causes()).extracting(Cause::code).containsExactly(CauseCode.INCONCLUSIVE);
        assertThat(d.text()).contains("3 of 3 replayed participants refused with BAD_SIGNATURE validate alone")
                .contains("too few replayed to call it a race").doesNotContain("another secret");
    }

    @Test
    void everyTokenRefused_andRefusedAlone_isStillAnotherSecret() {
        Diagnosis d = diagnose(allBadSignature(0, 20, Map.of()));
        assertThat(d.causes()).extracting(Cause::code).containsExactly(CauseCode.WRONG_SECRET);
        assertThat(d.text()).contains("the signer uses another secret");
    }

    /**
     * Participants minting on their own clocks (iat = floor(own) - 30), refused when more than 31.5 s
     * fast, plus {@code strays} refused with IAT_IN_FUTURE at clocks of at most 1 s (as if delivered
     * late): the boundary explains all but those. Hints as the validator would count them.
     */
    static RunResult clients(int n, int strays, Map<String, Long> hints) {
        EvidenceRecorder rec = new EvidenceRecorder();
        SplittableRandom rnd = new SplittableRandom(11);
        long future = 0;
        for (int i = 0; i < n; i++) {
            long t = T0 + rnd.nextLong(600_000);
            long skew = i < strays ? rnd.nextLong(-1000, 1000) : rnd.nextLong(-120_000, 120_000);
            long iat = Math.floorDiv(t + skew, 1000) - 30;
            long now = Math.floorDiv(t + 300, 1000) * 1000;
            boolean refused = i < strays || skew > 31_500; // no sub-second edge: one clean boundary
            future += refused ? 1 : 0;
            rec.record(skew, t, now, refused ? verdict(iat, ReasonCode.IAT_IN_FUTURE) : verdict(iat));
        }
        return new RunResult(CTX, new Verdicts(n, n - future, future, Map.of("IAT_IN_FUTURE", future), Map.of(), hints),
                MintErrors.NONE, new Timing(Map.of(), 1, 1, 0, 0), new Skews(SkewRange.EMPTY, Map.of(), List.of()),
                rec.snapshot(), List.of(), ReplayEvidence.NONE, Diagnosis.NONE);
    }

    @Test
    void refusalsTheBoundaryLeaves_areCountedByReasonCode_inTheText() {
        RunResult r = clients(4000, 5, Map.of());
        Diagnosis d = diagnose(r);
        assertThat(d.top()).isEqualTo(CauseCode.CLIENT_CLOCKS);
        long refused = r.verdicts().invalid();
        long explained = d.causes().get(0).explains();
        assertThat(refused - explained).isEqualTo(5);
        assertThat(d.text()).contains(String.format("The causes named leave %d refusal", refused - explained))
                .contains(String.format("IAT_IN_FUTURE %d of %d, refused participants on the accepted side of the"
                        + " clock boundary", refused - explained, refused));
    }

    @Test
    void nothingLeftOver_saysNothingOfUnexplainedRefusals() {
        Diagnosis d = diagnose(clients(4000, 0, Map.of()));
        assertThat(d.top()).isEqualTo(CauseCode.CLIENT_CLOCKS);
        assertThat(d.causes().get(0).explains()).isEqualTo(d.causes().get(0).of());
        assertThat(d.text()).doesNotContain("unexplained");
    }

    @Test
    void hintsTheEvidenceRulesOut_areSaidToBeRuledOut() {
        Diagnosis d = diagnose(clients(4000, 0, Map.of("ROUNDED_SECONDS", 3L, "FLOAT_PRECISION_TIME", 16L,
                "CLIENT_CLOCK_SKEW", 500L)));
        assertThat(d.top()).isEqualTo(CauseCode.CLIENT_CLOCKS);
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.FLOAT_ROUNDING, CauseCode.IAT_ROUNDED_UP);
        assertThat(d.text()).contains("The ROUNDED_SECONDS hint on 3 tokens")
                .contains("is ruled out as a rounding: iat sits -30.5")
                .contains("The FLOAT_PRECISION_TIME hint on 16 tokens is chance")
                .doesNotContain("The CLIENT_CLOCK_SKEW hint"); // the participants' clocks are the cause
    }

    @Test
    void clockSkewHints_underAServerClock_sayTheServerIsOff() {
        Evidence e = server(200, 90_000, 2_000, 3).snapshot();
        RunResult r = result(0, Map.of("IAT_IN_FUTURE", 200L), e, ReplayEvidence.NONE);
        r = new RunResult(r.context(), new Verdicts(200, 0, 200, Map.of("IAT_IN_FUTURE", 200L), Map.of(),
                Map.of("CLIENT_CLOCK_SKEW", 200L)), r.mintErrors(), r.timing(), r.skews(), e, List.of(), r.replay(),
                Diagnosis.NONE);
        Diagnosis d = diagnose(r);
        assertThat(d.top()).isEqualTo(CauseCode.SERVER_CLOCK_OFFSET);
        assertThat(d.text()).contains("The CLIENT_CLOCK_SKEW hint on 200 tokens")
                .contains("the clock that is off is the minting server's, not the participants'");
    }

    @Test
    void theFixLanguage_isSaidPlainly() {
        Diagnosis d = Diagnoser.explain(clients(4000, 0, Map.of()),
                new Diagnosis.FixLanguage("javascript", "the language of a browser signer (signer.mintedOn client)"));
        assertThat(d.text()).endsWith("(Fix shown in JavaScript, the language of a browser signer (signer.mintedOn"
                + " client); the scenario chooses only the language of the fix, never the diagnosis.)")
                .doesNotContain("a setting: it chooses");
    }

    @Test
    void serverOffset_hasAnIntervalAroundTheTruth_andBothReadings() {
        Evidence e = server(2000, 90_000, 20_000, 7).snapshot();
        RunResult r = result(0, Map.of("IAT_IN_FUTURE", 2000L), e, ReplayEvidence.NONE);
        Diagnosis d = diagnose(r);
        assertThat(d.top()).isEqualTo(CauseCode.SERVER_CLOCK_OFFSET);
        Cause.Estimate est = d.causes().get(0).estimate();
        assertThat(est.low()).isLessThanOrEqualTo(90.0);
        assertThat(est.high()).isGreaterThanOrEqualTo(90.0);
        assertThat(est.high() - est.low()).isLessThan(1.0);
        assertThat(est.alternative()).isEqualTo(est.value() + 30, Offset.offset(0.11));
        assertThat(d.text()).contains("cannot tell these two apart");
    }

    /** An endpoint queueing a third of the calls for seconds: those tokens' mint instants are no samples. */
    @Test
    void slowCalls_areLeftOutOfTheOffset_andTheOffsetStillShows() {
        EvidenceRecorder rec = new EvidenceRecorder();
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 600; i++) {
            long start = T0 + rnd.nextLong(5_000);
            long took = i % 3 == 0 ? rnd.nextLong(1_000, 5_000) : rnd.nextLong(1, 20);
            long serverRead = start + rnd.nextLong(took + 1);
            long iat = Math.floorDiv(serverRead + 90_000, 1000);
            long now = Math.floorDiv(start + took, 1000) * 1000;
            rec.record(0, start + took / 2, took, now, verdict(iat, ReasonCode.IAT_IN_FUTURE));
        }
        Diagnosis d = diagnose(result(0, Map.of("IAT_IN_FUTURE", 600L), rec.snapshot(), ReplayEvidence.NONE));
        assertThat(d.top()).isEqualTo(CauseCode.SERVER_CLOCK_OFFSET);
        assertThat(d.causes().get(0).estimate().low()).isLessThanOrEqualTo(90.0);
        assertThat(d.causes().get(0).estimate().high()).isGreaterThanOrEqualTo(90.0);
        assertThat(rec.snapshot().iatMinusMint().total()).isEqualTo(400);
    }

    @Test
    void oneMintSecond_isOneSample_andTheIntervalStaysWide() {
        // 500 tokens minted within 200 ms: one second of the server's clock, one sample
        Evidence e = server(500, 90_000, 200, 3).snapshot();
        Cause c = diagnose(result(0, Map.of("IAT_IN_FUTURE", 500L), e, ReplayEvidence.NONE)).causes().get(0);
        assertThat(c.numbers()).containsEntry("samples", 1L);
        assertThat(c.estimate().high() - c.estimate().low()).isGreaterThan(0.5);
        assertThat(c.estimate().low()).isLessThanOrEqualTo(90.0);
        assertThat(c.estimate().high()).isGreaterThanOrEqualTo(90.0);
    }

    @Test
    void aSingleIatOnTheFloatGrid_isTooThinToCallFloatRounding() {
        EvidenceRecorder rec = new EvidenceRecorder();
        long iat = (T0 / 1000 / 128 + 1) * 128 - 30; // one float step, ~40 s ahead, for every token
        for (int i = 0; i < 30; i++) {
            long t = T0 + i * 300L;
            rec.record(0, t, Math.floorDiv(t, 1000) * 1000, verdict(iat, ReasonCode.IAT_IN_FUTURE));
        }
        Diagnosis d = diagnose(result(0, Map.of("IAT_IN_FUTURE", 30L), rec.snapshot(), ReplayEvidence.NONE));
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.FLOAT_ROUNDING);
        assertThat(d.text()).contains("1 of 1 distinct iat value sits on 30 s below a multiple of 128 s")
                .contains("too few");
    }

    @Test
    void shardsMerged_areDiagnosedExactlyLikeTheSingleRun() throws Exception {
        EvidenceRecorder all = new EvidenceRecorder();
        EvidenceRecorder a = new EvidenceRecorder();
        EvidenceRecorder b = new EvidenceRecorder();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long skew = rnd.nextInt(10) == 0 ? rnd.nextLong(-240_000, 240_000) : rnd.nextLong(-500, 500);
            long t = T0 + rnd.nextLong(10_000);
            long iat = Math.floorDiv(t + skew, 1000) - 30;
            long now = Math.floorDiv(t + 1000, 1000) * 1000;
            Verdict v = iat * 1000 > now ? verdict(iat, ReasonCode.IAT_IN_FUTURE) : verdict(iat);
            all.record(skew, t, now, v);
            (i % 2 == 0 ? a : b).record(skew, t, now, v);
        }
        Evidence merged = Evidence.fromJson(JsonReport.JSON.readTree(a.snapshot().toJson().toString()))
                .plus(Evidence.fromJson(JsonReport.JSON.readTree(b.snapshot().toJson().toString())));
        assertThat(merged).isEqualTo(all.snapshot());
        long refused = all.snapshot().skews("IAT_IN_FUTURE").total();
        Diagnosis one = diagnose(result(20_000 - refused, Map.of("IAT_IN_FUTURE", refused), all.snapshot(),
                ReplayEvidence.NONE));
        Diagnosis two = diagnose(result(20_000 - refused, Map.of("IAT_IN_FUTURE", refused), merged, ReplayEvidence.NONE));
        assertThat(two).isEqualTo(one);
        assertThat(one.top()).isEqualTo(CauseCode.CLIENT_CLOCKS);
    }

    @Test
    void distinctSample_isBounded_andMergesToTheSampleOfTheUnion() {
        EvidenceRecorder.Distinct x = new EvidenceRecorder.Distinct();
        EvidenceRecorder.Distinct y = new EvidenceRecorder.Distinct();
        EvidenceRecorder.Distinct all = new EvidenceRecorder.Distinct();
        for (long v = 0; v < 50_000; v++) {
            (v % 3 == 0 ? x : y).add(v);
            all.add(v);
        }
        DistinctSample s = all.snapshot();
        assertThat(s.values().length).isLessThanOrEqualTo(DistinctSample.CAPACITY);
        assertThat(s.level()).isGreaterThan(0);
        assertThat(s.estimate()).isBetween(35_000L, 65_000L);
        assertThat(x.snapshot().plus(y.snapshot())).isEqualTo(s);
    }

    /**
     * A signer reading local time as UTC, each participant in its own zone (the "own code" signers with
     * per-participant time zones), on synced clocks: the zones show in the refused tokens' iat offsets.
     */
    @Test
    void perParticipantTimeZones_inTheSigner_areTimezone() {
        long[] zones = {0, 0, 0, 3_600_000, 19_800_000, -10_800_000, 32_400_000, -18_000_000};
        EvidenceRecorder rec = new EvidenceRecorder();
        SplittableRandom rnd = new SplittableRandom(5);
        long future = 0;
        long expired = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            long t = T0 + rnd.nextLong(600_000);
            long zone = zones[rnd.nextInt(zones.length)];
            long iat = Math.floorDiv(t + zone, 1000) - 30;
            long now = Math.floorDiv(t + 800, 1000) * 1000;
            Verdict v;
            if (iat * 1000 > now) {
                v = verdict(iat, ReasonCode.IAT_IN_FUTURE);
                future++;
            } else if ((iat + 7200) * 1000 <= now) {
                v = verdict(iat, ReasonCode.EXPIRED);
                expired++;
            } else {
                v = verdict(iat);
            }
            rec.record(rnd.nextLong(-500, 500), t, now, v);
        }
        RunResult r = new RunResult(CTX, new Verdicts(n, n - future - expired, future + expired,
                Map.of("IAT_IN_FUTURE", future, "EXPIRED", expired), Map.of(), Map.of()), MintErrors.NONE,
                new Timing(Map.of(), 1, 1, 0, 0), new Skews(SkewRange.EMPTY, Map.of(), List.of()), rec.snapshot(),
                List.of(), ReplayEvidence.NONE, Diagnosis.NONE);
        Diagnosis d = diagnose(r);
        assertThat(d.top()).isEqualTo(CauseCode.TIMEZONE);
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.CLIENT_CLOCKS,
                CauseCode.SERVER_CLOCK_OFFSET, CauseCode.FLOAT_ROUNDING);
        assertThat(d.causes().get(0).explains()).isEqualTo(future + expired);
    }

    @Test
    void allValid_saysSo_withNoCause() {
        Evidence e = server(300, 0, 60_000, 5).snapshot();
        Diagnosis d = diagnose(result(300, Map.of(), e, ReplayEvidence.NONE));
        assertThat(d.text()).isEqualTo("All 300 participants' tokens validate.");
        assertThat(d.causes()).isEmpty();
    }
}
