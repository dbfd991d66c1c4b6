package io.sigload.token;

import io.sigload.guard.BoundedRead;
import io.sigload.guard.InputRefusedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** The largest secret file read, bytes: a Meeting SDK secret is a few dozen characters. */
    public static final int MAX_FILE_BYTES = 4096;
    /** How long a pipe given as the secret file may take to deliver it. */
    public static final Duration PIPE_WAIT = Duration.ofSeconds(30);

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
     * The read is bounded ({@link BoundedRead}): at most {@value #MAX_FILE_BYTES} bytes, so a pipe
     * ({@code --secret-file <(vault read ...)}) works and {@code /dev/zero} is refused; a pipe must
     * deliver its content within {@link #PIPE_WAIT}.
     *
     * @throws SecretException when the file cannot be read, is a device or directory, is over the
     *     limit, is not UTF-8, or is empty; the message never quotes the content
     */
    public static Secret fromFile(Path file) throws SecretException {
        byte[] raw;
        try {
            raw = BoundedRead.bytes(file, MAX_FILE_BYTES, PIPE_WAIT);
        } catch (InputRefusedException e) {
            String m = e.getMessage();
            throw new SecretException("secret file " + file + (m.startsWith("is ") ? " " : ": ") + m
                    + (m.startsWith("is over") ? "; a Meeting SDK secret is a few dozen characters" : ""));
        }
        String v;
        try {
            v = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new SecretException("secret file " + file + " is not UTF-8 text");
        }
        if (v.endsWith("\r\n")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("\n")) {
            v = v.substring(0, v.length() - 1);
        }
        if (v.isEmpty()) {
            throw new SecretException("secret file " + file + " is empty");
        }
        return of(v, "file " + file);
    }

    /**
     * Why a file cannot be read, in words (no exception class names), looked up without reading it:
     * {@code "no such file"}, {@code "is a directory, not a file"} or {@code "permission denied"}.
     * A pipe ({@code <(vault read ...)}) is readable: {@link #fromFile} bounds what it reads.
     *
     * @param file the file
     * @return the reason, or {@code null} when the file exists, is no directory and is readable
     */
    public static String unreadable(Path file) {
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        return Files.isReadable(file) ? null : "permission denied";
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
