package io.sigload.report;

/**
 * What replaying participants one at a time showed, after a burst with failures: each failing
 * participant (and, for comparison, as many passing ones) minted and validated again alone, at the
 * same planned instants (simulated time) or now (wall time, for signers that read their own clock).
 * A token the burst refused but the replay accepts points at a signer that is not thread-safe; a
 * burst whose tokens repeat across participants points at a token cached and reused. Immutable.
 *
 * @param failingReplayed failing participants replayed alone
 * @param failingValidAlone of those, how many got a valid token alone
 * @param passingReplayed passing participants replayed alone, for comparison
 * @param passingInvalidAlone of those, how many got an invalid token alone
 * @param duplicateTokens participants of the run whose token equals another participant's
 * @param clock {@code simulated} (the same planned instants) or {@code wall}
 * @param note why the replay was skipped or cut short (endpoint failing, deadline reached,
 *     {@code --replay-failures 0}), else empty
 */
public record ReplayEvidence(int failingReplayed, int failingValidAlone, int passingReplayed, int passingInvalidAlone,
        long duplicateTokens, String clock, String note) {
    /** No replay was run and nothing is known. */
    public static final ReplayEvidence NONE = new ReplayEvidence(0, 0, 0, 0, 0, "", "");

    public ReplayEvidence {
        clock = clock == null ? "" : clock;
        note = note == null ? "" : note;
    }

    /** Whether any participant was replayed. */
    public boolean ran() {
        return failingReplayed + passingReplayed > 0;
    }
}
