package io.sigload.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code sigload run --json} report (the shape {@link JsonReport} writes) back into a
 * {@link RunResult}, for {@code sigload merge}. Strict where a merge could go silently wrong: a
 * missing field, a count that is negative or not a whole number, or a record with a missing
 * number is refused, naming the field (a missing text or list is read as null). Fields it does not know are ignored, so reports with
 * newer parts still read. The {@code evidence} is read back exactly (a report without one, from an
 * older sigload, reads as {@link Evidence#EMPTY}); of the {@code diagnosis} (a text, or an object)
 * only the text and the fix language are kept: causes are recomputed from the evidence. Thread-safe: stateless.
 */
public final class JsonReportReader {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private JsonReportReader() {
    }

    /** A report that cannot be read: the message names the field and what was wrong. */
    public static final class ReportFormatException extends Exception {
        ReportFormatException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads a report.
     *
     * @param o the report's JSON tree
     * @param inspectOptions the run's {@code inspect} options (not in the report's JSON), may be empty
     * @param replay what a replay showed, or {@link ReplayEvidence#NONE}
     * @throws ReportFormatException naming the first field that is missing or malformed
     */
    public static RunResult read(JsonNode o, String inspectOptions, ReplayEvidence replay) throws ReportFormatException {
        if (o == null || !o.isObject()) {
            throw new ReportFormatException("not a JSON object (a sigload run --json report is one)");
        }
        RunContext context = new RunContext(text(o, "scenario"), text(o, "source"), integer(o, "seed", true),
                (int) count(o, "participants"), text(o, "signer"), text(o, "mintedOn"), text(o, "profile"),
                text(o, "loadModel"), text(o, "timeMode"), o.path("meetingNumber").asText(""),
                inspectOptions == null ? "" : inspectOptions);
        Verdicts verdicts = new Verdicts(count(o, "completed"), count(o, "valid"), count(o, "invalid"), counts(o, "byReason"),
                counts(o, "warnings"), counts(o, "hints"));
        Map<String, String> examples = new LinkedHashMap<>();
        object(o, "mintErrorExamples").properties().forEach(e -> examples.put(e.getKey(), e.getValue().asText()));
        MintErrors mint = new MintErrors(counts(o, "mintErrors"), examples, counts(o, "signerCounters"));
        Map<LatencyPhase, LatencySummary> latency = new EnumMap<>(LatencyPhase.class);
        for (var e : object(o, "latencyMicros").properties()) {
            LatencyPhase phase = LatencyPhase.byWireName(e.getKey()).orElseThrow(() -> new ReportFormatException(
                    "'latencyMicros." + e.getKey() + "' is not a latency phase; known: " + LatencyPhase.wireNames()));
            latency.put(phase, value(e.getValue(), LatencySummary.class, "latencyMicros." + e.getKey()));
        }
        Timing timing = new Timing(latency, decimal(o, "elapsedMillis"), decimal(o, "throughputPerSec"),
                count(o, "droppedStarts"), count(o, "lateStarts"));
        Map<String, SkewRange> skewByReason = new LinkedHashMap<>();
        for (var e : object(o, "skewByReason").properties()) {
            skewByReason.put(e.getKey(), value(e.getValue(), SkewRange.class, "skewByReason." + e.getKey()));
        }
        Skews skews = new Skews(value(field(o, "skewValid"), SkewRange.class, "skewValid"), skewByReason,
                list(o, "scatter", ParticipantPoint.class));
        List<FailureSample> failures = list(o, "failures", FailureSample.class);
        JsonNode d = o.path("diagnosis");
        String text = d.isObject() ? d.path("text").asText("") : d.asText("");
        JsonNode fl = d.path("fixLanguage");
        Diagnosis.FixLanguage lang = fl.isObject() ? new Diagnosis.FixLanguage(fl.path("language").asText("neutral"),
                fl.path("basis").asText("")) : Diagnosis.FixLanguage.NEUTRAL_HINT;
        Evidence evidence = Evidence.EMPTY;
        if (o.has("evidence") && !o.get("evidence").isNull()) {
            try {
                evidence = Evidence.fromJson(o.get("evidence"));
            } catch (IllegalArgumentException e) {
                throw new ReportFormatException(e.getMessage());
            }
        }
        // the causes are not read back: whoever needs them diagnoses the evidence again (Diagnoser)
        return new RunResult(context, verdicts, mint, timing, skews, evidence, failures, replay,
                new Diagnosis(text, List.of(), lang));
    }

    private static JsonNode field(JsonNode o, String name) throws ReportFormatException {
        JsonNode n = o.get(name);
        if (n == null || n.isNull()) {
            throw new ReportFormatException("missing '" + name + "'");
        }
        return n;
    }

    private static String text(JsonNode o, String name) throws ReportFormatException {
        JsonNode n = field(o, name);
        if (!n.isTextual()) {
            throw new ReportFormatException("'" + name + "' is " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected text");
        }
        return n.asText();
    }

    private static long integer(JsonNode o, String name, boolean signed) throws ReportFormatException {
        JsonNode n = field(o, name);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || (!signed && n.asLong() < 0)) {
            throw new ReportFormatException("'" + name + "' is " + n + ", expected a whole number" + (signed ? "" : " >= 0"));
        }
        return n.asLong();
    }

    private static long count(JsonNode o, String name) throws ReportFormatException {
        return integer(o, name, false);
    }

    private static double decimal(JsonNode o, String name) throws ReportFormatException {
        JsonNode n = field(o, name);
        if (!n.isNumber() || n.asDouble() < 0) {
            throw new ReportFormatException("'" + name + "' is " + n + ", expected a number >= 0");
        }
        return n.asDouble();
    }

    private static JsonNode object(JsonNode o, String name) throws ReportFormatException {
        JsonNode n = field(o, name);
        if (!n.isObject()) {
            throw new ReportFormatException("'" + name + "' is " + n.getNodeType().name().toLowerCase(Locale.ROOT) + ", expected an object");
        }
        return n;
    }

    private static Map<String, Long> counts(JsonNode o, String name) throws ReportFormatException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (var e : object(o, name).properties()) {
            JsonNode v = e.getValue();
            if (!v.isIntegralNumber() || v.asLong() < 0) {
                throw new ReportFormatException("'" + name + "." + e.getKey() + "' is " + v + ", expected a count >= 0");
            }
            m.put(e.getKey(), v.asLong());
        }
        return m;
    }

    /**
     * A record read strictly: a missing number is refused (a count must not become 0 in silence); a
     * missing text or list (a component a newer or older sigload may not write, such as a failing
     * participant's {@code zone}) is read as null, and the record decides whether it may be.
     */
    private static <T> T value(JsonNode n, Class<T> type, String where) throws ReportFormatException {
        if (type.isRecord() && n instanceof ObjectNode o && Arrays.stream(type.getRecordComponents())
                .anyMatch(c -> !c.getType().isPrimitive() && !o.has(c.getName()))) {
            ObjectNode filled = o.deepCopy();
            for (RecordComponent c : type.getRecordComponents()) {
                if (!c.getType().isPrimitive() && !filled.has(c.getName())) {
                    filled.putNull(c.getName());
                }
            }
            n = filled;
        }
        try {
            return STRICT.treeToValue(n, type);
        } catch (Exception e) {
            throw new ReportFormatException("'" + where + "' cannot be read as " + type.getSimpleName() + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static <T> List<T> list(JsonNode o, String name, Class<T> type) throws ReportFormatException {
        JsonNode n = field(o, name);
        if (!n.isArray()) {
            throw new ReportFormatException("'" + name + "' is not a list");
        }
        List<T> out = new ArrayList<>(n.size());
        for (int i = 0; i < n.size(); i++) {
            out.add(value(n.get(i), type, name + "[" + i + "]"));
        }
        return out;
    }
}
