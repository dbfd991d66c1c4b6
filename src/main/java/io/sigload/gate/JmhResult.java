package io.sigload.gate;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark result from JMH's JSON result format ({@code -rf json}), reduced to what the
 * bench table and the gate use.
 *
 * @param benchmark fully qualified benchmark method, e.g. {@code io.sigload.bench.SignerBench.sign}
 * @param mode JMH mode, e.g. {@code avgt}
 * @param params benchmark parameters, sorted by name (empty when none)
 * @param unit primary metric unit, e.g. {@code ns/op}
 * @param score primary score (mean over all measurement iterations of all forks)
 * @param scoreError JMH's half-width of the 99.9% confidence interval ({@code NaN} when JMH had too few iterations)
 * @param raw primary metric per fork, per measurement iteration
 * @param allocNorm {@code ·gc.alloc.rate.norm} score in B/op, or {@code null} without {@code -prof gc}
 * @param allocRaw the same per fork and iteration (empty without {@code -prof gc})
 * @param jdkVersion the forks' JDK version, e.g. {@code 25}
 * @param vmName the forks' VM name
 * @param vmVersion the forks' VM version, e.g. {@code 25+36-LTS}
 */
public record JmhResult(
        String benchmark,
        String mode,
        SortedMap<String, String> params,
        String unit,
        double score,
        double scoreError,
        List<List<Double>> raw,
        Double allocNorm,
        List<List<Double>> allocRaw,
        String jdkVersion,
        String vmName,
        String vmVersion) {

    public JmhResult {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        raw = raw.stream().map(List::copyOf).toList();
        allocRaw = allocRaw.stream().map(List::copyOf).toList();
    }

    /** Benchmark, mode and parameters: what must match between baseline and current. */
    public String key() {
        return benchmark + " [" + mode + "]" + (params.isEmpty() ? "" : " " + paramText());
    }

    /** For tables: class.method, mode unless avgt, and parameters. */
    public String display() {
        return shortName() + (mode.equals("avgt") ? "" : " [" + mode + "]") + (params.isEmpty() ? "" : " " + paramText());
    }

    /** Short benchmark name: class and method, without the package. */
    public String shortName() {
        int m = benchmark.lastIndexOf('.');
        int c = m <= 0 ? -1 : benchmark.lastIndexOf('.', m - 1);
        return benchmark.substring(c + 1);
    }

    /** Parameters as {@code name=value,name=value}. */
    public String paramText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Number of measurement iterations over all forks. */
    public int iterations() {
        return raw.stream().mapToInt(List::size).sum();
    }
}
