package io.sigload.sign;

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
}
