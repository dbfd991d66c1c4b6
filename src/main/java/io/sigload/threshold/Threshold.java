package io.sigload.threshold;

import io.sigload.report.LatencyPhase;
import io.sigload.report.LatencySummary;
import io.sigload.report.RunResult;
import io.sigload.report.Units;
import io.sigload.scenario.DidYouMean;
import io.sigload.sign.FailureCategory;
import io.sigload.validate.ReasonCode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One threshold: {@code METRIC OP VALUE}.
 *
 * <p>Metrics: {@code valid}, {@code invalid}, {@code completed}, {@code mintErrors},
 * {@code droppedStarts}, {@code lateStarts} (counts); {@code count(CODE)} (participants refused
 * with a reason code, or mint-error category); {@code rate(CODE)}, {@code rate(invalid)} (share of
 * completed participants, 0..1; {@code %} allowed on the value); {@code p50|p90|p99|p999|max|mean(PHASE)}
 * with PHASE a {@link LatencyPhase} wire name ({@code sign, validate, total, totalUncorrected}; a latency: the value needs a unit,
 * {@code us, ms, s}; compared in microseconds); {@code throughput} (participants per second,
 * {@code /s} optional). Operators: {@link Operator}: {@code < <= > >= == !=}.
 *
 * @param expression the text as written
 * @param metric the left-hand side, e.g. {@code p99(total)}
 * @param op the operator
 * @param limit the right-hand side in the metric's unit (µs for latencies, 0..1 for rates)
 * @param unit the unit for messages ({@code µs}, {@code /s}, or empty)
 */
public record Threshold(String expression, String metric, Operator op, double limit, String unit) {
    private static final Pattern EXPR = Pattern.compile(
            "\\s*([a-zA-Z][a-zA-Z0-9]*(?:\\(\\s*[A-Za-z_]+\\s*\\))?)\\s*(<=|>=|==|!=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*(us|µs|ms|s|/s|%)?\\s*");
    private static final Pattern CALL = Pattern.compile("([a-zA-Z0-9]+)\\(\\s*([A-Za-z_]+)\\s*\\)");
    /** What count() and rate() accept: error codes, failure categories, and invalid (rate only). */
    private static final Set<String> COUNTABLE = countable();

    private static Set<String> countable() {
        Set<String> s = new LinkedHashSet<>();
        for (ReasonCode c : ReasonCode.values()) {
            s.add(c.name());
        }
        s.addAll(FailureCategory.builtInNames());
        s.add("invalid");
        return s;
    }

    private static String closest(String arg) {
        String up = arg.toUpperCase(Locale.ROOT);
        return COUNTABLE.contains(up) ? up : DidYouMean.closest(arg, COUNTABLE);
    }

