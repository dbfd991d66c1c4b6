package io.sigload.report;

import io.sigload.validate.ReasonCode;
import java.util.List;
import java.util.Locale;

/**
 * What replaying participants one at a time showed, after a burst with failures: each failing
 * participant (and, for comparison, as many passing ones) minted and validated again alone, at the
 * same planned instants (simulated time) or now (wall time, for signers that read their own clock).
 * A token the burst refused but the replay accepts points at a signer that is not thread-safe; a
 * burst whose tokens repeat across participants points at a token cached and reused. Immutable.
 *
 * <p>The replay's verdicts come from the signer's behaviour under no concurrency; when it is a
 * race, which participants the burst refused changes from run to run whatever the seed, so the
 * counts here vary too (the direction, refused together and valid alone, does not).
 *
 * @param failingReplayed failing participants replayed alone
 * @param failingValidAlone of those, how many got a valid token alone
 * @param passingReplayed passing participants replayed alone, for comparison
 * @param passingInvalidAlone of those, how many got an invalid token alone
 * @param duplicateTokens participants of the run handed a token that an earlier participant asking
 *     for another meeting, role or session was handed too (counted during the run over every token,
 *     {@link TokenReuse}; equal tokens for equal requests, normal within one second, are not counted)
 * @param clock {@code simulated} (the same planned instants) or {@code wall}; empty when not replayed
 * @param note why the replay was skipped or cut short (endpoint failing, deadline reached,
 *     {@code --replay-failures 0}), else empty
 * @param tokensCounted tokens the duplicate count looked at (participants that got a token)
 * @param deadlineMillis the replay's time budget, ms ({@code drive.Replay#deadline}); 0 when not replayed
 * @param elapsedMillis how long the replay took, ms
 * @param participants each replayed participant: its burst outcome beside its outcome alone, in replay order
 */
