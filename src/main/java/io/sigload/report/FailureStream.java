package io.sigload.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Every failing participant of a run, written as it happens ({@code run --failures FILE}): one JSON
 * object per line, {@code {"participant", "skewMillis", "mintingSkewMillis", "role", "errors": [..],
 * "messages": [..], "token", "validatedAt"}} (the fields of {@code --json}'s {@code failures[]};
 * {@code token} is {@code null} and {@code validatedAt} 0 for a participant that got no token).
 * Lines come in completion order, not participant order. Memory stays bounded at any participant
 * count: each line is written through a 64 KB buffer and dropped.
 *
 * <p>Thread-safe: participants' virtual threads call {@link #accept} at once (a lock, not
 * {@code synchronized}, so a waiting virtual thread does not pin its carrier). A write error does
 * not stop the run: later lines are skipped and {@link #close()} throws it.
 */
public final class FailureStream implements Consumer<FailureSample>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Path file;
    private final BufferedWriter out;
    private final ReentrantLock lock = new ReentrantLock();
    private long lines;
    private IOException failed;

    private FailureStream(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /**
     * Creates (or truncates) the file, and its directory.
     *
     * @throws IOException when it cannot be created
     */
    public static FailureStream open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new FailureStream(file, new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
    }

    @Override
    public void accept(FailureSample f) {
        lock.lock();
        try {
            if (failed != null) {
                return;
            }
            JSON.writeValue(out, f);
            out.write('\n');
            lines++;
        } catch (IOException e) {
            failed = e;
        } finally {
            lock.unlock();
        }
    }

    /** Lines written so far. */
    public long lines() {
        lock.lock();
        try {
            return lines;
        } finally {
            lock.unlock();
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /**
     * Flushes and closes the file.
     *
     * @throws UncheckedIOException when a line or the close could not be written
     */
    @Override
    public void close() {
        lock.lock();
        try {
            out.close();
            if (failed != null) {
                throw new UncheckedIOException("cannot write " + file + " (after " + lines + " lines)", failed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            lock.unlock();
        }
    }
}
