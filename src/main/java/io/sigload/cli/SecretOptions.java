package io.sigload.cli;

import io.sigload.token.Secret;
import io.sigload.token.SecretException;
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
        checkFile(file);
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

    /**
     * Checks that a {@code --secret-file} names a readable file, as given on the command line
     * (relative to the current directory).
     *
     * @throws UsageException naming the option when it does not, e.g. {@code --secret-file
     *     target/sec.txt: cannot read: no such file}
     */
    static void checkFile(Path file) {
        String why = Secret.unreadable(file);
        if (why != null) {
            throw new UsageException("--secret-file " + file + ": cannot read: " + why + (file.isAbsolute() ? ""
                    : " (a relative path is read from the current directory, " + Path.of("").toAbsolutePath() + ")"));
        }
    }

    /** A secret from an environment variable; a usage error when it is unset or empty. */
    static Secret fromEnv(String variable) {
        return fromEnv("--secret-env", variable);
    }

    /** A secret from an environment variable named by {@code option}; a usage error naming the option when unset or empty. */
    static Secret fromEnv(String option, String variable) {
        String v = environment.apply(variable);
        if (v == null || v.isEmpty()) {
            throw new UsageException(option + " " + variable + ": environment variable " + variable
                    + " is not set or is empty; supply the secret"
                    + " with `export " + variable + "=...` or use --secret-file FILE");
        }
        return Secret.of(v, "env " + variable);
    }
}
