package io.sigload.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sigload.token.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link SignerProvider} needs to build a signer.
 *
 * @param sdkKey the SDK key (public: it is written into every token)
 * @param secret the SDK secret (HMAC key), or {@code null} for remote signers that hold their own
 * @param recipe how claims are computed (in-process signers)
 * @param options the scenario's {@code signer} section as a JSON tree, for signer-specific options
 *     ({@code url}, {@code command}...); never {@code null}
 * @param env environment variables, for options whose values come from the environment
 * @param maxConcurrency how many {@link Signer#sign} calls may run at once in this run
 * @param baseDirectory the scenario file's directory: relative paths in options (a process
 *     signer's command) are relative to it; {@code null} for the current directory
 * @param fault a thread-safety bug to inject ({@code signer.fault}), {@link SignerFault#NONE} for
 *     none; only a provider that lists it in {@link SignerProvider#faults()} is given one
 */
public record SignerConfig(
        String sdkKey,
        Secret secret,
        ClaimsRecipe recipe,
        JsonNode options,
        Map<String, String> env,
        int maxConcurrency,
        Path baseDirectory,
        SignerFault fault) {
    /**
     * The {@code signer} options every signer understands (the claims recipe and where tokens are
     * minted); a plug-in's own options come on top ({@link SignerProvider#options()}).
     */
    public static final List<String> COMMON_OPTIONS =
            List.of("type", "mintedOn", "iat", "exp", "role", "mn", "tokenExp", "appKey", "kind", "fault");

    /** A config without an injected fault. */
    public SignerConfig(String sdkKey, Secret secret, ClaimsRecipe recipe, JsonNode options, Map<String, String> env,
            int maxConcurrency, Path baseDirectory) {
        this(sdkKey, secret, recipe, options, env, maxConcurrency, baseDirectory, SignerFault.NONE);
    }

    /** A config whose relative paths are relative to the current directory. */
    public SignerConfig(String sdkKey, Secret secret, ClaimsRecipe recipe, JsonNode options, Map<String, String> env,
            int maxConcurrency) {
        this(sdkKey, secret, recipe, options, env, maxConcurrency, null, SignerFault.NONE);
    }

    public SignerConfig {
        options = options == null ? JsonNodeFactory.instance.objectNode() : options;
        env = env == null ? Map.of() : env;
        fault = fault == null ? SignerFault.NONE : fault;
    }

    /** The secret, or a config error when the signer needs one and none was given. */
    public Secret requireSecret() throws SignerConfigException {
        if (secret == null) {
            throw new SignerConfigException("secret", "this signer needs the SDK secret: set credentials.secretEnv,"
                    + " credentials.secretFile or credentials.demoSecret in the scenario");
        }
        return secret;
    }
}
