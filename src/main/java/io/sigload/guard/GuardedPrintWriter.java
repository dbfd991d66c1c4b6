package io.sigload.guard;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * A console stream (stdout or stderr) that masks secrets ({@link Redactor#mask}) and escapes control
 * characters ({@link Controls#escape}, line breaks kept) in everything printed through it. Text is
 * held until a line break or {@link #flush()}, so a secret printed in several pieces within a line
 * is still masked whole.
 *
 * <p>{@link #control(String)} is the one way past the guard, for the terminal sequences sigload
 * writes itself (the live progress line's carriage return and erase-line).
 *
 * <p>Thread-safe as {@link PrintWriter} is (every write holds the writer's lock).
 */
public final class GuardedPrintWriter extends PrintWriter {
    private final Guard guard;

    /**
     * @param target where the guarded text goes (flushed on every {@link #flush()})
     * @param redactor the secrets to mask; secrets added to it later are masked from then on
     */
    public GuardedPrintWriter(Writer target, Redactor redactor) {
        this(new Guard(target, redactor));
    }

    private GuardedPrintWriter(Guard guard) {
        super(guard, true);
        this.guard = guard;
    }

    /** The redactor this stream masks with. */
    public Redactor redactor() {
        return guard.redactor;
    }

    /**
     * Writes a terminal control sequence of sigload's own, unguarded, after whatever is held.
     *
     * @param sequence e.g. {@code "\r\033[2K"}
     */
    public void control(String sequence) {
        synchronized (lock) {
            guard.emitHeld();
            guard.raw(sequence);
        }
    }

    /** Writes {@code sequence} raw when {@code w} is guarded, else prints it. */
    public static void control(PrintWriter w, String sequence) {
        if (w instanceof GuardedPrintWriter g) {
            g.control(sequence);
        } else {
            w.print(sequence);
        }
    }

    private static final class Guard extends Writer {
        private final Writer target;
        private final Redactor redactor;
        private final StringBuilder held = new StringBuilder();

        Guard(Writer target, Redactor redactor) {
            this.target = target;
            this.redactor = redactor;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            held.append(cbuf, off, len);
            int nl = held.lastIndexOf("\n");
            if (nl >= 0) {
                String lines = held.substring(0, nl + 1);
                held.delete(0, nl + 1);
                emit(lines);
            }
        }

        void emitHeld() {
            if (!held.isEmpty()) {
                String s = held.toString();
                held.setLength(0);
                emit(s);
            }
        }

        private void emit(String s) {
            raw(Controls.escape(redactor.mask(s), true));
        }

        void raw(String s) {
            try {
                target.write(s);
            } catch (IOException e) {
                // like PrintWriter: a console that went away is not an error of the run
            }
        }

        @Override
        public void flush() throws IOException {
            emitHeld();
            target.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
