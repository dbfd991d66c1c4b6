package io.sigload.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares a baseline with a current result and decides, per metric, regression / improvement /
 * no change / inconclusive.
 *
 * <p><b>JMH results (time).</b> For each benchmark, the change is {@code stat(current) /
 * stat(baseline) - 1} over the raw iteration scores, where stat is the minimum by default
 * ({@code --estimator min}; or the 10th percentile, median, or mean), with a two-stage bootstrap
 * interval ({@link Bootstrap}) at {@link GateSettings#confidence()}. The change is the figures'
 * own ({@code stat(current)/stat(baseline) - 1}: fewer operations per second in a throughput mode
 * is negative); the verdict judges time per operation (the inverse ratio for throughput modes).
 * With threshold T: regression when the interval's better end is a slowdown of more than T (the
 * data support a slowdown of at least T), improvement when its worse end is a speed-up of more
 * than T, no change when the whole interval is within plus or minus T, otherwise inconclusive. T
 * is the minimum effect size: a certain 3% slowdown is "no change" at T = 10%.
 *
 * <p>Why the minimum: interference on a shared machine only adds time, so the fast end of the
 * iteration scores is where the code's own cost shows (Chen and Revels, arXiv:1608.04295; the
 * measurements behind the default are in docs/performance.md, "The gate").
 * With the median or mean, a regression or improvement verdict is withheld (inconclusive, with a
 * note) when a fork's scores are unsteady: still warming up (first half's median over 1.5x the
 * second half's: the JIT was not done) or disturbed (slowest iteration over 3x the fastest: a
 * busy machine). Measured on the shared 2-core development machine, such forks made identical
 * code look 78% "faster" by the median with a 99% interval of [-93%, -30%]. The 10th percentile
 * and the minimum do not need that guard: the notes still say which forks were unsteady.
 *
 * <p><b>JMH results (allocation).</b> {@code ·gc.alloc.rate.norm} (B/op, from {@code -prof gc}) is
 * nearly deterministic once compiled, so its steady state (the lowest iteration) is compared by
 * its point estimate with a tight bound: regression
 * when it grows by more than both the alloc threshold (fraction) and
 * {@link GateSettings#allocAbsoluteBytes()}.
 *
 * <p><b>Load runs ({@code sigload run --json}).</b> Invalid counts and each reason code's count:
 * any increase is a regression when both runs used the same seed; with different seeds a
 * Poisson allowance of 3·sqrt(max(baseline, 1)) applies. Latency percentiles (p50, p90, p99 of
 * sign and total) and throughput are single observations: there is no interval, the verdict is
 * the point estimate against T and says so; {@code max} is reported, never gated.
 */
public final class Gate {
    private Gate() {
    }

    /** Reads both files, detects their kind (JMH result array or load-run summary) and compares. */
    public static GateReport compareFiles(Path baseline, Path current, GateSettings s) throws GateInputException {
        JsonNode b = JmhResultFile.readTree(baseline);
        JsonNode c = JmhResultFile.readTree(current);
        if (b.isArray() && c.isArray()) {
            return compareJmh(JmhResultFile.parse(b, baseline.toString()), JmhResultFile.parse(c, current.toString()), s);
        }
        if (RunSummaries.isRunSummary(b) && RunSummaries.isRunSummary(c)) {
            return RunSummaries.compare(b, c, s, baseline.toString(), current.toString());
        }
        throw new GateInputException("cannot compare " + baseline + " (" + kind(b) + ") with " + current + " ("
                + kind(c) + "): both must be JMH JSON results (sigload bench --json) or both `sigload run --json` summaries");
    }

    /**
     * Reads one or more files a side: JMH results (each side's runs merged, their forks pooled) or
     * load-run summaries (each side's runs compared as a set, {@link RunSummaries}).
     */
    public static GateReport compareFiles(List<Path> baseline, List<Path> current, GateSettings s) throws GateInputException {
        if (baseline.size() == 1 && current.size() == 1) {
            return compareFiles(baseline.getFirst(), current.getFirst(), s);
        }
        List<JsonNode> b = new ArrayList<>();
        List<JsonNode> c = new ArrayList<>();
        for (Path p : baseline) {
            b.add(JmhResultFile.readTree(p));
        }
        for (Path p : current) {
            c.add(JmhResultFile.readTree(p));
        }
        if (b.stream().allMatch(JsonNode::isArray) && c.stream().allMatch(JsonNode::isArray)) {
            List<List<JmhResult>> rb = new ArrayList<>();
            List<List<JmhResult>> rc = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                rb.add(JmhResultFile.parse(b.get(i), baseline.get(i).toString()));
            }
            for (int i = 0; i < c.size(); i++) {
                rc.add(JmhResultFile.parse(c.get(i), current.get(i).toString()));
            }
            return compareJmh(Interleave.merge(rb, "baseline"), Interleave.merge(rc, "current"), s);
        }
        if (b.stream().allMatch(RunSummaries::isRunSummary) && c.stream().allMatch(RunSummaries::isRunSummary)) {
            return RunSummaries.compare(new RunSummaries.Side(b, baseline.stream().map(Path::toString).toList()),
                    new RunSummaries.Side(c, current.stream().map(Path::toString).toList()), s);
        }
        throw new GateInputException("cannot compare these files: every --baseline and --current must be a JMH JSON result"
                + " (sigload bench --json), or every one a `sigload run --json` summary");
    }

    private static String kind(JsonNode n) {
        if (n.isArray()) {
            return "a JSON array, read as JMH results";
        }
        return RunSummaries.isRunSummary(n) ? "a load-run summary" : "neither JMH results nor a load-run summary";
    }

    /** Compares two JMH result sets. */
    public static GateReport compareJmh(List<JmhResult> baseline, List<JmhResult> current, GateSettings s)
            throws GateInputException {
        Map<String, JmhResult> b = byKey(baseline);
        Map<String, JmhResult> c = byKey(current);
        TreeSet<String> onlyB = new TreeSet<>(b.keySet());
        onlyB.removeAll(c.keySet());
        TreeSet<String> onlyC = new TreeSet<>(c.keySet());
        onlyC.removeAll(b.keySet());
        if (!onlyB.isEmpty() || !onlyC.isEmpty()) {
            throw new GateInputException("baseline and current ran different benchmark sets; only in baseline: "
                    + list(onlyB) + "; only in current: " + list(onlyC)
                    + " (run both with the same --include and parameters, or refresh the baseline)");
        }
        List<String> notes = new ArrayList<>();
        checkSameJdk(baseline.getFirst(), current.getFirst(), s, notes);
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, JmhResult> e : b.entrySet()) {
            JmhResult rb = e.getValue();
            JmhResult rc = c.get(e.getKey());
            if (!rb.unit().equals(rc.unit())) {
                throw new GateInputException(e.getKey() + ": baseline is in " + rb.unit() + ", current in " + rc.unit());
            }
            out.add(time(rb, rc, s));
            Comparison a = alloc(rb, rc, s);
            if (a != null) {
                out.add(a);
            }
        }
        return new GateReport("JMH", out, notes, s);
    }

    private static void checkSameJdk(JmhResult b, JmhResult c, GateSettings s, List<String> notes) throws GateInputException {
        boolean same = b.jdkVersion().equals(c.jdkVersion()) && b.vmName().equals(c.vmName())
                && b.vmVersion().equals(c.vmVersion());
        if (same) {
            notes.add("JDK: " + c.jdkVersion() + " (" + c.vmName() + " " + c.vmVersion() + ") on both sides");
            return;
        }
        String msg = "baseline ran on JDK " + b.jdkVersion() + " (" + b.vmName() + " " + b.vmVersion() + "), current on JDK "
                + c.jdkVersion() + " (" + c.vmName() + " " + c.vmVersion() + ")";
        if (!s.allowJdkMismatch()) {
            throw new GateInputException(msg + ": timings from different JDKs are not comparable; refresh the baseline"
                    + " on this JDK (or pass --allow-jdk-mismatch)");
        }
        notes.add("WARNING: " + msg + " (--allow-jdk-mismatch)");
    }

    private static String list(TreeSet<String> keys) {
        if (keys.isEmpty()) {
            return "none";
        }
        List<String> l = new ArrayList<>(keys);
        return l.size() <= 8 ? String.join(", ", l) : String.join(", ", l.subList(0, 8)) + " and " + (l.size() - 8) + " more";
    }

    private static Map<String, JmhResult> byKey(List<JmhResult> rs) {
        Map<String, JmhResult> m = new LinkedHashMap<>();
        rs.forEach(r -> m.put(r.key(), r));
        return m;
    }

    /**
     * {@code "inconclusive: too few samples (...)"} when a side has fewer forks or iterations per
     * fork than {@link GateSettings#minForks()} x {@link GateSettings#minIterations()}, else {@code null}.
     */
    static String tooFewSamples(List<List<Double>> rawB, List<List<Double>> rawC, GateSettings s) {
        int itB = rawB.stream().mapToInt(List::size).min().orElse(0);
        int itC = rawC.stream().mapToInt(List::size).min().orElse(0);
        if (rawB.size() >= s.minForks() && rawC.size() >= s.minForks() && itB >= s.minIterations()
                && itC >= s.minIterations()) {
            return null;
        }
        return String.format(Locale.ROOT, "inconclusive: too few samples (baseline %s, current %s; a verdict needs at"
                + " least %d forks x %d iterations a side: --profile ci, or gate --interleave)", shape(rawB.size(), itB),
                shape(rawC.size(), itC), s.minForks(), s.minIterations());
    }

    private static String shape(int forks, int iterations) {
        return forks + (forks == 1 ? " fork" : " forks") + " x " + iterations + (iterations == 1 ? " iteration" : " iterations");
    }

    static Comparison time(JmhResult b, JmhResult c, GateSettings s) {
        boolean higherIsBetter = b.mode().equals("thrpt");
        List<List<Double>> rawB = b.raw();
        List<List<Double>> rawC = c.raw();
        String few = tooFewSamples(rawB, rawC, s);
        if (few != null) {
            double[] fb = flat(rawB);
            double[] fc = flat(rawC);
            double sb = s.estimator().of(fb, fb.length, higherIsBetter);
            double sc = s.estimator().of(fc, fc.length, higherIsBetter);
            double change = sc / sb - 1;
            return new Comparison(b.display(), "time", b.unit(), sb, sc, change, Double.NaN, Double.NaN,
                    GateVerdict.INCONCLUSIVE, few);
        }
        Bootstrap.Interval iv = Bootstrap.ratio(rawB, rawC, s.confidence(), s.resamples(), s.seed(), s.estimator(),
                higherIsBetter);
        // the change and interval are the figures' own (a throughput fall is negative); the verdict
        // judges "worse" = more time per operation, i.e. the inverse ratio for throughput modes
        double change = iv.point() - 1;
        double lo = iv.lower() - 1;
        double hi = iv.upper() - 1;
        double worseLo = higherIsBetter ? 1 / iv.upper() - 1 : lo;
        double worseHi = higherIsBetter ? 1 / iv.lower() - 1 : hi;
        double t = s.threshold();
        GateVerdict v;
        if (worseLo > t) {
            v = GateVerdict.REGRESSION;
        } else if (worseHi < -t) {
            v = GateVerdict.IMPROVEMENT;
        } else if (worseLo >= -t && worseHi <= t) {
            v = GateVerdict.NO_CHANGE;
        } else {
            v = GateVerdict.INCONCLUSIVE;
        }
        String note = String.format(Locale.ROOT, "%s of iterations; %.0f%% bootstrap CI over %d+%d iterations in %d+%d forks",
                s.estimator().name().toLowerCase(Locale.ROOT), s.confidence() * 100,
                rawB.stream().mapToInt(List::size).sum(), rawC.stream().mapToInt(List::size).sum(), rawB.size(), rawC.size());
        int coldB = stillWarming(rawB);
        int coldC = stillWarming(rawC);
        int noisyB = disturbed(rawB);
        int noisyC = disturbed(rawC);
        if (coldB + coldC > 0) {
            note += String.format(Locale.ROOT, "; still warming up (first half's median over %.1fx the second"
                    + " half's) in %d of %d baseline and %d of %d current forks: give it more warmup", WARMING_RATIO, coldB,
                    b.raw().size(), coldC, c.raw().size());
        }
        if (noisyB + noisyC > 0) {
            note += String.format(Locale.ROOT, "; disturbed in %d of %d baseline and %d of %d current forks"
                    + " (slowest iteration over %.0fx the fastest): the machine was busy", noisyB, b.raw().size(), noisyC,
                    c.raw().size(), DISTURBED_RATIO);
        }
        if (coldB + coldC + noisyB + noisyC > 0 && !s.estimator().lowEnd()) {
            if (v == GateVerdict.REGRESSION || v == GateVerdict.IMPROVEMENT) {
                v = GateVerdict.INCONCLUSIVE;
                note += "; verdict withheld: unsteady forks measure the machine, not the code";
            }
        } else if (v == GateVerdict.INCONCLUSIVE) {
            note += "; interval too wide for the " + pct(t) + " threshold: measure longer or interleave";
        }
        if (coldB + coldC + noisyB + noisyC > 0 && s.estimator().lowEnd() && v != GateVerdict.INCONCLUSIVE) {
            note += "; the " + (s.estimator() == Bootstrap.Estimator.MIN ? "minimum" : "10th percentile")
                    + " looks past the slow iterations";
        }

        return new Comparison(b.display(), "time", b.unit(), iv.baseline(), iv.current(), change, lo, hi, v, note);
    }

    /** A fork whose slowest iteration is this many times its fastest was disturbed (a neighbour's compile, a GC storm). */
    static final double DISTURBED_RATIO = 3.0;

    /** Forks whose iteration scores spread over more than {@link #DISTURBED_RATIO}. */
    static int disturbed(List<List<Double>> forks) {
        return countForks(forks, f -> {
            double min = f.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = f.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            return min > 0 && max > DISTURBED_RATIO * min;
        });
    }

    /** How many forks (lists of iteration scores) satisfy {@code test}. */
    private static int countForks(List<List<Double>> forks, Predicate<List<Double>> test) {
        return (int) forks.stream().filter(test).count();
    }

    /** A fork whose first half's median is this many times its second half's is still warming up. */
    static final double WARMING_RATIO = 1.5;

    /**
     * Forks whose measurement iterations still fall steeply: the JIT had not finished when
     * measurement began (on a loaded machine the compiler threads starve and 3 x 1 s is not enough).
     */
    static int stillWarming(List<List<Double>> forks) {
        return countForks(forks, f -> {
            if (f.size() < 4) {
                return false;
            }
            int half = f.size() / 2;
            return median(f.subList(0, half)) > WARMING_RATIO * median(f.subList(f.size() - half, f.size()));
        });
    }

    private static double median(List<Double> l) {
        double[] a = l.stream().mapToDouble(Double::doubleValue).toArray();
        return Bootstrap.Estimator.MEDIAN.of(a, a.length);
    }

    static Comparison alloc(JmhResult b, JmhResult c, GateSettings s) {
        if (b.allocNorm() == null && c.allocNorm() == null) {
            return null;
        }
        if (b.allocNorm() == null || c.allocNorm() == null) {
            return new Comparison(b.display(), "alloc", "B/op", nan(b.allocNorm()), nan(c.allocNorm()), Double.NaN, Double.NaN,
                    Double.NaN, GateVerdict.INFO, "only one side ran with -prof gc: allocation not compared");
        }
        double base = allocValue(b, s);
        double cur = allocValue(c, s);
        String few = tooFewSamples(b.allocRaw().isEmpty() ? b.raw() : b.allocRaw(),
                c.allocRaw().isEmpty() ? c.raw() : c.allocRaw(), s);
        if (few != null) {
            return new Comparison(b.display(), "alloc", "B/op", base, cur, base > 0 ? cur / base - 1 : Double.NaN,
                    Double.NaN, Double.NaN, GateVerdict.INCONCLUSIVE, few);
        }
        double delta = cur - base;
        double bound = Math.max(s.allocThreshold() * Math.abs(base), s.allocAbsoluteBytes());
        double change = base > 0 ? delta / base : (delta == 0 ? 0 : Double.NaN);
        GateVerdict v = delta > bound ? GateVerdict.REGRESSION : delta < -bound ? GateVerdict.IMPROVEMENT : GateVerdict.NO_CHANGE;
        String note = String.format(Locale.ROOT, "%+.1f B/op; bound max(%s, %.0f B/op); steady-state B/op"
                + " (lowest iteration: until C2's escape analysis kicks in a fork allocates more)",
                delta, pct(s.allocThreshold()), s.allocAbsoluteBytes());
        int unsettledB = unsettled(b.allocRaw());
        int unsettledC = unsettled(c.allocRaw());
        if (unsettledB + unsettledC > 0 && (v == GateVerdict.REGRESSION || v == GateVerdict.IMPROVEMENT)) {
            v = GateVerdict.INCONCLUSIVE;
            note += String.format(Locale.ROOT, "; verdict withheld: B/op still changing in %d of %d baseline and %d"
                    + " of %d current forks (the two lowest iterations over %.1f%% apart: the JIT had not settled)",
                    unsettledB, b.allocRaw().size(), unsettledC, c.allocRaw().size(), ALLOC_SETTLED * 100);
        }
        return new Comparison(b.display(), "alloc", "B/op", base, cur, change, Double.NaN, Double.NaN, v, note);
    }

    /**
     * Once compiled, a benchmark allocates the same bytes per op every iteration (here: java-jwt's
     * 6,728.0-6,728.5 B/op over 5 iterations); a fork whose two lowest iterations differ by more
     * than this was still being compiled (measured: 7,189 and 7,402 B/op in a fork that ran 100x
     * slower than normal on a starved machine).
     */
    static final double ALLOC_SETTLED = 0.005;

    /** Forks whose two lowest B/op iterations differ by more than {@link #ALLOC_SETTLED}. */
    static int unsettled(List<List<Double>> allocForks) {
        return countForks(allocForks, f -> {
            if (f.size() < 2) {
                return false;
            }
            double[] a = f.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return a[1] > a[0] * (1 + ALLOC_SETTLED) && a[1] - a[0] > 1.0;
        });
    }

    /**
     * Steady-state allocation: the lowest per-iteration B/op when JMH wrote them, else JMH's score.
     * Measured here: java-jwt allocates ~7,460 B/op while still interpreted or in C1 and ~6,690 once
     * C2 compiled it, within one fork; compilation only removes allocations, so the lowest
     * iteration is the steady state, and a fork that never got there is not mistaken for a
     * regression.
     */
    private static double allocValue(JmhResult r, GateSettings s) {
        return r.allocRaw().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min().orElse(r.allocNorm());
    }

    private static double[] flat(List<List<Double>> forks) {
        return forks.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
