package io.sigload.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares {@code sigload run --json} summaries, one or more runs a side: {@code scenario}, {@code seed},
 * {@code participants}, {@code valid}, {@code invalid}, {@code byReason} (code to count),
 * {@code mintErrors} (category to count),
 * {@code latencyMicros.sign|total.p50|p90|p99|max}, {@code throughputPerSec}. The rules are in
 * {@link Gate}'s class comment.
 */
final class RunSummaries {
    private static final String[] PERCENTILES = {"p50", "p90", "p99"};

    private RunSummaries() {
    }

    static boolean isRunSummary(JsonNode n) {
        return n != null && n.isObject() && n.has("scenario") && n.has("invalid") && n.has("latencyMicros");
    }

    /** One side: its runs and their file names. */
    record Side(List<JsonNode> runs, List<String> names) {
    }

    static GateReport compare(JsonNode b, JsonNode c, GateSettings s, String bName, String cName) throws GateInputException {
        return compare(new Side(List.of(b), List.of(bName)), new Side(List.of(c), List.of(cName)), s);
    }

    /**
     * Compares two sets of runs of one scenario (one or more a side; interleaved runs of two
     * builds, {@code gate --interleave --scenario}).
     */
    static GateReport compare(Side b, Side c, GateSettings s) throws GateInputException {
        String scenario = b.runs().getFirst().path("scenario").asText();
        long participants = count(b.runs().getFirst(), "participants", b.names().getFirst());
        for (Side side : List.of(b, c)) {
            for (int i = 0; i < side.runs().size(); i++) {
                JsonNode r = side.runs().get(i);
                String name = side.names().get(i);
                if (!r.path("scenario").asText().equals(scenario)) {
                    throw new GateInputException("different scenarios: " + b.names().getFirst() + " ran '" + scenario + "', "
                            + name + " ran '" + r.path("scenario").asText() + "'");
                }
                long p = count(r, "participants", name);
                if (p != participants) {
                    throw new GateInputException("different participant counts: " + participants + " in "
                            + b.names().getFirst() + ", " + p + " in " + name);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        Set<String> seeds = new TreeSet<>();
        boolean simulated = true;
        for (Side side : List.of(b, c)) {
            for (JsonNode r : side.runs()) {
                seeds.add(r.path("seed").asText("?"));
                simulated &= "simulated".equals(r.path("timeMode").asText(""));
            }
        }
        boolean sameSeed = seeds.size() == 1 && !seeds.contains("?");
        boolean deterministic = sameSeed && simulated;
        int nb = b.runs().size();
        int nc = c.runs().size();
        int needed = RankInterval.runsNeeded(s.confidence());
        notes.add("scenario " + scenario + ", " + participants + " participants, " + runs(nb) + " baseline, " + runs(nc)
                + " current; " + (deterministic ? "same seed " + seeds.iterator().next() + " in simulated time: counts"
                        + " are deterministic, any increase fails"
                        : (sameSeed ? "same seed " + seeds.iterator().next() + " in wall time" : "seeds " + seeds)
                                + ": counts vary between runs and need " + needed + " runs a side"));
        notes.add(nb >= needed && nc >= needed
                ? String.format(Locale.ROOT, "latency and throughput: baseline and current are each side's median over"
                        + " its runs, change is their ratio; the interval (exact Mann-Whitney rank interval of the ratio"
                        + " at %.0f%%, from the spread between runs) decides", s.confidence() * 100)
                : String.format(Locale.ROOT, "latency and throughput: inconclusive, too few runs (%d and %d); a verdict"
                        + " needs %d interleaved runs a side at %.0f%% (gate --interleave --scenario FILE --runs %d, or"
                        + " repeat --baseline and --current)", nb, nc, needed, s.confidence() * 100, needed));
        List<Comparison> out = new ArrayList<>();
        out.add(countCmp("invalid", values(b, r -> count(r.node(), "invalid", r.name())),
                values(c, r -> count(r.node(), "invalid", r.name())), deterministic, needed));
        for (String field : List.of("byReason", "mintErrors")) {
            TreeSet<String> codes = new TreeSet<>();
            for (Side side : List.of(b, c)) {
                for (int i = 0; i < side.runs().size(); i++) {
                    countMap(side.runs().get(i), field, side.names().get(i)).fieldNames().forEachRemaining(codes::add);
                }
            }
            for (String code : codes) {
                out.add(countCmp(field + " " + code, values(b, r -> r.node().path(field).path(code).asLong(0)),
                        values(c, r -> r.node().path(field).path(code).asLong(0)), deterministic, needed));
            }
        }
        for (String phase : new String[] {"sign", "total"}) {
            boolean any = false;
            for (Side side : List.of(b, c)) {
                for (JsonNode r : side.runs()) {
                    any |= !r.path("latencyMicros").path(phase).isMissingNode();
                }
            }
            if (!any) {
                continue;
            }
            for (String p : PERCENTILES) {
                out.add(timing("latency " + phase + " " + p, "latency", "µs",
                        values(b, r -> num(r.node().path("latencyMicros").path(phase), p, r.name(), phase)),
                        values(c, r -> num(r.node().path("latencyMicros").path(phase), p, r.name(), phase)), s, false, needed));
            }
            double maxB = median(values(b, r -> r.node().path("latencyMicros").path(phase).path("max").asDouble(Double.NaN)));
            double maxC = median(values(c, r -> r.node().path("latencyMicros").path(phase).path("max").asDouble(Double.NaN)));
            out.add(new Comparison("latency " + phase + " max", "latency", "µs", maxB, maxC,
                    maxB > 0 ? maxC / maxB - 1 : Double.NaN, Double.NaN, Double.NaN, GateVerdict.INFO,
                    "the slowest participant of a run: reported, never gated"));
        }
        boolean tb = b.runs().stream().allMatch(r -> r.has("throughputPerSec"));
        boolean tc = c.runs().stream().allMatch(r -> r.has("throughputPerSec"));
        if (tb != tc) {
            notes.add("throughput not compared: only the " + (tb ? "baseline" : "current") + " runs have throughputPerSec");
        }
        if (tb && tc) {
            out.add(timing("throughput", "throughput", "1/s", values(b, r -> rate(r.node(), r.name())),
                    values(c, r -> rate(r.node(), r.name())), s, true, needed));
        }
        return new GateReport("load run", out, notes, s);
    }

    private static String runs(int n) {
        return n + (n == 1 ? " run" : " runs");
    }

    private record Run(JsonNode node, String name) {
    }

    private interface Extract {
        double of(Run r) throws GateInputException;
    }

    private static double[] values(Side side, Extract e) throws GateInputException {
        double[] v = new double[side.runs().size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = e.of(new Run(side.runs().get(i), side.names().get(i)));
        }
        return v;
    }

    private static double median(double[] v) {
        double[] a = v.clone();
        Arrays.sort(a);
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    /**
     * Counts (invalid tokens, one reason code, one mint-error category). Deterministic runs (same
     * seed, simulated time, every run of a side agreeing): any increase fails. Otherwise the runs
     * must be enough for the confidence, and a regression needs every current run above every
     * baseline run (for 5 runs a side a chance of 1 in 252 when nothing changed) and the medians
     * apart by more than a Poisson allowance of 3·sqrt(max(baseline median, 1)).
     */
    private static Comparison countCmp(String name, double[] b, double[] c, boolean deterministic, int needed) {
        boolean agree = min(b) == max(b) && min(c) == max(c);
        double base = median(b);
        double cur = median(c);
        double delta = cur - base;
        double change = base > 0 ? delta / base : (delta == 0 ? 0 : Double.NaN);
        if (deterministic && agree) {
            GateVerdict v = delta > 0 ? GateVerdict.REGRESSION : delta < 0 ? GateVerdict.IMPROVEMENT : GateVerdict.NO_CHANGE;
            return new Comparison(name, "invalid", "count", base, cur, change, Double.NaN, Double.NaN, v,
                    "same seed, simulated time: deterministic, any increase fails");
        }
        if (b.length < needed || c.length < needed) {
            if (delta == 0 && agree) {
                return new Comparison(name, "invalid", "count", base, cur, change, Double.NaN, Double.NaN,
                        GateVerdict.NO_CHANGE, "the same count in every run");
            }
            return new Comparison(name, "invalid", "count", base, cur, change, Double.NaN, Double.NaN,
                    GateVerdict.INCONCLUSIVE, String.format(Locale.ROOT, "inconclusive: too few samples (%d and %d runs;"
                            + " counts that vary between runs need %d runs a side)", b.length, c.length, needed));
        }
        double allowance = 3 * Math.sqrt(Math.max(base, 1));
        GateVerdict v;
        if (delta > allowance && min(c) > max(b)) {
            v = GateVerdict.REGRESSION;
        } else if (-delta > allowance && max(c) < min(b)) {
            v = GateVerdict.IMPROVEMENT;
        } else if (Math.abs(delta) <= allowance) {
            v = GateVerdict.NO_CHANGE;
        } else {
            v = GateVerdict.INCONCLUSIVE;
        }
        return new Comparison(name, "invalid", "count", base, cur, change, Double.NaN, Double.NaN, v,
                String.format(Locale.ROOT, "medians of %d and %d runs, allowance ±%.1f; a regression needs every current"
                        + " run above every baseline run", b.length, c.length, allowance));
    }

    /**
     * Latency percentiles and throughput. The figures shown are each side's median over its runs,
     * and the change is theirs: {@code median(current) / median(baseline) - 1}, so its sign is the
     * direction of the figures (a lower latency or throughput reads negative). The interval is the
     * exact rank interval of the ratio from the spread between runs ({@link RankInterval}); the
     * verdict rests on it: a regression when its better end is worse than the threshold (for
     * latency: higher; for throughput: fewer per second). At the usual confidences it contains the
     * ratio of the medians (its ends are pairwise ratios of rank k, below a quarter of the pairs);
     * should it not (a low confidence), the verdict is inconclusive. With fewer runs than the
     * confidence needs, inconclusive.
     */
    private static Comparison timing(String name, String metric, String unit, double[] b, double[] c, GateSettings s,
            boolean higherIsBetter, int needed) {
        double base = median(b);
        double cur = median(c);
        if (!(min(b) > 0 && min(c) > 0)) {
            return new Comparison(name, metric, unit, base, cur, Double.NaN, Double.NaN, Double.NaN, GateVerdict.INFO,
                    "a run measured 0: not compared");
        }
        double change = cur / base - 1;
        RankInterval.Ratio r = RankInterval.of(b, c, s.confidence());
        if (r == null) {
            return new Comparison(name, metric, unit, base, cur, change, Double.NaN, Double.NaN,
                    GateVerdict.INCONCLUSIVE, String.format(Locale.ROOT, "inconclusive: too few samples (%d and %d runs;"
                            + " a verdict needs %d interleaved runs a side at %.0f%%)", b.length, c.length, needed,
                            s.confidence() * 100));
        }
        double lo = r.lower() - 1;
        double hi = r.upper() - 1;
        double t = s.threshold();
        // "worse" = slower latency, or fewer tokens per second: the interval in those terms
        double worseLo = higherIsBetter ? 1 / r.upper() - 1 : lo;
        double worseHi = higherIsBetter ? 1 / r.lower() - 1 : hi;
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
        String note = String.format(Locale.ROOT, "%d and %d runs; change: ratio of the medians shown; interval: %.1f%%"
                + " rank interval of the ratio from the spread between runs (Mann-Whitney, around the Hodges-Lehmann"
                + " ratio %s)", b.length, c.length, r.achieved() * 100, GateReport.signedPct(r.point() - 1));
        double slack = 1e-9 * (1 + Math.abs(change)); // the interval's ends went through log and exp
        if (change < lo - slack || change > hi + slack) {
            v = GateVerdict.INCONCLUSIVE;
            note += "; the ratio of the medians lies outside the interval: the runs disagree, more runs";
        } else if (v == GateVerdict.INCONCLUSIVE) {
            note += "; interval too wide for the " + Gate.pct(t) + " threshold: more runs";
        }
        return new Comparison(name, metric, unit, base, cur, change, lo, hi, v, note);
    }

    private static long count(JsonNode n, String field, String name) throws GateInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw new GateInputException(name + ": \"" + field + "\" must be a whole number >= 0, was "
                    + (v == null ? "missing" : v.toString()));
        }
        return v.asLong();
    }

    /** {@code byReason} / {@code mintErrors}: an object of whole numbers >= 0 (absent = empty). */
    private static JsonNode countMap(JsonNode n, String field, String name) throws GateInputException {
        JsonNode m = n.path(field);
        if (m.isMissingNode()) {
            return m;
        }
        if (!m.isObject()) {
            throw new GateInputException(name + ": \"" + field + "\" must be an object of code: count, was " + m);
        }
        for (var it = m.fieldNames(); it.hasNext(); ) {
            count(m, it.next(), name + ": " + field);
        }
        return m;
    }

    /** {@code throughputPerSec}: a finite number >= 0. */
    private static double rate(JsonNode n, String name) throws GateInputException {
        JsonNode v = n.get("throughputPerSec");
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
            throw new GateInputException(name + ": \"throughputPerSec\" must be a number >= 0, was " + v);
        }
        return v.asDouble();
    }

    private static double num(JsonNode n, String field, String name, String phase) throws GateInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < 0) {
            throw new GateInputException(name + ": latencyMicros." + phase + "." + field + " must be a number >= 0, was "
                    + (v == null ? "missing" : v.toString()));
        }
        return v.asDouble();
    }
}
