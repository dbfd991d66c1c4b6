package io.sigload.sign;

import java.util.Set;

/**
 * A named way to build {@link Signer}s, found with {@link java.util.ServiceLoader}.
 *
 * <p>Thread-safe: {@link #create} may be called more than once.
 */
public interface SignerProvider {
    /** The name used in scenarios ({@code signer.type}), lower-case, e.g. {@code java-jwt}. */
    String name();

    /**
     * Builds a signer.
     *
     * @param config credentials, the claims recipe and this signer's own options
     * @throws SignerConfigException when an option is missing or wrong; the message names the option
     */
    Signer create(SignerConfig config) throws SignerConfigException;

    /**
     * Options this signer reads from the scenario's {@code signer} section beyond the common ones
     * ({@code type, mintedOn, iat, exp, role, mn, tokenExp, appKey}); any other key is reported as
     * an unknown signer setting. The default: none.
     */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * Whether this signer's work happens outside sigload's JVM (another process, a browser, a remote
     * endpoint): a call mostly waits on I/O, and the claims are computed by the user's code, not by
     * sigload's {@link ClaimsRecipe}. The driver warms such a signer with one call only and keeps a
     * thread per in-flight participant; the diagnosis does not blame the recipe. Default: {@code false}.
     *
     * @see Signers#outOfProcess(String)
     */
    default boolean outOfProcess() {
        return false;
    }

    /**
     * The thread-safety bugs this signer can inject ({@code signer.fault}), besides
     * {@link SignerFault#NONE}. The default: none (a remote or process signer's faults are its
     * own: {@code sigload serve --fault} injects them into the reference endpoint).
     */
    default Set<SignerFault> faults() {
        return Set.of();
    }
}
