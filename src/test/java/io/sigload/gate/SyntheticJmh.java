package io.sigload.gate;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes JMH-shaped JSON results with chosen means and noise, deterministically. */
final class SyntheticJmh {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ArrayNode root = JSON.createArrayNode();
    private final Random random;
    private String jdkVersion = "25";
    private String vmVersion = "25+36-LTS";
    private double coldAllocExtra;
    private double warmupSlope;
    private double disturbedShare;

    SyntheticJmh(long seed) {
        random = new Random(seed);
    }

    /** The first iteration of every fork allocates this much more (code not yet compiled by C2). */
    SyntheticJmh coldAlloc(double extraBytes) {
        coldAllocExtra = extraBytes;
        return this;
    }

    /** Iteration i of a fork takes (1 + slope * (iterations - 1 - i)) times the mean: still warming up. */
    SyntheticJmh warming(double slope) {
        warmupSlope = slope;
        return this;
    }

    /**
     * A busy shared machine: each iteration, with probability {@code share}, takes 1.2x to 10x as
     * long (a neighbour's compile, a GC storm). Interference only ever adds time.
     */
    SyntheticJmh disturbed(double share) {
        disturbedShare = share;
        return this;
    }

    SyntheticJmh jdk(String jdk, String vm) {
        jdkVersion = jdk;
        vmVersion = vm;
        return this;
    }

    /**
     * Adds one avgt benchmark.
     *
     * @param relNoise standard deviation of iteration scores relative to the mean
     * @param allocBytes B/op, or negative for none
     */
    SyntheticJmh add(String benchmark, String signer, double mean, double relNoise, int forks, int iterations,
            double allocBytes) {
        return add(benchmark, signer, mean, relNoise, 0, forks, iterations, allocBytes);
    }

    /** As above, with each fork's mean also moved by {@code forkNoise} (relative standard deviation). */
    SyntheticJmh add(String benchmark, String signer, double mean, double relNoise, double forkNoise, int forks,
            int iterations, double allocBytes) {
        ObjectNode n = root.addObject();
        n.put("jmhVersion", "1.37");
        n.put("benchmark", benchmark);
        n.put("mode", "avgt");
        n.put("threads", 1);
        n.put("forks", forks);
        n.put("jdkVersion", jdkVersion);
        n.put("vmName", "OpenJDK 64-Bit Server VM");
        n.put("vmVersion", vmVersion);
        if (signer != null) {
            n.putObject("params").put("signer", signer);
        }
        ObjectNode pm = n.putObject("primaryMetric");
        ArrayNode raw = JSON.createArrayNode();
        double sum = 0;
        for (int f = 0; f < forks; f++) {
            ArrayNode fork = raw.addArray();
            double forkMean = mean * Math.max(0.2, 1 + forkNoise * random.nextGaussian());
            for (int i = 0; i < iterations; i++) {
                double v = forkMean * (1 + relNoise * random.nextGaussian()) * (1 + warmupSlope * (iterations - 1 - i));
                boolean disturbed = disturbedShare > 0 && random.nextDouble() < disturbedShare;
                if (disturbed) {
                    v *= 1.2 + 8.8 * random.nextDouble();
                }

                v = Math.max(v, mean * 0.05);
                fork.add(v);
                sum += v;
            }
        }
        double score = sum / (forks * iterations);
        pm.put("score", score);
        pm.put("scoreError", score * relNoise);
        pm.putArray("scoreConfidence").add(score * (1 - relNoise)).add(score * (1 + relNoise));
        pm.put("scoreUnit", "ns/op");
        pm.set("rawData", raw);
        ObjectNode sm = n.putObject("secondaryMetrics");
        if (allocBytes >= 0) {
            ObjectNode a = sm.putObject("\u00b7gc.alloc.rate.norm");
            a.put("score", allocBytes);
            a.put("scoreError", 0.01);
            a.put("scoreUnit", "B/op");
            ArrayNode ar = a.putArray("rawData");
            for (int f = 0; f < forks; f++) {
                ArrayNode fork = ar.addArray();
                for (int i = 0; i < iterations; i++) {
                    fork.add(i == 0 ? allocBytes + coldAllocExtra : allocBytes);
                }
            }
        }
        return this;
    }

    String json() throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    Path write(Path file) throws IOException {
        Files.writeString(file, json());
        return file;
    }
}
