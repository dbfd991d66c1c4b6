package io.sigload.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.guard.Redactor;
import io.sigload.guard.ReportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * The machine-readable run report ({@code sigload run --json FILE}). Shape:
 * <pre>{@code
 * { "scenario", "source", "seed", "participants", "completed", "valid", "invalid",
 *   "byReason": {CODE: n}, "warnings": {CODE: n}, "hints": {CODE: n},
 *   "mintErrors": {CATEGORY: n}, "mintErrorExamples": {CATEGORY: "message"},
 *   "signerCounters": {"attempts": n, "retries": n, ...} (remote signers),
 *   "latencyMicros": {"sign"|"validate"|"total"|"totalUncorrected": {"count","p50","p90","p99","p999","max","mean"}},
 *   "elapsedMillis", "throughputPerSec", "droppedStarts", "lateStarts",
 *   "failures": [{"participant","skewMillis","mintingSkewMillis","role","errors":[..],"messages":[..],"token","validatedAt","zone"}],
 *   "failuresSample": {"kept", "of", "which", "every"},   (failures[] is bounded: the lowest indexes)
 *   "skewValid": {"count","minMillis","maxMillis"}, "skewByReason": {CODE: {...}},
 *   "signer", "mintedOn", "profile", "loadModel", "timeMode",
 *   "diagnosis": {"text", "fixLanguage": {"language","basis"},
 *                 "causes": [{"code","explains","of","statistic","value","chance","strength",
 *                             "estimate": {"what","value","low","high","unit","interval","alternative"} | null,
 *                             "alternativeTo","text","fix","hints": {HINT: n},"numbers": {...}}]},
 *   "evidence": {...} (docs/diagnosis.md, "Evidence": mergeable histograms and samples),
 *   "replay": {"failingReplayed", "failingValidAlone", "passingReplayed", "passingInvalidAlone",
 *              "duplicateTokens", "tokensCounted", "clock", "deadlineMillis", "elapsedMillis", "note",
 *              "summary", "participants": [{"participant", "burst", "alone"}]},
 *   "scatter": [{"participant","skewMillis","mintingSkewMillis","verdict"}],
 *   and when the run stopped early: "interrupted": true, "stoppedBy" (SIGINT, SIGTERM, OUT_OF_MEMORY,
 *   DEADLINE, OTHER), "stopReason", "notStarted", "abandoned", "graceMillis" }
 * }</pre>
 * Numbers that do not exist (a chance for a direct count) are {@code null}.
 * Latencies are microseconds. An interrupted run's counts are what was measured until it stopped.
 * Written through the run's {@link Redactor} ({@link #write}), so no secret, or piece of one, in
 * an endpoint's message or an echoed token reaches the file.
 */
public final class JsonReport {
    /** Shared mapper for reports: indented output. */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(RunResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("scenario", r.context().scenario());
        o.put("source", r.context().source());
        o.put("seed", r.context().seed());
        o.put("participants", r.context().participants());
        o.put("completed", r.verdicts().completed());
        o.put("valid", r.verdicts().valid());
        o.put("invalid", r.verdicts().invalid());
        o.set("byReason", JSON.valueToTree(r.verdicts().byReason()));
        o.set("warnings", JSON.valueToTree(r.verdicts().warnings()));
        o.set("hints", JSON.valueToTree(r.verdicts().hints()));
        o.set("mintErrors", JSON.valueToTree(r.mintErrors().byCategory()));
        o.set("mintErrorExamples", JSON.valueToTree(r.mintErrors().examples()));
        o.set("signerCounters", JSON.valueToTree(new TreeMap<>(r.mintErrors().signerCounters())));
        ObjectNode lat = o.putObject("latencyMicros");
        r.timing().latency().forEach((phase, s) -> lat.set(phase.wireName(), JSON.valueToTree(s)));
        o.put("elapsedMillis", Math.round(r.timing().elapsedMillis() * 1000) / 1000.0);
        o.put("throughputPerSec", Math.round(r.timing().throughputPerSec() * 10) / 10.0);
        o.put("droppedStarts", r.timing().droppedStarts());
        o.put("lateStarts", r.timing().lateStarts());
        ArrayNode f = o.putArray("failures");
        r.failures().forEach(x -> f.add(JSON.valueToTree(x)));
        // failures[] is a bounded sample: say so (every failing participant: run --failures FILE)
        ObjectNode fs = o.putObject("failuresSample");
        fs.put("kept", r.failures().size());
        fs.put("of", r.verdicts().invalid());
        fs.put("which", "lowest participant indexes");
        fs.put("every", "sigload run --failures FILE writes every failing participant as JSON lines");
        o.set("skewValid", JSON.valueToTree(r.skews().valid()));
        o.set("skewByReason", JSON.valueToTree(r.skews().byReason()));
        o.put("signer", r.context().signer());
        o.put("mintedOn", r.context().mintedOn());
        o.put("profile", r.context().profile());
        o.put("loadModel", r.context().loadModel());
        o.put("timeMode", r.context().timeMode());
        o.put("meetingNumber", r.context().meetingNumber());
        o.set("diagnosis", diagnosis(r.diagnosis()));
        o.set("evidence", r.evidence().toJson());
        o.set("replay", replay(r.replay()));
        ArrayNode sc = o.putArray("scatter");
        r.skews().scatter().forEach(x -> sc.add(JSON.valueToTree(x)));
        Completion c = r.completion();
        if (c.interrupted()) { // absent when the run did its whole plan (as a merge of whole shards writes it)
            o.put("interrupted", true);
            o.put("stoppedBy", c.stoppedBy());
            o.put("stopReason", c.reason());
            o.put("notStarted", c.notStarted());
            o.put("abandoned", c.abandoned());
            o.put("graceMillis", c.graceMillis());
        }
        return o;
    }

