package io.sigload.cli;

import io.sigload.report.Units;
import io.sigload.guard.GuardedPrintWriter;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A progress line on stderr for work longer than a second: participants (or tokens) done, valid,
 * invalid, rate, elapsed and ETA. On a terminal it is one live line redrawn four times a second;
 * elsewhere (no terminal, or {@code CI=true}) a plain line every {@value #PLAIN_EVERY_SECONDS} s.
 * {@code SIGLOAD_PROGRESS=live|plain|off} overrides the choice (compare passes it to its child runs).
 *
 * <p>Thread-safe: one daemon thread reads the counts; {@link #close()} stops it and ends the line.
 */
final class Progress implements AutoCloseable {
    /** How progress is shown. */
    enum Style { LIVE, PLAIN, OFF }

    /**
     * A snapshot of the work.
     *
     * @param done items finished
     * @param valid items accepted
     * @param invalid items refused or failed
     * @param total items planned, or {@code -1} when unknown (no ETA then)
     */
    record Counts(long done, long valid, long invalid, long total) {
    }

    static final int PLAIN_EVERY_SECONDS = 5;
    private static final long QUIET_NANOS = 1_000_000_000L;

    private final String label;
    private final String unit;
    private final Supplier<Counts> counts;
    private final PrintWriter err;
    private final Style style;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean stopped;
    private boolean printed;
    private long lastDone;
    private long lastNanos;
    private int steadyTicks;

    private Progress(String label, String unit, Supplier<Counts> counts, PrintWriter err, Style style) {
        this.label = label;
        this.unit = unit;
        this.counts = counts;
        this.err = err;
        this.style = style;
        this.thread = style == Style.OFF ? null : Thread.ofPlatform().daemon().name("sigload-progress").unstarted(this::loop);
    }

    /**
     * Starts showing progress.
     *
     * @param label what runs, e.g. {@code run thirty-users}
     * @param unit what is counted, e.g. {@code participants} or {@code tokens}
     * @param counts read from the progress thread; must be thread-safe
     * @param err stderr
     * @param style from {@link #style(Map, boolean)}
     */
    static Progress start(String label, String unit, Supplier<Counts> counts, PrintWriter err, Style style) {
        Progress p = new Progress(label, unit, counts, err, style);
        if (p.thread != null) {
            p.thread.start();
        }
        return p;
    }

    /**
     * The style for this process.
     *
     * @param env environment: {@code SIGLOAD_PROGRESS} (live, plain, off) wins, then {@code CI=true} means plain
     * @param terminal whether stderr is an interactive terminal
     */
    static Style style(Map<String, String> env, boolean terminal) {
        String forced = env.get("SIGLOAD_PROGRESS");
        if (forced != null) {
            for (Style s : Style.values()) {
                if (s.name().equalsIgnoreCase(forced.trim())) {
                    return s;
                }
            }
        }
        if ("true".equalsIgnoreCase(env.getOrDefault("CI", ""))) {
            return Style.PLAIN;
        }
        return terminal ? Style.LIVE : Style.PLAIN;
    }

    /** The style for the running JVM: its environment and whether it has a terminal. */
    static Style style() {
        Console c = System.console();
        return style(System.getenv(), c != null && c.isTerminal());
    }

    private void loop() {
        long every = style == Style.LIVE ? 250_000_000L : PLAIN_EVERY_SECONDS * 1_000_000_000L;
        long next = style == Style.LIVE ? QUIET_NANOS : every;
        while (!stopped) {
            long now = System.nanoTime() - start;
            if (now >= next) {
                tick(now);
                next += every;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(250, (next - now) / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Prints one line for the work so far. */
    synchronized void tick(long elapsedNanos) {
        if (stopped && style == Style.LIVE) {
            return;
        }
        Counts c = counts.get();
        String line = line(label, unit, c, elapsedNanos, steady(c, elapsedNanos));
        if (style == Style.LIVE) {
            GuardedPrintWriter.control(err, "\r\033[2K"); // ours: past the guard that escapes control characters
            err.print(line);
        } else {
            err.println(line);
        }
        err.flush();
        printed = true;
    }

    /** Seconds an ETA needs behind it, at least. */
    static final double ETA_AFTER_SECONDS = 3;
    /** How far the rate of the last interval may be from the overall rate for the rate to count as steady. */
    static final double STEADY_WITHIN = 0.25;

    /**
     * Whether the rate is steady enough for an ETA: at least {@value #ETA_AFTER_SECONDS} s and 1% of
     * the work done, and the rate of the last two intervals each within {@value #STEADY_WITHIN} of the
     * overall rate (a burst's rate jumps at the gate; a warming JVM's climbs: their early ETAs were
     * off by 80x).
     */
    private boolean steady(Counts c, long elapsedNanos) {
        double secs = elapsedNanos / 1e9;
        double interval = (elapsedNanos - lastNanos) / 1e9;
        double recent = interval > 0 ? (c.done() - lastDone) / interval : 0;
        double overall = secs > 0 ? c.done() / secs : 0;
        lastDone = c.done();
        lastNanos = elapsedNanos;
        boolean close = overall > 0 && Math.abs(recent - overall) <= STEADY_WITHIN * overall;
        steadyTicks = close ? steadyTicks + 1 : 0;
        return c.total() > 0 && secs >= ETA_AFTER_SECONDS && c.done() >= c.total() / 100.0 && steadyTicks >= 2;
    }

    /** One progress line, e.g. {@code run x: 1,200/30,000 participants (4.0 %), 1,190 valid, 10 invalid, 2,400/s, elapsed 0.5 s}. */
    static String line(String label, String unit, Counts c, long elapsedNanos) {
        return line(label, unit, c, elapsedNanos, true);
    }

    /** As {@link #line(String, String, Counts, long)}; {@code eta} says whether to add {@code , ETA 12.0 s}. */
    static String line(String label, String unit, Counts c, long elapsedNanos, boolean eta) {
        double secs = elapsedNanos / 1e9;
        double rate = secs <= 0 ? 0 : c.done() / secs;
        StringBuilder b = new StringBuilder(label).append(": ");
        b.append(String.format(Locale.ROOT, "%,d", c.done()));
        if (c.total() > 0) {
            b.append(String.format(Locale.ROOT, "/%,d %s (%.1f %%)", c.total(), unit, 100.0 * c.done() / c.total()));
        } else {
            b.append(' ').append(unit);
        }
        b.append(String.format(Locale.ROOT, ", %,d valid, %,d invalid, %,.0f/s, elapsed %s", c.valid(), c.invalid(),
                rate, Units.seconds(secs)));
        if (eta && c.total() > 0 && rate > 0 && c.done() < c.total()) {
            b.append(", ETA ").append(Units.seconds((c.total() - c.done()) / rate));
        }
        return b.toString();
    }

    /** Stops the thread; a live line is ended with a newline so the report starts on its own line. */
    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (printed && style == Style.LIVE) {
                err.println();
                err.flush();
            }
        }
    }
}