public record ReplayEvidence(int failingReplayed, int failingValidAlone, int passingReplayed, int passingInvalidAlone,
        long duplicateTokens, String clock, String note, long tokensCounted, long deadlineMillis, long elapsedMillis,
        List<Replayed> participants) {
    /** No replay was run and nothing is known. */
    public static final ReplayEvidence NONE = new ReplayEvidence(0, 0, 0, 0, 0, "", "");

    /**
     * One participant replayed alone.
     *
     * @param participant the participant's index
     * @param burst {@code valid}, or the burst's first reason code or mint-error category
     * @param alone {@code valid}, or the replay's first reason code or mint-error category
     */
    public record Replayed(int participant, String burst, String alone) {
        /** Whether the participant failed in the burst. */
        public boolean failedInBurst() {
            return !VALID.equals(burst);
        }

        /** Whether the participant's token validated alone. */
        public boolean validAlone() {
            return VALID.equals(alone);
        }

        /** Whether the burst gave the participant a token (valid or refused), not a mint error. */
        public boolean tokenInBurst() {
            return isVerdict(burst);
        }

        /** Whether the replay gave the participant a token (valid or refused), not a mint error. */
        public boolean tokenAlone() {
            return isVerdict(alone);
        }

        private static boolean isVerdict(String outcome) {
            if (VALID.equals(outcome)) {
                return true;
            }
            for (ReasonCode c : ReasonCode.values()) {
                if (c.name().equals(outcome)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The outcome of a participant whose token validated. */
    public static final String VALID = "valid";

    public ReplayEvidence {
        clock = clock == null ? "" : clock;
        note = note == null ? "" : note;
        participants = participants == null ? List.of() : List.copyOf(participants);
    }

    /** The counts alone, without the duplicate-count denominator, timing or per-participant outcomes. */
    public ReplayEvidence(int failingReplayed, int failingValidAlone, int passingReplayed, int passingInvalidAlone,
            long duplicateTokens, String clock, String note) {
        this(failingReplayed, failingValidAlone, passingReplayed, passingInvalidAlone, duplicateTokens, clock, note, 0,
                0, 0, List.of());
    }

    /** Only what the run itself counted: duplicate tokens among {@code tokens}; nothing replayed yet. */
    public static ReplayEvidence duplicatesOnly(long duplicates, long tokens) {
        return new ReplayEvidence(0, 0, 0, 0, duplicates, "", "", tokens, 0, 0, List.of());
    }

    /** Whether any participant was replayed. */
    public boolean ran() {
        return failingReplayed + passingReplayed > 0;
    }

    /** Whether there is anything to report: a replay, a note, or duplicate tokens. */
    public boolean worthReporting() {
        return ran() || !note.isEmpty() || duplicateTokens > 0;
    }

    /** The same evidence with another note. */
    public ReplayEvidence withNote(String text) {
        return new ReplayEvidence(failingReplayed, failingValidAlone, passingReplayed, passingInvalidAlone,
                duplicateTokens, clock, text, tokensCounted, deadlineMillis, elapsedMillis, participants);
    }

    /**
     * What the replay shows, in sentences built from the counts only (never from the signer's
     * settings), e.g. "All 20 participants whose token the burst refused validate alone: the signer
     * fails only under concurrency, a race (which participants fail changes from run to run,
     * whatever the seed)." Participants that got no token in the burst (a mint or transport error)
     * are told apart: getting one alone shows a failure under load, which may be overload as well
     * as a race. Empty when there is nothing to say.
     */
    public String summary() {
        int refused = failingReplayed;
        int refusedValid = failingValidAlone;
        int noToken = 0;
        int noTokenValid = 0;
        if (!participants.isEmpty()) {
            refused = 0;
            refusedValid = 0;
            for (Replayed r : participants) {
                if (!r.failedInBurst()) {
                    continue;
                }
                if (r.tokenInBurst()) {
                    refused++;
                    refusedValid += r.validAlone() ? 1 : 0;
                } else {
                    noToken++;
                    noTokenValid += r.validAlone() ? 1 : 0;
                }
            }
        }
        StringBuilder b = new StringBuilder();
        if (refused > 0) {
            String whose = refused == 1 ? "The 1 replayed participant whose token the burst refused"
                    : refused + " replayed participants whose token the burst refused";
            if (refusedValid == refused) {
                b.append(refused == 1 ? whose + " validates alone" : "All " + whose + " validate alone");
                b.append(": the signer fails only under concurrency, a race (which participants fail changes from"
                        + " run to run, whatever the seed).");
            } else if (refusedValid == 0) {
                b.append(refused == 1 ? whose + " is refused alone too" : "None of the " + whose + " validates alone");
                b.append(": ").append(refused == 1 ? "its failure does" : "their failures do")
                        .append(" not come from concurrency.");
            } else {
                b.append(String.format(Locale.ROOT, "%d of the %s validate alone: those failures come from"
                        + " concurrency (a race), the other %d do not.", refusedValid, whose, refused - refusedValid));
            }
        }
        if (noToken > 0) {
            space(b).append(String.format(Locale.ROOT, "%d of %d replayed participant%s that got no token in the"
                    + " burst get%s a valid one alone%s.", noTokenValid, noToken, noToken == 1 ? "" : "s",
                    noTokenValid == 1 ? "s" : "", noTokenValid == 0 ? ""
                    : ": the signer fails under load (a race, or overload)"));
        }
        if (passingInvalidAlone > 0) {
            space(b).append(String.format(Locale.ROOT, "%d of %d participants the burst accepted are refused alone.",
                    passingInvalidAlone, passingReplayed));
        }
        if (duplicateTokens > 0) {
            space(b).append(String.format(Locale.ROOT, "%d of %d participants were handed a token byte for byte the"
                    + " same as one handed to a participant who asked for another meeting, role or session: the token"
                    + " (or the claims it was minted from) is shared between requests.", duplicateTokens,
                    tokensCounted));
        }
        return b.toString();
    }

    private static StringBuilder space(StringBuilder b) {
        return b.isEmpty() ? b : b.append(' ');
    }
}
