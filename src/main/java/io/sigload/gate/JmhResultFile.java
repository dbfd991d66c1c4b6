package io.sigload.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads JMH's JSON result format strictly: every problem is a {@link GateInputException} naming
 * the file and what is wrong, never a partial result.
 */
public final class JmhResultFile {
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Secondary metric of {@code -prof gc}: bytes allocated per operation. */
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";

    private JmhResultFile() {
    }

    /** Reads a file: a JMH result array, or throws with a message for people. */
    public static List<JmhResult> read(Path file) throws GateInputException {
        return parse(readTree(file), file.toString());
    }

    /** Reads any JSON file, with gate-style errors for missing and truncated files. */
    static JsonNode readTree(Path file) throws GateInputException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new GateInputException(file + ": no such file");
        } catch (IOException e) {
            throw new GateInputException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length == 0) {
            throw new GateInputException(file + ": the file is empty (did the benchmark run finish?)");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new GateInputException(file + ": not complete JSON (truncated? the benchmark run may have been killed): "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GateInputException(file + ": cannot parse (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Parses a JMH result array already read as a tree. */
    public static List<JmhResult> parse(JsonNode root, String name) throws GateInputException {
        if (root == null || !root.isArray()) {
            throw new GateInputException(name + ": not a JMH JSON result (expected an array of benchmark results,"
                    + " as written by `sigload bench --json` or JMH's -rf json)");
        }
        if (root.isEmpty()) {
            throw new GateInputException(name + ": contains no benchmark results");
        }
        List<JmhResult> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int i = 0;
        for (JsonNode n : root) {
            String where = name + ": result #" + (i++ + 1);
            JmhResult r = one(n, where);
            if (!keys.add(r.key())) {
                throw new GateInputException(where + ": " + r.key() + " appears twice");
            }
            out.add(r);
        }
        return out;
    }

    private static JmhResult one(JsonNode n, String where) throws GateInputException {
        String benchmark = text(n, "benchmark", where);
        where = where + " (" + benchmark + ")";
        String mode = text(n, "mode", where);
        Map<String, String> params = new TreeMap<>();
        JsonNode p = n.get("params");
        if (p != null && p.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode pm = n.get("primaryMetric");
        if (pm == null || !pm.isObject()) {
            throw new GateInputException(where + ": no primaryMetric");
        }
        double score = number(pm, "score", where + " primaryMetric");
        double error = pm.path("scoreError").isNumber() ? pm.get("scoreError").asDouble() : Double.NaN;
        String unit = text(pm, "scoreUnit", where + " primaryMetric");
        List<List<Double>> raw = raw(pm, where + " primaryMetric");
        if (raw.stream().mapToInt(List::size).sum() == 0) {
            throw new GateInputException(where + ": primaryMetric.rawData has no iterations");
        }
        Double alloc = null;
        List<List<Double>> allocRaw = List.of();
        JsonNode sm = n.get("secondaryMetrics");
        if (sm != null && sm.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sm.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().endsWith(ALLOC_NORM) && e.getValue().path("score").isNumber()) {
                    alloc = e.getValue().get("score").asDouble();
                    allocRaw = e.getValue().has("rawData") ? raw(e.getValue(), where + " " + e.getKey()) : List.of();
                }
            }
        }
        return new JmhResult(benchmark, mode, new TreeMap<>(params), unit, score, error, raw, alloc, allocRaw,
                n.path("jdkVersion").asText("?"), n.path("vmName").asText("?"), n.path("vmVersion").asText("?"));
    }

    private static List<List<Double>> raw(JsonNode metric, String where) throws GateInputException {
        JsonNode rd = metric.get("rawData");
        if (rd == null || !rd.isArray()) {
            throw new GateInputException(where + ": no rawData (the per-iteration scores the gate's interval needs)");
        }
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : rd) {
            if (!fork.isArray()) {
                throw new GateInputException(where + ": rawData is not a list of lists");
            }
            List<Double> its = new ArrayList<>();
            for (JsonNode v : fork) {
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new GateInputException(where + ": rawData holds a non-number: " + v);
                }
                its.add(v.asDouble());
            }
            forks.add(its);
        }
        return forks;
    }

    private static String text(JsonNode n, String field, String where) throws GateInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new GateInputException(where + ": missing \"" + field + "\"");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, String where) throws GateInputException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new GateInputException(where + ": missing or non-numeric \"" + field + "\"");
        }
        return v.asDouble();
    }
}
