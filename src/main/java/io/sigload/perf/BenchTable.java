package io.sigload.perf;

import io.sigload.gate.JmhResult;
import java.util.List;
import java.util.Locale;

/**
 * The bench table: benchmark, parameters, score ± error (JMH's 99.9% interval half-width), unit,
 * the fastest iteration, allocation per operation, and the ratio to the HMAC floor
 * ({@code HmacFloorBench.reusedMac}) measured in the same run, by score and by fastest iteration.
 *
 * <p>Why two ratios: on a shared machine interference only adds time, so JMH's score (a mean) and
 * its error move with the neighbours (here: the floor's score moved 2.4x between runs of the same
 * jar while its fastest iteration stayed within 5%). The ratio of fastest iterations is the one to
 * compare across runs; the score ± error says how disturbed this run was.
 */
public final class BenchTable {
    private BenchTable() {
    }

    /** The floor's score, or NaN when the floor did not run. */
    public static double floor(List<JmhResult> results) {
        return results.stream().filter(r -> r.benchmark().equals(BenchRunner.FLOOR)).mapToDouble(JmhResult::score)
                .findFirst().orElse(Double.NaN);
    }

    /** The fastest measurement iteration (lowest time, or highest throughput), or NaN without iterations. */
    public static double fastest(JmhResult r) {
        var all = r.raw().stream().flatMap(List::stream).mapToDouble(Double::doubleValue);
        return (r.mode().equals("thrpt") ? all.max() : all.min()).orElse(Double.NaN);
    }

    public static String render(List<JmhResult> results) {
        double floor = floor(results);
        double floorFastest = results.stream().filter(r -> r.benchmark().equals(BenchRunner.FLOOR))
                .mapToDouble(BenchTable::fastest).findFirst().orElse(Double.NaN);
        String floorUnit = results.stream().filter(r -> r.benchmark().equals(BenchRunner.FLOOR)).map(JmhResult::unit)
                .findFirst().orElse("");
        int w = Math.max(9, results.stream().mapToInt(r -> r.shortName().length()).max().orElse(9));
        int pw = Math.max(6, results.stream().mapToInt(r -> r.paramText().length()).max().orElse(6));
        String fmt = "%-" + w + "s  %-" + pw + "s  %12s  %10s  %-6s  %10s  %10s  %8s  %8s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "Benchmark", "Params", "Score", "± Error", "Unit", "Fastest", "Alloc B/op",
                "x floor", "x floor*"));
        for (JmhResult r : results) {
            String ratio;
            String ratioFastest;
            if (r.benchmark().equals(BenchRunner.FLOOR)) {
                ratio = "1.00";
                ratioFastest = "1.00";
            } else if (!Double.isNaN(floor) && r.unit().equals(floorUnit) && r.mode().equals("avgt")) {
                ratio = String.format(Locale.ROOT, "%.2f", r.score() / floor);
                ratioFastest = String.format(Locale.ROOT, "%.2f", fastest(r) / floorFastest);
            } else {
                ratio = "-";
                ratioFastest = "-";
            }
            sb.append(String.format(Locale.ROOT, fmt, r.shortName(), r.paramText().isEmpty() ? "-" : r.paramText(),
                    String.format(Locale.ROOT, "%,.1f", r.score()),
                    Double.isNaN(r.scoreError()) ? "n/a" : String.format(Locale.ROOT, "%,.1f", r.scoreError()), r.unit(),
                    String.format(Locale.ROOT, "%,.1f", fastest(r)),
                    r.allocNorm() == null ? "-" : String.format(Locale.ROOT, "%,.1f", r.allocNorm()), ratio, ratioFastest));
        }
        sb.append(Double.isNaN(floor)
                ? "x floor: n/a (HmacFloorBench.reusedMac did not run)\n"
                : "x floor: score / HmacFloorBench.reusedMac's score (reused Mac, HMAC-SHA256 of the 241-byte signing input),"
                        + " this run; x floor*: the same with fastest iterations (steadier on a busy machine)\n");
        sb.append("± Error: JMH's 99.9% confidence half-width (n/a with one iteration); Fastest: lowest iteration score\n");
        return sb.toString();
    }
}
