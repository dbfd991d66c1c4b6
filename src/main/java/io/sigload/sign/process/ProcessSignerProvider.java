package io.sigload.sign.process;

import io.sigload.guard.Redactor;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import io.sigload.token.Secret;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registers {@code process}: options {@code command} (list, required), {@code instances},
 * {@code env}, {@code timeout}, {@code restarts} ({@link ProcessSignerOptions}). The SDK key and
 * secret go to the child as {@code ZOOM_MEETING_SDK_KEY} and {@code ZOOM_MEETING_SDK_SECRET}
 * when the scenario has them. Thread-safe.
 */
public final class ProcessSignerProvider implements SignerProvider {
    /** Variables passed from sigload's own environment so that ordinary programs run. */
    static final List<String> BASE_ENV = List.of("PATH", "HOME", "LANG", "TMPDIR");

    @Override
    public String name() {
        return "process";
    }

    @Override
    public Set<String> options() {
        return Set.of("command", "instances", "env", "timeout", "startTimeout", "restarts");
    }

    @Override
    public boolean outOfProcess() {
        return true;
    }

    @Override
    public Signer create(SignerConfig config) throws SignerConfigException {
        ProcessSignerOptions options = ProcessSignerOptions.parse(config.options());
        String secret = config.secret() == null ? null : config.secret().text();
        refuseSecretIn(options.command(), secret);
        Map<String, String> env = childEnvironment(config, options.env());
        try {
            return ProcessSigner.start(options, env, secret, config.baseDirectory());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Redactor pieces = secret == null || secret.equals(Secret.DEMO_VALUE) ? Redactor.create() : Redactor.of(secret);
            throw new SignerConfigException("command", "cannot start `" + String.join(" ", options.command()) + "`: "
                    + pieces.quote(msg, 200));
        }
    }

    /**
     * Refuses a command line that contains the secret (command lines are visible to every user of
     * the machine). Shared by every signer that starts children ({@code process}, {@code node},
     * {@code python}).
     *
     * @param secret the secret text, or {@code null}
     * @throws SignerConfigException naming {@code command}
     */
    public static void refuseSecretIn(List<String> command, String secret) throws SignerConfigException {
        if (secret != null && command.stream().anyMatch(a -> a.contains(secret))) {
            throw new SignerConfigException("command", "signer.command contains the SDK secret; command lines are"
                    + " visible to every user of the machine: the child gets it as ZOOM_MEETING_SDK_SECRET");
        }
    }

    /**
     * A child's complete environment: {@link #BASE_ENV} from sigload's own, the named variables
     * ({@code signer.env}), and {@code ZOOM_MEETING_SDK_KEY} / {@code ZOOM_MEETING_SDK_SECRET} when
     * the scenario has them. The one place children's environments are made (process, node, python).
     *
     * @param names variables of {@code config.env()} to pass on
     * @throws SignerConfigException naming {@code env} when a named variable is not set
     */
    public static Map<String, String> childEnvironment(SignerConfig config, List<String> names)
            throws SignerConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : BASE_ENV) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        for (String name : names) {
            String v = config.env().get(name);
            if (v == null) {
                throw new SignerConfigException("env", "signer.env names " + name + ", which is not set in sigload's"
                        + " environment; export it or remove it from the list");
            }
            env.put(name, v);
        }
        if (config.sdkKey() != null) {
            env.put("ZOOM_MEETING_SDK_KEY", config.sdkKey());
        }
        if (config.secret() != null) {
            env.put("ZOOM_MEETING_SDK_SECRET", config.secret().text());
        }
        return env;
    }
}
