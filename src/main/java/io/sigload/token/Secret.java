package io.sigload.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * An HMAC key: an SDK secret as the UTF-8 bytes of the secret string (Zoom Meeting SDK auth docs:
 * "the SDK secret is the key"). Never printed: {@link #toString()} names only where it came from.
 *
 * <p>Load it from an environment variable or a file, never from the command line of a process.
 * Immutable and thread-safe; {@link #bytes()} returns a copy.
 */
public final class Secret {
    /** The demo secret of the bundled scenarios: obviously fake, never a real Zoom secret. */
    public static final String DEMO_VALUE = "sigload-demo-secret-NOT-A-REAL-ZOOM-SECRET";

    private final byte[] key;
    private final String source;

    private Secret(byte[] key, String source) {
        this.key = key;
        this.source = source;
    }

    /**
     * A secret from its text (UTF-8 bytes become the key).
     *
     * @param value the secret string, not blank
     * @param source where it came from, for messages, e.g. {@code "env ZOOM_MEETING_SDK_SECRET"}
     * @throws IllegalArgumentException when {@code value} is empty
     */
    public static Secret of(String value, String source) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the secret from " + source + " is empty");
        }
        return new Secret(value.getBytes(StandardCharsets.UTF_8), source);
    }

    /** The built-in fake secret of the bundled scenarios ({@value #DEMO_VALUE}). */
    public static Secret demo() {
        return of(DEMO_VALUE, "the built-in demo secret");
    }

    /**
     * Reads a secret from an environment variable.
     *
     * @throws SecretException when the variable is unset or empty; the message lists every way to
     *     supply a secret and never contains a value
     */
    public static Secret fromEnv(String variable, Map<String, String> env) throws SecretException {
        String v = env.get(variable);
        if (v == null || v.isEmpty()) {
            throw new SecretException("environment variable " + variable + " is not set or is empty; supply the secret"
                    + " with `export " + variable + "=...`, or use a secret file (secretFile: PATH / --secret-file)");
        }
        return of(v, "env " + variable);
    }

    /**
     * Reads a secret from a file: its content, without one trailing newline ({@code \n} or {@code \r\n}).
     *
     * @throws SecretException when the file cannot be read or is empty
     */
    public static Secret fromFile(Path file) throws SecretException {
        try {
            String v = Files.readString(file, StandardCharsets.UTF_8);
            if (v.endsWith("\r\n")) {
                v = v.substring(0, v.length() - 2);
            } else if (v.endsWith("\n")) {
                v = v.substring(0, v.length() - 1);
            }
            if (v.isEmpty()) {
                throw new SecretException("secret file " + file + " is empty");
            }
            return of(v, "file " + file);
        } catch (IOException e) {
            throw new SecretException("cannot read secret file " + file + ": " + unreadable(file, e));
        }
    }

    /**
     * Why a file cannot be read, in words (no exception class names): {@code "no such file"},
     * {@code "is a directory"}, {@code "permission denied"}, or the system's message.
     *
     * @param file the file
     * @param e what reading it threw, or {@code null} to look at the file only
     * @return the reason, or {@code null} when {@code e} is null and the file is a readable regular file
     */
    public static String unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException || (e == null && !Files.exists(file))) {
            return "no such file";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        if (e instanceof AccessDeniedException || (e == null && !Files.isReadable(file))) {
            return "permission denied";
        }
        if (e == null) {
            return Files.isRegularFile(file) ? null : "not a regular file";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "read error" : m.replace(file.toString() + ": ", "");
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return key.clone();
    }

    /** The key as the secret string (UTF-8). Use only to hand it to a signing library. */
    public String text() {
        return new String(key, StandardCharsets.UTF_8);
    }

    /** Key length in bytes. */
    public int length() {
        return key.length;
    }

    /** Where the secret came from, e.g. {@code "env ZOOM_MEETING_SDK_SECRET"}; never the value. */
    public String source() {
        return source;
    }

    /** Whether {@code other} holds the same key bytes (constant time). */
    public boolean sameKey(Secret other) {
        return MessageDigest.isEqual(key, other.key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    /** Never the value: {@code Secret[from env X, 32 bytes]}. */
    @Override
    public String toString() {
        return "Secret[from " + source + ", " + key.length + " bytes]";
    }
}