    /** The report as indented JSON text. */
    public static String text(RunResult r) {
        try {
            return JSON.writeValueAsString(toJson(r));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The replay's evidence, with its summary sentence; participants in replay order. */
    static ObjectNode replay(ReplayEvidence e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("failingReplayed", e.failingReplayed());
        o.put("failingValidAlone", e.failingValidAlone());
        o.put("passingReplayed", e.passingReplayed());
        o.put("passingInvalidAlone", e.passingInvalidAlone());
        o.put("duplicateTokens", e.duplicateTokens());
        o.put("tokensCounted", e.tokensCounted());
        o.put("clock", e.clock());
        o.put("deadlineMillis", e.deadlineMillis());
        o.put("elapsedMillis", e.elapsedMillis());
        o.put("note", e.note());
        o.put("summary", e.summary());
        ArrayNode ps = o.putArray("participants");
        e.participants().forEach(p -> ps.addObject().put("participant", p.participant()).put("burst", p.burst())
                .put("alone", p.alone()));
        return o;
    }

    /** The diagnosis as JSON: {@code {text, fixLanguage, causes[]}}. */
    public static ObjectNode diagnosis(Diagnosis d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("text", d.text());
        o.putObject("fixLanguage").put("language", d.fixLanguage().language()).put("basis", d.fixLanguage().basis());
        ArrayNode causes = o.putArray("causes");
        for (Cause c : d.causes()) {
            ObjectNode x = causes.addObject();
            x.put("code", c.code().name());
            x.put("explains", c.explains());
            x.put("of", c.of());
            x.put("statistic", c.statistic());
            number(x, "value", c.value());
            number(x, "chance", c.chance());
            x.put("strength", c.strength());
            if (c.estimate() == null) {
                x.putNull("estimate");
            } else {
                Cause.Estimate e = c.estimate();
                ObjectNode est = x.putObject("estimate");
                est.put("what", e.what());
                number(est, "value", e.value());
                number(est, "low", e.low());
                number(est, "high", e.high());
                est.put("unit", e.unit());
                est.put("interval", e.interval());
                number(est, "alternative", e.alternative());
            }
            if (c.alternativeTo() == null) {
                x.putNull("alternativeTo");
            } else {
                x.put("alternativeTo", c.alternativeTo().name());
            }
            x.put("text", c.text());
            x.put("fix", c.fix());
            x.set("hints", JSON.valueToTree(new TreeMap<>(c.hints())));
            x.set("numbers", JSON.valueToTree(c.numbers()));
        }
        return o;
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    /**
     * Writes the report to a file through the run's redactor ({@link ReportFiles}), creating parent directories.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(RunResult r, Path file, Redactor redactor) throws IOException {
        ReportFiles.write(file, text(r), redactor);
    }
}
