package io.sigload.perf;

import io.sigload.gate.JmhResult;
import java.util.List;
import java.util.Locale;

/**
 * The bench table: benchmark, parameters, score ± error (JMH's 99.9% interval half-width), unit,
 * allocation per operation, and the ratio to the HMAC floor ({@code HmacFloorBench.reusedMac})
 * measured in the same run.
 */
public final class BenchTable {
    private BenchTable() {
    }

    /** The floor's score, or NaN when the floor did not run. */
    public static double floor(List<JmhResult> results) {
        return results.stream().filter(r -> r.benchmark().equals(BenchRunner.FLOOR)).mapToDouble(JmhResult::score)
                .findFirst().orElse(Double.NaN);
    }

    public static String render(List<JmhResult> results) {
        double floor = floor(results);
        String floorUnit = results.stream().filter(r -> r.benchmark().equals(BenchRunner.FLOOR)).map(JmhResult::unit)
                .findFirst().orElse("");
        int w = Math.max(9, results.stream().mapToInt(r -> r.shortName().length()).max().orElse(9));
        int pw = Math.max(6, results.stream().mapToInt(r -> r.paramText().length()).max().orElse(6));
        String fmt = "%-" + w + "s  %-" + pw + "s  %12s  %10s  %-6s  %10s  %8s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, fmt, "Benchmark", "Params", "Score", "± Error", "Unit", "Alloc B/op",
                "x floor"));
        for (JmhResult r : results) {
            String ratio;
            if (r.benchmark().equals(BenchRunner.FLOOR)) {
                ratio = "1.00";
            } else if (!Double.isNaN(floor) && r.unit().equals(floorUnit) && r.mode().equals("avgt")) {
                ratio = String.format(Locale.ROOT, "%.2f", r.score() / floor);
            } else {
                ratio = "-";
            }
            sb.append(String.format(Locale.ROOT, fmt, r.shortName(), r.paramText().isEmpty() ? "-" : r.paramText(),
                    String.format(Locale.ROOT, "%,.1f", r.score()),
                    Double.isNaN(r.scoreError()) ? "n/a" : String.format(Locale.ROOT, "%,.1f", r.scoreError()), r.unit(),
                    r.allocNorm() == null ? "-" : String.format(Locale.ROOT, "%,.1f", r.allocNorm()), ratio));
        }
        sb.append(Double.isNaN(floor)
                ? "x floor: n/a (HmacFloorBench.reusedMac did not run)\n"
                : "x floor: score / HmacFloorBench.reusedMac (reused Mac, HMAC-SHA256 of the 241-byte signing input) from this run\n");
        sb.append("± Error: JMH's 99.9% confidence half-width (n/a with one iteration)\n");
        return sb.toString();
    }
}