    /**
     * Parses a threshold.
     *
     * @throws ThresholdException when the expression does not follow the grammar above; the
     *     message shows examples
     */
    public static Threshold parse(String text) throws ThresholdException {
        Matcher m = EXPR.matcher(text);
        if (!m.matches()) {
            throw new ThresholdException("threshold '" + text + "' is not METRIC OP VALUE; examples: invalid == 0,"
                    + " rate(IAT_IN_FUTURE) < 0.01, p99(total) < 2ms, throughput > 50000/s");
        }
        String metric = m.group(1).replaceAll("\\s", "");
        Operator op = Operator.bySymbol(m.group(2)).orElseThrow();
        double v = Double.parseDouble(m.group(3));
        String unit = m.group(4) == null ? "" : m.group(4);
        Matcher call = CALL.matcher(metric);
        if (call.matches()) {
            String fn = call.group(1);
            String arg = call.group(2);
            if ((fn.equals("rate") || fn.equals("count")) && !COUNTABLE.contains(arg)) {
                String guess = closest(arg);
                throw new ThresholdException("threshold '" + text + "': unknown reason code or failure category " + arg
                        + (guess == null ? "" : "; did you mean " + guess + "?")
                        + " (codes are listed in docs/validator.md; categories: "
                        + String.join(", ", FailureCategory.builtInNames()) + "; or rate(invalid))");
            }
            if (fn.equals("rate")) {
                if (unit.equals("%")) {
                    v /= 100;
                } else if (!unit.isEmpty()) {
                    throw new ThresholdException("threshold '" + text + "': a rate is a share (0.01) or a percentage (1%)");
                }
                return new Threshold(text.trim(), metric, op, v, "");
            }
            if (fn.equals("count")) {
                return new Threshold(text.trim(), metric, op, v, "");
            }
            if (!Map.of("p50", 1, "p90", 1, "p99", 1, "p999", 1, "max", 1, "mean", 1).containsKey(fn)) {
                throw new ThresholdException("threshold '" + text + "': unknown function " + fn
                        + "; allowed: rate, count, p50, p90, p99, p999, max, mean");
            }
            if (LatencyPhase.byWireName(arg).isEmpty()) {
                throw new ThresholdException("threshold '" + text + "': unknown latency phase " + arg
                        + "; allowed: " + LatencyPhase.wireNames());
            }
            double micros = switch (unit) {
                case "us", "µs" -> v;
                case "ms" -> v * 1000;
                case "s" -> v * 1_000_000;
                default -> throw new ThresholdException("threshold '" + text + "': a latency needs a unit: us, ms or s (e.g. 2ms)");
            };
            return new Threshold(text.trim(), metric, op, micros, "µs");
        }
        switch (metric) {
            case "valid", "invalid", "completed", "mintErrors", "droppedStarts", "lateStarts" -> {
                return new Threshold(text.trim(), metric, op, v, "");
            }
            case "throughput" -> {
                return new Threshold(text.trim(), metric, op, v, "/s");
            }
            default -> throw new ThresholdException("threshold '" + text + "': unknown metric " + metric + "; allowed: valid,"
                    + " invalid, completed, mintErrors, droppedStarts, lateStarts, throughput, count(CODE), rate(CODE),"
                    + " p50|p90|p99|p999|max|mean(PHASE)");
        }
    }

    /** The metric's value in a run, in this threshold's unit. */
    public double actual(RunResult r) {
        Matcher call = CALL.matcher(metric);
        if (call.matches()) {
            String fn = call.group(1);
            String arg = call.group(2);
            if (fn.equals("rate") || fn.equals("count")) {
                long n = arg.equals("invalid") ? r.verdicts().invalid()
                        : r.verdicts().byReason().getOrDefault(arg, r.mintErrors().byCategory().getOrDefault(arg, 0L));
                return fn.equals("count") ? n : (r.verdicts().completed() == 0 ? 0 : (double) n / r.verdicts().completed());
            }
            LatencySummary s = r.latency(LatencyPhase.byWireName(arg).orElseThrow());
            return s.get(fn);
        }
        return switch (metric) {
            case "valid" -> r.verdicts().valid();
            case "invalid" -> r.verdicts().invalid();
            case "completed" -> r.verdicts().completed();
            case "mintErrors" -> r.mintErrors().byCategory().values().stream().mapToLong(Long::longValue).sum();
            case "droppedStarts" -> r.timing().droppedStarts();
            case "lateStarts" -> r.timing().lateStarts();
            case "throughput" -> r.timing().throughputPerSec();
            default -> throw new IllegalStateException(metric);
        };
    }

    /** Checks this threshold against a run. */
    public ThresholdResult check(RunResult r) {
        double a = actual(r);
        boolean ok = op.holds(a, limit);
        String detail = String.format(Locale.ROOT, "required %s %s %s, actual %s", metric, op.symbol(), fmt(limit),
                fmt(a));
        if (!ok && limit != 0 && op.isBound()) {
            detail += String.format(Locale.ROOT, " (%.2fx the limit)", a / limit);
        }
        return new ThresholdResult(this, ok, a, detail);
    }

    /** A value in this threshold's unit for people: a latency in the unit that reads best ({@link Units#micros}). */
    private String fmt(double v) {
        if (unit.equals("µs")) {
            return Units.micros(v);
        }
        String n;
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            n = String.valueOf((long) v);
        } else if (Math.abs(v) >= 100) {
            n = String.format(Locale.ROOT, "%.1f", v);
        } else {
            n = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return unit.isEmpty() ? n : unit.equals("/s") ? n + "/s" : n + " " + unit;
    }
}
