package io.sigload.gate;

import io.sigload.report.Units;
import java.util.List;
import java.util.Locale;

/**
 * The gate's result: every comparison, notes for people, and whether it failed (a metric
 * regressed). Renders as a console table, Markdown (for a CI job summary) and JUnit XML
 * (one test case per compared metric).
 */
public record GateReport(String kind, List<Comparison> comparisons, List<String> notes, GateSettings settings) {
    public GateReport {
        comparisons = List.copyOf(comparisons);
        notes = List.copyOf(notes);
    }

    /** Metrics that regressed. */
    public List<Comparison> regressions() {
        return comparisons.stream().filter(c -> c.verdict() == GateVerdict.REGRESSION).toList();
    }

    /** Whether anything regressed beyond the threshold (supported by the interval where there is one). */
    public boolean failed() {
        return !regressions().isEmpty();
    }

    private long count(GateVerdict v) {
        return comparisons.stream().filter(c -> c.verdict() == v).count();
    }

    /** One line: PASS/FAIL and the counts. */
    public String summaryLine() {
        return String.format(Locale.ROOT, "%s: %d regression(s), %d improvement(s), %d no change, %d inconclusive"
                + " (threshold %s time, %s alloc; %.0f%% intervals)",
                failed() ? "FAIL" : "PASS", count(GateVerdict.REGRESSION), count(GateVerdict.IMPROVEMENT),
                count(GateVerdict.NO_CHANGE), count(GateVerdict.INCONCLUSIVE), Gate.pct(settings.threshold()),
                Gate.pct(settings.allocThreshold()), settings.confidence() * 100);
    }

