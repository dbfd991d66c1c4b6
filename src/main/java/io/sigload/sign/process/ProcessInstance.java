package io.sigload.sign.process;

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
import java.util.function.UnaryOperator;

/**
 * One running copy of an external signer: a child process spoken to one line at a time, with a
 * daemon platform thread reading its stdout into a bounded queue (so a read can time out) and
 * one keeping the last line of its stderr for messages.
 *
 * <p>Lifecycle: started on construction; after it exits or stalls it is restarted on next use,
 * at most {@code restarts} times, then marked dead and every request fails at once with
 * {@code PROCESS_EXITED}.
 *
 * <p>Not thread-safe: {@link ProcessSigner} lends each instance to one caller at a time.
 */
final class ProcessInstance implements AutoCloseable {
    /** Longest response line kept, in bytes; longer lines count as bad output. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int MAX_QUEUED_LINES = 256;
    private static final Line EOF = new Line(null, false);

    private record Line(String text, boolean tooLong) {
    }

    private final int index;
    private final ProcessBuilder builder;
    private final int restarts;
    private final UnaryOperator<String> scrub;
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
     * @param scrub removes the secret from text the child wrote, before it goes into a message
     * @throws IOException when the program cannot be started
     */
    ProcessInstance(int index, ProcessBuilder builder, int restarts, UnaryOperator<String> scrub) throws IOException {
        this.index = index;
        this.builder = builder;
        this.restarts = restarts;
        this.scrub = scrub;
        start();
    }

    private void start() throws IOException {
        starts++;
        Process p = builder.start();
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
            line = lines.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
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
            deathReason = "process signer instance " + index + " could not be restarted: " + scrub.apply(e.getMessage());
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
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
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

    /** Keeps the child's last stderr line: read as UTF-8 (up to 8 KiB a line), masked, THEN cut to 200 chars. */
    private void keepLastLine(InputStream err) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (err) {
            int c;
            while ((c = err.read()) >= 0) {
                if (c == '\n') {
                    keep(line);
                } else if (line.size() < 8192) {
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
        String masked = scrub.apply(line.toString(StandardCharsets.UTF_8)).strip();
        lastStderr = masked.length() > 200 ? masked.substring(0, 200) + "..." : masked;
        line.reset();
    }
}
