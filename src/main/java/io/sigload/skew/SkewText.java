package io.sigload.skew;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/** The skew report for people: the window sentence, each edge's rule, probabilistic bands, a step table. */
public final class SkewText {
    private SkewText() {
    }

    /** The headline sentence, e.g. "tokens from this signer validate when the minting clock is between 7169 s slow and 30 s fast". */
    public static String headline(SkewReport r) {
        if (r.window() == null) {
            return r.everValid()
                    ? "no skew in the range lets every token validate: acceptance is probabilistic everywhere"
                    : "tokens from this signer never validate at any skew in the range";
        }
        return "tokens from this signer validate when the minting clock is between " + clock(r.window().min()) + " and "
                + clock(r.window().max());
    }

    /**
     * For a signer on its own clock (an endpoint, a process: {@link SignerProbe.Mode#VALIDATOR_CLOCK}),
     * whose window leaves out 0: with the clocks as they are, its tokens are refused now, so its clock
     * is off from this machine's, fast when the window lies below 0 and slow when above. The sweep
     * cannot say by how much (the window's edges mix the offset with the signer's iat and exp
     * recipe); {@code sigload run} estimates it (SERVER_CLOCK_OFFSET). Empty otherwise.
     */
    public static Optional<String> offNow(SkewReport r) {
        if (r.mode() != SignerProbe.Mode.VALIDATOR_CLOCK || r.window() == null
                || (r.window().min() <= 0 && r.window().max() >= 0)) {
            return Optional.empty();
        }
        boolean fast = r.window().max() < 0;
        return Optional.of("  0 s is outside the window: with the clocks as they are, this signer's tokens are"
                + " refused now; its clock runs " + (fast ? "fast" : "slow") + " against this machine's (sigload run"
                + " estimates by how much: SERVER_CLOCK_OFFSET)");
    }

    /** {@code -7169} → "7169 s slow", {@code 30} → "30 s fast", {@code 0} → "0 s fast". */
    public static String clock(long skew) {
        return skew < 0 ? (-skew) + " s slow" : skew + " s fast";
    }

    /** Prints the report. */
    public static void print(SkewReport r, PrintWriter out) {
        out.printf(Locale.ROOT, "sigload skew: %s, validator %s, swept %+d s .. %+d s%n", r.signer(), r.profile(),
                r.fromSeconds(), r.toSeconds());
        if (r.mode() == SignerProbe.Mode.VALIDATOR_CLOCK) {
            out.println("  the signer mints on its own clock: the VALIDATOR's clock was swept instead"
                    + " (skew = -validator offset, relative to this machine's clock)");
        }
        int tokens = r.steps().isEmpty() ? 0 : r.steps().get(0).tokens();
        out.printf(Locale.ROOT, "  %d skews tried, %d tokens each, edges to 1 s%n%n", r.steps().size(), tokens);
        out.println(headline(r));
        offNow(r).ifPresent(out::println);
        if (r.window() != null) {
            out.printf(Locale.ROOT, "window       [%+d s, %+d s]%n", r.window().min(), r.window().max());
            edge(out, r.slow());
            edge(out, r.fast());
        }
        r.probabilisticNearZero().ifPresent(s -> out.printf(Locale.ROOT,
                "probabilistic at %+d s: %.1f %% of tokens rejected (%s)%n", s.skewSeconds(), 100 * s.rejectedShare(),
                s.mainReason()));
        out.printf(Locale.ROOT, "%n%10s %8s %9s  %s%n", "skew (s)", "tokens", "rejected", "reasons");
        for (SkewStep s : r.steps()) {
            out.printf(Locale.ROOT, "%+10d %8d %8.1f%%  %s%n", s.skewSeconds(), s.tokens(), 100 * s.rejectedShare(),
                    s.rejectedBy().isEmpty() ? "" : s.rejectedBy().toString());
        }
        out.flush();
    }

    private static void edge(PrintWriter out, SkewEdge e) {
        String name = e.side() == SkewEdge.Side.SLOW ? "slow edge" : "fast edge";
        if (e.firstRejected() == null) {
            out.printf(Locale.ROOT, "%-12s none within the range (still valid at %+d s)%n", name, e.lastValid());
            return;
        }
        out.printf(Locale.ROOT, "%-12s %s from %+d s (%s)", name, e.reason(), e.firstRejected(), clock(e.firstRejected()));
        if (e.probabilistic()) {
            out.printf(Locale.ROOT, "; probabilistic: %.1f %% rejected there, all rejected %s", 100 * e.rejectedShareAtFirst(),
                    e.allRejectedFrom() == null ? "nowhere in the range" : String.format(Locale.ROOT, "from %+d s", e.allRejectedFrom()));
        }
        out.println();
    }
}
