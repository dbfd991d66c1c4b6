package io.sigload.gate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Compares two {@code sigload run --json} summaries: {@code scenario}, {@code seed},
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

    static GateReport compare(JsonNode b, JsonNode c, GateSettings s, String bName, String cName) throws GateInputException {
        String scenarioB = b.path("scenario").asText();
        String scenarioC = c.path("scenario").asText();
        if (!scenarioB.equals(scenarioC)) {
            throw new GateInputException("different scenarios: " + bName + " ran '" + scenarioB + "', " + cName + " ran '"
                    + scenarioC + "'");
        }
        long pb = count(b, "participants", bName);
        long pc = count(c, "participants", cName);
        if (pb != pc) {
            throw new GateInputException("different participant counts: " + pb + " in " + bName + ", " + pc + " in " + cName);
        }
        List<String> notes = new ArrayList<>();
        boolean sameSeed = b.path("seed").asText("").equals(c.path("seed").asText("?"));
        notes.add("scenario " + scenarioC + ", " + pc + " participants, " + (sameSeed ? "same seed " + b.path("seed").asText()
                : "different seeds (" + b.path("seed").asText("?") + " vs " + c.path("seed").asText("?")
                        + "): counts get a Poisson allowance of 3*sqrt(baseline)"));
        notes.add("latency and throughput are single observations: no confidence interval, point estimate against the "
                + Gate.pct(s.threshold()) + " threshold");
        List<Comparison> out = new ArrayList<>();
        out.add(countCmp("invalid", count(b, "invalid", bName), count(c, "invalid", cName), sameSeed));
        JsonNode rb = countMap(b, "byReason", bName);
        JsonNode rc = countMap(c, "byReason", cName);
        TreeSet<String> codes = new TreeSet<>();
        rb.fieldNames().forEachRemaining(codes::add);
        rc.fieldNames().forEachRemaining(codes::add);
        for (String code : codes) {
            out.add(countCmp("byReason " + code, rb.path(code).asLong(0), rc.path(code).asLong(0), sameSeed));
        }
        JsonNode mb = countMap(b, "mintErrors", bName);
        JsonNode mc = countMap(c, "mintErrors", cName);
        TreeSet<String> categories = new TreeSet<>();
        mb.fieldNames().forEachRemaining(categories::add);
        mc.fieldNames().forEachRemaining(categories::add);
        for (String cat : categories) {
            out.add(countCmp("mintErrors " + cat, mb.path(cat).asLong(0), mc.path(cat).asLong(0), sameSeed));
        }
        for (String phase : new String[] {"sign", "total"}) {
            JsonNode lb = b.path("latencyMicros").path(phase);
            JsonNode lc = c.path("latencyMicros").path(phase);
            if (lb.isMissingNode() && lc.isMissingNode()) {
                continue;
            }
            for (String p : PERCENTILES) {
                out.add(latency("latency " + phase + " " + p, num(lb, p, bName, phase), num(lc, p, cName, phase), s));
            }
            double maxB = lb.path("max").asDouble(Double.NaN);
            double maxC = lc.path("max").asDouble(Double.NaN);
            out.add(new Comparison("latency " + phase + " max", "latency", "µs", maxB, maxC, maxB > 0 ? maxC / maxB - 1 : Double.NaN,
                    Double.NaN, Double.NaN,
                    Verdict.INFO, "one sample: reported, never gated"));
        }
        if (b.has("throughputPerSec") != c.has("throughputPerSec")) {
            notes.add("throughput not compared: only " + (b.has("throughputPerSec") ? bName : cName) + " has throughputPerSec");
        }
        if (b.has("throughputPerSec") && c.has("throughputPerSec")) {
            double tb = rate(b, bName);
            double tc = rate(c, cName);
            double change = tb > 0 ? tc / tb - 1 : Double.NaN;
            // the change of the throughput itself (negative = fewer per second); a fall beyond the threshold fails
            Verdict v = Double.isNaN(change) ? Verdict.INFO : pointVerdict(-change, s.threshold());
            out.add(new Comparison("throughput", "throughput", "1/s", tb, tc, change, Double.NaN, Double.NaN, v,
                    "single run, no CI: point estimate vs threshold (negative = fewer per second)"));
        }
        return new GateReport("load run", out, notes, s);
    }

    private static Comparison countCmp(String name, long base, long cur, boolean sameSeed) {
        double allowance = sameSeed ? 0 : 3 * Math.sqrt(Math.max(base, 1));
        long delta = cur - base;
        Verdict v = delta > allowance ? Verdict.REGRESSION : delta < -allowance ? Verdict.IMPROVEMENT : Verdict.NO_CHANGE;
        String note = sameSeed ? "same seed: any increase fails" : String.format(Locale.ROOT, "allowance ±%.1f (different seeds)", allowance);
        double change = base > 0 ? (double) delta / base : (delta == 0 ? 0 : Double.NaN);
        return new Comparison(name, "invalid", "count", base, cur, change, Double.NaN, Double.NaN, v, note);
    }

    private static Comparison latency(String name, double base, double cur, GateSettings s) {
        double change = base > 0 ? cur / base - 1 : Double.NaN;
        Verdict v = Double.isNaN(change) ? Verdict.INFO : pointVerdict(change, s.threshold());
        return new Comparison(name, "latency", "µs", base, cur, change, Double.NaN, Double.NaN, v,
                "single run, no CI: point estimate vs threshold");
    }

    private static Verdict pointVerdict(double change, double t) {
        if (Double.isNaN(change)) {
            return Verdict.INFO;
        }
        return change > t ? Verdict.REGRESSION : change < -t ? Verdict.IMPROVEMENT : Verdict.NO_CHANGE;
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
