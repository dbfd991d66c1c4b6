package io.sigload.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.clock.Durations;
import io.sigload.clock.RealWorldClocks;
import io.sigload.clock.SkewDistribution;
import io.sigload.clock.ZoneDistribution;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads typed fields from a scenario tree and collects every problem, each as
 * {@code file:line:col: path: what was found; what is allowed}. Not thread-safe; one per load.
 */
final class FieldReader {
    private final String file;
    private final YamlLocations locations;
    private final List<String> problems = new ArrayList<>();
    /** Each problem's place in the file for sorting: line * 2^20 + column; {@code --set} problems first, unlocated last. */
    private final List<Long> order = new ArrayList<>();
    private final Map<String, String> overrides;

    /**
     * @param overrides overridden path → the option as typed (e.g. {@code --set signer.iat=x} or
     *     {@code --url URL}); problems under an overridden path, or at a section only the override
     *     made, are blamed on the option, not on a line of the file
     */
    FieldReader(String file, YamlLocations locations, Map<String, String> overrides) {
        this.file = file;
        this.locations = locations;
        this.overrides = overrides;
    }

    /** The problems in file order (line, then column), {@code --set} ones first, unlocated ones last. */
    List<String> problems() {
        Integer[] idx = new Integer[problems.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingLong(order::get)); // stable: ties keep their order
        List<String> sorted = new ArrayList<>(idx.length);
        for (Integer i : idx) {
            sorted.add(problems.get(i));
        }
        return sorted;
    }

    /** Records a problem at a field path. */
    void problem(String path, String message) {
        for (var o : overrides.entrySet()) {
            String p = o.getKey();
            // under the overridden path, or a section the override made (the file does not have it)
            boolean made = p.startsWith(path + ".") && locations.locateExact(path).isEmpty();
            if (path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[") || made) {
                problems.add(o.getValue() + ": " + path + ": " + message);
                order.add(-1L);
                return;
            }
        }
        List<String> inside = new ArrayList<>(); // a problem of a section that an option changed: name the option(s)
        for (var o : overrides.entrySet()) {
            if (!path.isEmpty() && o.getKey().startsWith(path + ".") && !inside.contains(o.getValue())) {
                inside.add(o.getValue());
            }
        }
        if (!inside.isEmpty()) {
            String loc = locations.locate(path);
            problems.add(String.join(", ", inside) + ": " + path + ": " + message + " (with the rest of " + path + " from "
                    + file + (loc.isEmpty() ? "" : ":" + loc) + ")");
            order.add(-1L);
            return;
        }
        String loc = locations.locate(path);
        problems.add(file + (loc.isEmpty() ? "" : ":" + loc) + ": " + path + ": " + message);
        order.add(sortKey(loc));
    }

    /** {@code "12:5"} → 12 * 2^20 + 5; anything else sorts last. */
    private static long sortKey(String loc) {
        int colon = loc.indexOf(':');
        try {
            return colon < 0 ? Long.MAX_VALUE
                    : (Long.parseLong(loc.substring(0, colon)) << 20) + Long.parseLong(loc.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Flags keys of {@code node} that are not in {@code allowed}, with a "did you mean". */
    void onlyKeys(JsonNode node, String path, Collection<String> allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                String guess = DidYouMean.closest(k, allowed);
                problem(child(path, k), "unknown field; allowed here: " + String.join(", ", allowed)
                        + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
            }
        }
    }

    /** The section at {@code path}, an object, or {@code null} when absent (a non-object is a problem). */
    JsonNode section(JsonNode parent, String path, String key) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problem(child(path, key), "expected a section (key: value lines), found " + describe(n));
            return null;
        }
        return n;
    }

    String string(JsonNode parent, String path, String key, String dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isValueNode() || n.isBoolean()) {
            problem(child(path, key), "expected text, found " + describe(n));
            return dflt;
        }
        return n.asText();
    }

