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
    public Signer create(SignerConfig config) throws SignerConfigException {
        ProcessSignerOptions options = ProcessSignerOptions.parse(config.options());
        String secret = config.secret() == null ? null : config.secret().text();
        // a command holding the secret is visible to every user of the machine (ps)
        Redactor pieces = secret == null || secret.equals(Secret.DEMO_VALUE) ? Redactor.create() : Redactor.of(secret);
        if (secret != null && options.command().stream().anyMatch(a -> a.contains(secret))) {
            throw new SignerConfigException("command", "signer.command contains the SDK secret; command lines are"
                    + " visible to every user of the machine: the child gets it as ZOOM_MEETING_SDK_SECRET");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : BASE_ENV) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        for (String name : options.env()) {
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
        if (secret != null) {
            env.put("ZOOM_MEETING_SDK_SECRET", secret);
        }
        try {
            return ProcessSigner.start(options, env, secret, config.baseDirectory());
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SignerConfigException("command", "cannot start `" + String.join(" ", options.command()) + "`: "
                    + pieces.quote(msg, 200));
        }
    }
}
