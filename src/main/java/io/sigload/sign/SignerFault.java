package io.sigload.sign;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A thread-safety bug injected into a signer on purpose, as seen in real backends: one shared
 * object that every request uses without a lock. Each shows only when requests overlap, so it is
 * a race by nature: which participants fail changes from run to run and is <b>not</b> fixed by the
 * seed. The window between the racing steps is widened on purpose ({@link RaceWindow}) so the race
 * shows at 30 participants on 2 cores. The scenario's {@code signer.fault} and
 * {@code sigload serve --fault} name them by {@link #wireName()}.
 */
public enum SignerFault {
    /** No fault: the signer as written. */
    NONE("none", "no injected fault"),
    /**
     * One {@code javax.crypto.Mac} shared by every request (a singleton bean holding an initialised
     * Mac): {@code update} and {@code doFinal} of overlapping requests mix, so their MACs are wrong
     * ({@code BAD_SIGNATURE}), and now and then the digest throws (no token). {@code Mac} is not
     * thread-safe (its javadoc and FIELD-NOTES).
     */
    SHARED_MAC("shared-mac", "one javax.crypto.Mac shared by every request, unsynchronised"),
    /**
     * One mutable claims object shared by every request (fields set from the request, then signed):
     * an overlapping request overwrites them in between, so a participant gets another's
     * {@code mn}, {@code role}, session or {@code iat} ({@code MN_MISMATCH}, {@code TPC_MISMATCH},
     * or a token valid for someone else).
     */
    SHARED_CLAIMS("shared-claims", "one mutable claims object shared by every request"),
    /**
     * The minted token kept in a field of the shared signer and returned from there
     * ({@code this.token = mint(request); return this.token;}): under overlap a participant is
     * handed the token minted for the next participant, or the next meeting. The burst's tokens
     * repeat across participants.
     */
    CACHED_TOKEN("cached-token", "the token kept in a shared field and handed to whoever reads it next");

    private final String wireName;
    private final String description;

    SignerFault(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    /** The scenario's and the CLI's spelling, e.g. {@code shared-mac}. */
    public String wireName() {
        return wireName;
    }

    /** What the fault is, in one line. */
    public String description() {
        return description;
    }

    /** The fault with this spelling. */
    public static Optional<SignerFault> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** Every spelling, in declaration order, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(SignerFault::wireName).collect(Collectors.joining(", "));
    }

    /**
     * For a signer's {@code describe()}: empty for {@link #NONE}, else
     * {@code ", fault=shared-mac (an injected race: verdicts are not fixed by the seed)"}.
     */
    public String describeSuffix() {
        return this == NONE ? "" : ", fault=" + wireName + " (an injected race: verdicts are not fixed by the seed)";
    }
}