    /**
     * One text or a non-empty list of texts ({@code key: a} or {@code key: [a, b]}), or {@code null}
     * when absent; a number in the list is read as its text (YAML {@code 123} for {@code "123"}).
     */
    List<String> texts(JsonNode parent, String path, String key) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        String p = child(path, key);
        if (n.isValueNode() && !n.isBoolean()) {
            return List.of(n.asText());
        }
        if (!n.isArray() || n.isEmpty()) {
            problem(p, "expected a text or a non-empty list of texts, e.g. [\"a\", \"b\"], found " + describe(n));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode v = n.get(i);
            if (!v.isValueNode() || v.isBoolean() || v.isNull()) {
                problem(p + "[" + i + "]", "expected text, found " + describe(v));
            } else {
                out.add(v.asText());
            }
        }
        return out.size() == n.size() ? out : null;
    }

    long integer(JsonNode parent, String path, String key, long min, long max, long dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n.isTextual() && n.asText().matches("-?\\d{1,18}")) {
            v = Long.parseLong(n.asText());
        } else {
            problem(child(path, key), "expected a whole number between " + min + " and " + max + ", found " + describe(n));
            return dflt;
        }
        if (v < min || v > max) {
            problem(child(path, key), "found " + v + "; allowed: " + min + " to " + max);
            return dflt;
        }
        return v;
    }

    double decimal(JsonNode parent, String path, String key, double min, double max, double dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber()) {
            problem(child(path, key), "expected a number between " + min + " and " + max + ", found " + describe(n));
            return dflt;
        }
        double v = n.asDouble();
        if (!(v >= min && v <= max)) {
            problem(child(path, key), "found " + v + "; allowed: " + min + " to " + max);
            return dflt;
        }
        return v;
    }

    boolean bool(JsonNode parent, String path, String key, boolean dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual() && (n.asText().equals("true") || n.asText().equals("false"))) {
            return Boolean.parseBoolean(n.asText());
        }
        problem(child(path, key), "expected true or false, found " + describe(n));
        return dflt;
    }

    <E> E choice(JsonNode parent, String path, String key, Map<String, E> allowed, E dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        String s = n.isValueNode() ? n.asText() : null;
        E v = s == null ? null : allowed.get(s);
        if (v == null) {
            String guess = s == null ? null : DidYouMean.closest(s, allowed.keySet());
            problem(child(path, key), "found " + describe(n) + "; allowed: " + String.join(", ", allowed.keySet())
                    + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
            return dflt;
        }
        return v;
    }

    Duration duration(JsonNode parent, String path, String key, Duration dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        return durationValue(n, child(path, key), dflt);
    }

    Duration durationValue(JsonNode n, String path, Duration dflt) {
        if (n.isNumber() && n.asDouble() == 0) {
            return Duration.ZERO;
        }
        if (!n.isTextual()) {
            problem(path, "expected a duration such as 500ms, 2s, -90s, 2m or 1h, found " + describe(n));
            return dflt;
        }
        try {
            return Durations.parse(n.asText());
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return dflt;
        }
    }

    /**
     * A distribution of durations: a single duration ({@code 90s}), or one of
     * {@code {fixed: 2s}}, {@code {uniform: [-2s, 2s]}}, {@code {normal: {mean: 0s, stddev: 1s}}},
     * {@code {list: [0s, 90s]}}, {@code {mixture: [{weight: 0.9, normal: ...}, ...]}},
     * {@code real-world-clients}.
     */
    SkewDistribution distribution(JsonNode parent, String path, String key, SkewDistribution dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        return distributionValue(n, child(path, key), dflt);
    }

    private static final List<String> KINDS = List.of("fixed", "uniform", "normal", "list", "mixture");

    SkewDistribution distributionValue(JsonNode n, String path, SkewDistribution dflt) {
        if (n.isTextual() && n.asText().equals("real-world-clients")) {
            return RealWorldClocks.mixture();
        }
        if (n.isTextual() || n.isNumber()) {
            return new SkewDistribution.Fixed(durationValue(n, path, Duration.ZERO));
        }
        if (!n.isObject()) {
            problem(path, "expected a duration or one of {fixed: D}, {uniform: [MIN, MAX]}, {normal: {mean: D, stddev: D}},"
                    + " {list: [D, ...]}, {mixture: [...]}, real-world-clients; found " + describe(n));
            return dflt;
        }
        List<String> kinds = new ArrayList<>();
        n.fieldNames().forEachRemaining(k -> {
            if (KINDS.contains(k)) {
                kinds.add(k);
            }
        });
        List<String> allowedKeys = new ArrayList<>(KINDS);
        allowedKeys.add("weight");
        allowedKeys.add("label");
        onlyKeys(n, path, allowedKeys);
        if (kinds.size() != 1) {
            problem(path, "give exactly one of " + String.join(", ", KINDS) + (kinds.isEmpty() ? "" : "; found " + kinds));
            return dflt;
        }
        String kind = kinds.getFirst();
        JsonNode v = n.get(kind);
        String p = child(path, kind);
        try {
            return switch (kind) {
                case "fixed" -> new SkewDistribution.Fixed(durationValue(v, p, Duration.ZERO));
                case "uniform" -> {
                    if (!v.isArray() || v.size() != 2) {
                        problem(p, "expected [MIN, MAX], e.g. [-2s, 2s], found " + describe(v));
                        yield dflt;
                    }
                    Duration min = durationValue(v.get(0), p + "[0]", Duration.ZERO);
                    Duration max = durationValue(v.get(1), p + "[1]", Duration.ZERO);
                    if (max.compareTo(min) < 0) {
                        problem(p, "MAX " + Durations.signedSeconds(max) + " is below MIN " + Durations.signedSeconds(min));
                        yield dflt;
                    }
                    yield new SkewDistribution.Uniform(min, max);
                }
                case "normal" -> {
                    if (!v.isObject()) {
                        problem(p, "expected {mean: D, stddev: D}, found " + describe(v));
                        yield dflt;
                    }
                    onlyKeys(v, p, List.of("mean", "stddev"));
                    Duration sd = duration(v, p, "stddev", Duration.ZERO);
                    if (sd.isNegative()) {
                        problem(child(p, "stddev"), "must be >= 0");
                        yield dflt;
                    }
                    yield new SkewDistribution.Normal(duration(v, p, "mean", Duration.ZERO), sd);
                }
                case "list" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        problem(p, "expected a non-empty list of durations, e.g. [0s, 90s, -2h], found " + describe(v));
                        yield dflt;
                    }
                    List<Duration> ds = new ArrayList<>();
                    for (int i = 0; i < v.size(); i++) {
                        ds.add(durationValue(v.get(i), p + "[" + i + "]", Duration.ZERO));
                    }
                    yield new SkewDistribution.Listed(ds);
                }
                default -> mixture(v, p, dflt);
            };
        } catch (IllegalArgumentException e) {
            problem(p, e.getMessage());
            return dflt;
        }
    }

    private SkewDistribution mixture(JsonNode v, String p, SkewDistribution dflt) {
        if (!v.isArray() || v.isEmpty()) {
            problem(p, "expected a non-empty list of components, each {weight: W, <fixed|uniform|normal|list>: ...}");
            return dflt;
        }
        List<SkewDistribution.Component> cs = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String cp = p + "[" + i + "]";
            JsonNode c = v.get(i);
            double w = decimal(c, cp, "weight", 1e-12, 1e12, 1.0);
            String label = string(c, cp, "label", "component " + (i + 1));
            SkewDistribution d = distributionValue(c, cp, null);
            if (d != null) {
                cs.add(new SkewDistribution.Component(w, label, d));
            }
        }
        return cs.isEmpty() ? dflt : new SkewDistribution.Mixture(cs);
    }

    /**
     * A distribution of IANA time zones ({@code clocks.timezones}): one zone ({@code Europe/Berlin}),
     * {@code {list: [UTC, America/New_York]}} (participant {@code i} gets entry {@code i % size}), or
     * {@code {mixture: [{weight: 0.6, zone: Europe/Berlin}, ...]}}.
     */
    ZoneDistribution zones(JsonNode parent, String path, String key, ZoneDistribution dflt) {
        JsonNode n = parent == null ? null : parent.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        String p = child(path, key);
        if (n.isTextual()) {
            ZoneId z = zone(n, p);
            return z == null ? dflt : new ZoneDistribution.Fixed(z);
        }
        if (!n.isObject()) {
            problem(p, "expected a zone (e.g. Europe/Berlin), {list: [ZONE, ...]} or {mixture: [{weight: W, zone: ZONE},"
                    + " ...]}; found " + describe(n));
            return dflt;
        }
        onlyKeys(n, p, List.of("list", "mixture"));
        if (n.has("list") == n.has("mixture")) {
            problem(p, "give exactly one of list, mixture");
            return dflt;
        }
        boolean list = n.has("list");
        JsonNode v = n.get(list ? "list" : "mixture");
        String vp = child(p, list ? "list" : "mixture");
        if (!v.isArray() || v.isEmpty()) {
            problem(vp, "expected a non-empty list, found " + describe(v));
            return dflt;
        }
        List<ZoneId> zones = new ArrayList<>();
        List<ZoneDistribution.Entry> entries = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String ep = vp + "[" + i + "]";
            if (list) {
                ZoneId z = zone(e, ep);
                if (z != null) {
                    zones.add(z);
                }
                continue;
            }
            if (!e.isObject()) {
                problem(ep, "expected {weight: W, zone: ZONE}, found " + describe(e));
                continue;
            }
            onlyKeys(e, ep, List.of("weight", "zone"));
            double w = decimal(e, ep, "weight", 1e-12, 1e12, 1.0);
            ZoneId z = e.has("zone") ? zone(e.get("zone"), child(ep, "zone")) : null;
            if (!e.has("zone")) {
                problem(child(ep, "zone"), "missing; an IANA zone such as America/New_York");
            }
            if (z != null && w > 0) {
                entries.add(new ZoneDistribution.Entry(w, z));
            }
        }
        if (list) {
            return zones.size() == v.size() ? new ZoneDistribution.Listed(zones) : dflt;
        }
        return entries.size() == v.size() ? new ZoneDistribution.Weighted(entries) : dflt;
    }

    private ZoneId zone(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            problem(path, "expected an IANA time zone such as America/New_York, found " + describe(n));
            return null;
        }
        String id = n.asText().trim();
        try {
            ZoneId z = ZoneId.of(id);
            if (z instanceof ZoneOffset o && !o.equals(ZoneOffset.UTC)) {
                problem(path, "found '" + id + "', a fixed offset; allowed: an IANA zone name, which a child's TZ"
                        + " understands, e.g. Asia/Kolkata, or Etc/GMT-5 for a fixed UTC+5 (POSIX sign)");
                return null;
            }
            return z instanceof ZoneOffset ? ZoneOffset.UTC : z;
        } catch (DateTimeException e) {
            String guess = DidYouMean.closest(id, ZoneId.getAvailableZoneIds());
            problem(path, "found '" + id + "'; allowed: an IANA time zone such as America/New_York, Asia/Kolkata or UTC"
                    + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
            return null;
        }
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "'" + n.asText() + "'";
        }
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        return n.isArray() ? "a list" : "a section";
    }
}
