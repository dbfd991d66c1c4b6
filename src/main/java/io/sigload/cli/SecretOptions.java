package io.sigload.cli;

import io.sigload.token.Secret;
import io.sigload.token.SecretException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Reads secrets for a command: from an environment variable or a file, never from the command
 * line. Errors are {@link UsageException}s that list the ways to supply a secret and never contain
 * a value.
 *
 * <p>{@link #environment} is replaced by tests; otherwise stateless.
 */
final class SecretOptions {
    /** Environment lookup; tests replace it. */
    static Function<String, String> environment = System::getenv;

    private SecretOptions() {
    }

    /**
     * The secret named by at most one of the options.
     *
     * @return the secret, or {@code null} when neither option is given
     * @throws UsageException when both are given, the variable is unset, or the file is unreadable
     */
    static Secret read(String envVariable, Path file) {
        if (envVariable != null && file != null) {
            throw new UsageException("give the secret once: --secret-env VAR or --secret-file FILE, not both");
        }
        if (envVariable != null) {
            return fromEnv(envVariable);
        }
        if (file == null) {
            return null;
        }
        if (!Files.exists(file)) {
            throw new UsageException("--secret-file " + file + ": no such file; supply the secret with"
                    + " --secret-file FILE (a file or a pipe such as <(vault read ...)) or --secret-env VAR");
        }
        try {
            return Secret.fromFile(file);
        } catch (SecretException e) {
            throw new UsageException("--secret-file: " + e.getMessage());
        }
    }

    /**
     * Registers a loaded secret with the command line's redactor, so nothing printed or written
     * from now on holds a piece of it. The demo secret is public and not registered.
     */
    static void protect(CommandSpec spec, Secret secret) {
        if (secret != null && !secret.sameKey(Secret.demo())) {
            Main.redactor(spec).add(secret.text());
        }
    }

    /** A secret from an environment variable; a usage error when it is unset or empty. */
    static Secret fromEnv(String variable) {
        String v = environment.apply(variable);
        if (v == null || v.isEmpty()) {
            throw new UsageException("environment variable " + variable + " is not set or is empty; supply the secret"
                    + " with `export " + variable + "=...` or use --secret-file FILE");
        }
        return Secret.of(v, "env " + variable);
    }
}
