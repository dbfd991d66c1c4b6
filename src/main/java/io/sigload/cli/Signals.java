package io.sigload.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM turned into a request instead of an exit (the JVM's own handlers run the
 * shutdown hooks and exit at once, before anything is written). While installed, the first signal
 * calls the handler with its name ({@code "INT"} or {@code "TERM"}); a second one ends the process
 * at once with 128 + the signal's number, writing nothing more. {@link #close()} puts the previous
 * handlers back.
 *
 * <p>A signal that was ignored when the JVM started (a background job of a non-interactive shell
 * ignores SIGINT) stays ignored: the JVM does not let it be handled. Uses {@code sun.misc.Signal}
 * (module jdk.unsupported), the JDK's only API for this. Thread-safe.
 */
final class Signals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private Signals() {
    }

    /**
     * Installs the handlers.
     *
     * @param first called on its own thread with {@code "INT"} or {@code "TERM"} on the first signal
     * @param err where the second signal's one-line notice goes
     */
    static Signals install(Consumer<String> first, PrintWriter err) {
        Signals s = new Signals();
        AtomicInteger count = new AtomicInteger();
        SignalHandler h = sig -> {
            if (count.incrementAndGet() == 1) {
                first.accept(sig.getName());
            } else {
                err.println("sigload: second SIG" + sig.getName() + ": stopping now, without the reports");
                err.flush();
                Runtime.getRuntime().halt(128 + sig.getNumber());
            }
        };
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal sig = new Signal(name);
                s.previous.add(Signal.handle(sig, h));
                s.signals.add(sig);
            } catch (IllegalArgumentException e) {
                // not on this platform (or reserved by the JVM's -Xrs): the default behaviour stays
            }
        }
        return s;
    }

    /** Exit code for a signal name: 128 + its number (INT 130, TERM 143). */
    static int exitCode(String name) {
        return "INT".equals(name) ? 130 : "TERM".equals(name) ? 143 : 1;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // leave it
            }
        }
    }
}
