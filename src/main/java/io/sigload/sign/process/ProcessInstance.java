package io.sigload.sign.process;

import io.sigload.guard.Redactor;
import io.sigload.sign.SignException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running copy of an external signer: a child process spoken to one line at a time, with a
 * daemon platform thread reading its stdout into a bounded queue (so a read can time out) and
 * one keeping the last line of its stderr for messages.
 *
 * <p>Lifecycle: started on construction, in the signer's {@link ProcessTree}; after it exits or
 * stalls it is restarted on next use, at most {@code restarts} times, then marked dead and every
 * request fails at once with {@code PROCESS_EXITED}. A child that exits while a request waits is
 * reported as exited (with its code) when it exits, even if a descendant still holds its stdout.
 *
 * <p>Limits on what the child writes, enforced while reading: a response line of at most
 * {@value #MAX_LINE_BYTES} bytes (longer is bad output, the rest of the line is skipped), at most
 * {@value #MAX_QUEUED_LINES} unread lines (older ones are dropped), stderr lines of at most
 * {@value #MAX_STDERR_LINE_BYTES} bytes of which only the last is kept, masked, then cut to
 * {@value #STDERR_SHOWN_CHARS} characters.
 *
 * <p>Not thread-safe: {@link ProcessSigner} lends each instance to one caller at a time.
 */
final class ProcessInstance implements AutoCloseable {
    /** Longest response line kept, in bytes; longer lines count as bad output. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_QUEUED_LINES = 256;
    /** Longest stderr line kept, bytes. */
    static final int MAX_STDERR_LINE_BYTES = 8192;
    /** Most characters of the last stderr line shown in a message. */
    static final int STDERR_SHOWN_CHARS = 200;
    /** How often a waiting request checks whether the child is still there. */
    private static final long EXIT_CHECK_NANOS = 50_000_000L;
    private static final Line EOF = new Line(null, false);

    private record Line(String text, boolean tooLong) {
    }

    private final int index;
    private final ProcessBuilder builder;
    private final int restarts;
    private final Redactor redactor;
    private final ProcessTree tree;
    private Process process;
    private OutputStream stdin;
    private BlockingQueue<Line> lines;
    private volatile String lastStderr = "";
    private int starts;
    private boolean fresh;
    private String deathReason;

    /**
     * Starts the child.
     *
     * @param redactor masks the secret in text the child wrote, before it is cut into a message
     * @param tree where the child is started, so every descendant is ended with the signer
     * @throws IOException when the program cannot be started
     */
    ProcessInstance(int index, ProcessBuilder builder, int restarts, Redactor redactor, ProcessTree tree)
            throws IOException {
        this.index = index;
        this.builder = builder;
        this.restarts = restarts;
        this.redactor = redactor;
        this.tree = tree;
        start();
    }

    private void start() throws IOException {
        starts++;
        Process p = tree.start(builder);
        BlockingQueue<Line> q = new ArrayBlockingQueue<>(MAX_QUEUED_LINES);
        Thread.ofPlatform().daemon().name("sigload-process-" + index + "-stdout").start(() -> readLines(p.getInputStream(), q));
        Thread.ofPlatform().daemon().name("sigload-process-" + index + "-stderr").start(() -> keepLastLine(p.getErrorStream()));
        process = p;
        fresh = true;
        stdin = p.getOutputStream();
        lines = q;
    }

    /**
     * Sends one request line and waits for one response line.
     *
     * @param request one JSON object followed by {@code \n}
     * @param startTimeout replaces {@code timeout}, when longer, for the first request after a start
     * @return the response line, without its line terminator
     * @throws SignException {@code PROCESS_EXITED} (exited, cannot be restarted, or dead),
     *     {@code PROCESS_TIMEOUT} (no line within {@code timeout}; the child is killed),
     *     {@code PROCESS_BAD_OUTPUT} (a line over {@value #MAX_LINE_BYTES} bytes),
     *     {@code INTERRUPTED}
     */
    String exchange(byte[] request, Duration timeout, Duration startTimeout) throws SignException {
        ensureRunning();
        Duration wait = fresh && startTimeout.compareTo(timeout) > 0 ? startTimeout : timeout;
        Line stale;
        while ((stale = lines.peek()) != null && stale != EOF) {
            lines.poll();
        }
        if (stale == EOF) {
            throw exited();
        }
        try {
            stdin.write(request);
            stdin.flush();
        } catch (IOException e) {
            throw exited();
        }
        Line line;
        try {
            line = await(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new SignException("INTERRUPTED", "interrupted while waiting for process signer instance " + index);
        }
        if (line == null) {
            kill();
            throw new SignException("PROCESS_TIMEOUT", "process signer instance " + index + " gave no response within "
                    + wait.toMillis() + " ms; it was killed" + restartNote());
        }
        fresh = false;
        if (line == EOF) {
            throw exited();
        }
        if (line.tooLong()) {
            throw new SignException("PROCESS_BAD_OUTPUT", "process signer instance " + index
                    + " wrote a line over " + MAX_LINE_BYTES + " bytes");
        }
        return line.text();
    }

    /**
     * The next line within {@code wait}, or {@link #EOF} as soon as the child has exited without
     * one (a descendant that keeps the pipe open must not turn a clean exit into a timeout), or
     * {@code null} when the time is up.
     */
    private Line await(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Process p = process;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Line line = lines.poll(Math.min(left, EXIT_CHECK_NANOS), TimeUnit.NANOSECONDS);
            if (line != null) {
                return line;
            }
            if (!p.isAlive()) {
                line = lines.poll(EXIT_CHECK_NANOS, TimeUnit.NANOSECONDS); // what it wrote just before exiting
                return line != null ? line : EOF;
            }
        }
    }

    private void ensureRunning() throws SignException {
        if (deathReason != null) {
            throw new SignException("PROCESS_EXITED", deathReason);
        }
        if (process != null) {
            return;
        }
        if (starts > restarts) {
            deathReason = "process signer instance " + index + " is dead: it exited or stalled " + starts
                    + " times (signer.restarts: " + restarts + ")";
            throw new SignException("PROCESS_EXITED", deathReason);
        }
        try {
            start();
        } catch (IOException e) {
            deathReason = "process signer instance " + index + " could not be restarted: "
                    + redactor.quote(e.getMessage(), STDERR_SHOWN_CHARS);
            throw new SignException("PROCESS_EXITED", deathReason);
        }
    }

    private SignException exited() {
        Process p = process;
        String code = "";
        try {
            if (p.waitFor(1, TimeUnit.SECONDS)) {
                code = " with code " + p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
        String err = lastStderr.isEmpty() ? "" : "; last stderr line: " + lastStderr;
        return new SignException("PROCESS_EXITED", "process signer instance " + index + " exited" + code + err + restartNote());
    }

    private String restartNote() {
        return starts > restarts ? "; no restarts left" : "; restarted on next use (" + (restarts - starts + 1) + " left)";
    }

    private void kill() {
        Process p = process;
        process = null;
        if (p != null) {
            tree.kill(p);
        }
    }

    /** Closes the child's stdin (a well-behaved signer exits on EOF), waits up to 1 s, then kills it. */
    @Override
    public void close() {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            stdin.close();
            p.waitFor(1, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    private static void readLines(InputStream in, BlockingQueue<Line> q) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        boolean tooLong = false;
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        String s = buf.toString(StandardCharsets.UTF_8);
                        q.offer(new Line(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s, tooLong));
                        buf.reset();
                        tooLong = false;
                    } else if (buf.size() < MAX_LINE_BYTES) {
                        buf.write(b);
                    } else {
                        tooLong = true;
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; EOF below
        }
        while (!q.offer(EOF)) {
            q.poll();
        }
    }

    /**
     * Keeps the child's last stderr line: read as UTF-8 (up to {@value #MAX_STDERR_LINE_BYTES} bytes a
     * line), masked, THEN cut to {@value #STDERR_SHOWN_CHARS} chars ({@link Redactor#quote}).
     */
    private void keepLastLine(InputStream err) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (err) {
            int c;
            while ((c = err.read()) >= 0) {
                if (c == '\n') {
                    keep(line);
                } else if (line.size() < MAX_STDERR_LINE_BYTES) {
                    line.write(c);
                }
            }
            keep(line);
        } catch (IOException e) {
            // the child is gone
        }
    }

    private void keep(ByteArrayOutputStream line) {
        if (line.size() == 0) {
            return;
        }
        lastStderr = redactor.quote(line.toString(StandardCharsets.UTF_8).strip(), STDERR_SHOWN_CHARS);
        line.reset();
    }
}