    /** The console table. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(20, comparisons.stream().mapToInt(c -> c.name().length()).max().orElse(20));
        w = Math.min(w, 90);
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-10s  %12s  %12s  %-6s  %8s  %-19s  %s%n", "metric", "what",
                "baseline", "current", "unit", "change", "interval", "verdict"));
        for (Comparison c : comparisons) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-10s  %12s  %12s  %-6s  %8s  %-19s  %s%n", shorten(c.name(), w),
                    c.metric(), value(c, c.baseline()), value(c, c.current()), unit(c), change(c), interval(c),
                    c.verdict().word(c.timing())));
        }
        for (Comparison c : comparisons) {
            if (c.verdict() != GateVerdict.NO_CHANGE && c.verdict() != GateVerdict.INFO) {
                sb.append(c.verdict().word(c.timing())).append(": ").append(c.name()).append(" (").append(c.metric())
                        .append("): ").append(reason(c)).append('\n');
            }
        }
        for (String n : notes) {
            sb.append("note: ").append(n).append('\n');
        }
        sb.append("method: ").append(method()).append('\n');
        sb.append(summaryLine()).append('\n');
        return sb.toString();
    }

    private String method() {
        if (kind.equals("JMH")) {
            String est = settings.estimator().name().toLowerCase(Locale.ROOT);
            return String.format(Locale.ROOT, "time: two-stage bootstrap (forks, then iterations; %d resamples, seed %d) of"
                    + " %s(current)/%s(baseline) over iteration scores; regression when the interval's lower end is above +%s;"
                    + " alloc: steady-state B/op (lowest iteration), regression above max(%s, %.0f B/op)", settings.resamples(), settings.seed(),
                    est, est,
                    Gate.pct(settings.threshold()), Gate.pct(settings.allocThreshold()), settings.allocAbsoluteBytes());
        }
        return "counts: any increase fails when deterministic (same seed, simulated time), else every current run above"
                + " every baseline run and medians beyond 3*sqrt(baseline); latency/throughput: each side's median over its"
                + " runs, change = their ratio, interval = exact rank interval of the ratio (Mann-Whitney), verdict from"
                + " the interval, inconclusive with fewer than "
                + RankInterval.runsNeeded(settings.confidence()) + " runs a side";
    }

    /** Markdown for a CI job summary. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## sigload gate (").append(kind).append("): ").append(failed() ? "❌ FAIL" : "✅ PASS").append("\n\n");
        sb.append(summaryLine()).append("\n\n");
        sb.append("| metric | what | baseline | current | unit | change | interval | verdict |\n");
        sb.append("|---|---|---:|---:|---|---:|---|---|\n");
        for (Comparison c : comparisons) {
            String verdict = c.verdict().word(c.timing());
            if (c.verdict() == GateVerdict.REGRESSION) {
                verdict = "**" + verdict + "** ❌";
            }
            sb.append("| `").append(c.name().replace("|", "\\|")).append("` | ").append(c.metric()).append(" | ")
                    .append(value(c, c.baseline())).append(" | ").append(value(c, c.current())).append(" | ").append(unit(c))
                    .append(" | ").append(change(c)).append(" | ").append(interval(c)).append(" | ")
                    .append(verdict).append(" |\n");
        }
        sb.append('\n');
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append("- method: ").append(method()).append('\n');
        return sb.toString();
    }

    /** JUnit XML: one test case per metric, a failure per regression, skipped for inconclusive. */
    public String junitXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuite name=\"sigload gate %s\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">%n",
                xml(kind), comparisons.size(), regressions().size(), count(GateVerdict.INCONCLUSIVE) + count(GateVerdict.INFO)));
        for (Comparison c : comparisons) {
            sb.append("  <testcase classname=\"sigload.gate.").append(xml(c.metric())).append("\" name=\"")
                    .append(xml(c.name())).append("\">");
            String detail = String.format(Locale.ROOT, "%s -> %s, change %s, interval %s: %s", withUnit(c, c.baseline()),
                    withUnit(c, c.current()), change(c), interval(c), reason(c));
            switch (c.verdict()) {
                case REGRESSION -> sb.append("\n    <failure message=\"").append(xml(c.verdict().word(c.timing()) + ", "
                        + change(c))).append("\">").append(xml(detail)).append("</failure>\n  ");
                case INCONCLUSIVE, INFO -> sb.append("\n    <skipped message=\"").append(xml(c.verdict().word(c.timing())
                        + ": " + detail)).append("\"/>\n  ");
                default -> sb.append("\n    <system-out>").append(xml(detail)).append("</system-out>\n  ");
            }
            sb.append("</testcase>\n");
        }
        sb.append("</testsuite>\n");
        return sb.toString();
    }

    /**
     * The note without a leading repeat of the verdict's word ({@code "inconclusive: too few
     * samples..."} after {@code "inconclusive: NAME (time): "} would say it twice).
     */
    static String reason(Comparison c) {
        String word = c.verdict().word(c.timing()) + ": ";
        return c.note().startsWith(word) ? c.note().substring(word.length()) : c.note();
    }

    /** A baseline or current figure: latencies (µs) in the unit that reads best ({@link Units#micros}), else {@link #num}. */
    static String value(Comparison c, double v) {
        return c.unit().equals("µs") ? Units.micros(v) : num(v);
    }

    /** The unit column: empty for latencies, which carry their unit ({@link #value}). */
    static String unit(Comparison c) {
        return c.unit().equals("µs") ? "" : c.unit();
    }

    private static String withUnit(Comparison c, double v) {
        return unit(c).isEmpty() ? value(c, v) : value(c, v) + " " + unit(c);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000 || a == Math.rint(a)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * The change column: counts as a signed difference ({@code +5}), with the percentage when the
     * baseline was not zero ({@code +5 (+25.0%)}); everything else as a signed percentage.
     */
    public static String change(Comparison c) {
        if (c.unit().equals("count")) {
            long delta = Math.round(c.current() - c.baseline());
            String d = String.format(Locale.ROOT, "%+d", delta);
            return c.baseline() > 0 ? d + " (" + signedPct(c.change()) + ")" : d;
        }
        return signedPct(c.change());
    }

    static String signedPct(double change) {
        return Double.isNaN(change) ? "-" : String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }

    static String interval(Comparison c) {
        return c.hasInterval() ? "[" + signedPct(c.lower()) + ", " + signedPct(c.upper()) + "]" : "none";
    }

    private static String shorten(String s, int w) {
        return s.length() <= w ? s : "…" + s.substring(s.length() - w + 1);
    }

    private static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') {
                        sb.append(' ');
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
