package io.sigload.merge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.Shard;
import io.sigload.guard.Redactor;
import io.sigload.guard.ReportFiles;
import io.sigload.report.JsonReport;
import io.sigload.report.JsonReportReader;
import io.sigload.report.LatencyPhase;
import io.sigload.report.LatencySummary;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.RunResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * A shard's files: its run report ({@code --json FILE}, the usual shape plus a {@code shard}
 * section) and beside it an HdrHistogram log ({@code FILE} with {@code .json} replaced by
 * {@code .hlog}): one interval histogram per latency phase, values in nanoseconds, tagged with the
 * phase ({@code Tag=sign,...}), written by HdrHistogram's {@link HistogramLogWriter} so any
 * HdrHistogram tool reads it. The {@code shard} section:
 * <pre>{@code
 * "shard": { "format": 1, "index", "count", "partition", "planParticipants", "participants",
 *   "scenarioName", "scenarioDigest", "scenario": {resolved scenario tree},
 *   "startAt", "releasedAt", "finishedAt" (ISO-8601 instants, system clock; startAt may be null),
 *   "startLateMillis" (null without startAt), "host", "inspectOptions",
 *   "replay": {...}, "failureSampleSize", "histogramLog": "NAME.hlog", "histogramCounts": {PHASE: n},
 *   "failuresFile" (or null), "interrupted", "sigloadVersion" }
 * }</pre>
 * Reading checks what a merge would otherwise get wrong in silence: the log's count per phase must
 * equal the report's ({@code latencyMicros.PHASE.count}) and its maximum the report's maximum, so a
 * truncated, damaged or swapped log is refused. Thread-safe: stateless.
 */
public final class ShardFiles {
    private ShardFiles() {
    }

    /**
     * One shard read back.
     *
     * @param file the report
     * @param header its {@code shard} section
     * @param result the report as a result
     * @param histograms phase → histogram (ns) from the log, counts checked against the report
     */
    public record ShardInput(Path file, ShardHeader header, RunResult result, Map<LatencyPhase, Histogram> histograms) {
    }

    /** The histogram log that goes beside a report: {@code x.json} → {@code x.hlog}. */
    public static Path histogramLogFor(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".hlog");
    }

    /**
     * Writes a shard's report and its histogram log beside it, creating directories.
     *
     * @param json where the report goes
     * @param r the shard's result
     * @param h the shard's header
     * @param histograms phase → histogram (ns), e.g. {@code RunRecorder.histograms()}
     * @param redactor the run's secrets: the report is written through it
     * @return the histogram log's path
     * @throws IOException when a file cannot be written
     */
    public static Path write(Path json, RunResult r, ShardHeader h, Map<LatencyPhase, Histogram> histograms,
            Redactor redactor) throws IOException {
        Path hlog = histogramLogFor(json);
        ObjectNode o = JsonReport.toJson(r);
        o.set("shard", headerJson(h, r, hlog.getFileName().toString(), histograms));
        writeJson(o, json, redactor);
        writeHistogramLog(hlog, histograms, h.clock().releasedAt(), h.clock().finishedAt(),
                "sigload shard " + h.shard() + " of " + h.scenario().name() + ", seed " + r.context().seed() + ", "
                        + h.scenario().digest());
        return hlog;
    }

    /**
     * Writes an HdrHistogram log: a comment, the format version, the start time, a legend, then one
     * interval histogram per phase (tagged with the phase) spanning {@code start} to {@code end}.
     *
     * @param file where it goes (parent directories are created)
     * @param histograms phase → histogram of nanoseconds
     * @param start the interval's start (system clock), or {@code null} for now
     * @param end the interval's end, or {@code null} for {@code start}
     * @param comment a comment line for people (no secret), or {@code null}
     * @throws IOException when the file cannot be written
     */
    public static void writeHistogramLog(Path file, Map<LatencyPhase, Histogram> histograms, Instant start, Instant end,
            String comment) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long t0 = (start == null ? Instant.now() : start).toEpochMilli();
        long t1 = end == null ? t0 : Math.max(t0, end.toEpochMilli());
        try (OutputStream os = Files.newOutputStream(file);
                PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            if (comment != null) {
                w.outputComment(comment.replaceAll("[\\r\\n]", " "));
            }
            w.outputComment("values in nanoseconds; one interval histogram per latency phase, tagged with the phase");
            w.outputLogFormatVersion();
            w.outputStartTime(t0);
            w.setBaseTime(t0);
            w.outputLegend();
            for (var e : histograms.entrySet()) {
                Histogram c = e.getValue().copy();
                c.setTag(e.getKey().wireName());
                c.setStartTimeStamp(t0);
                c.setEndTimeStamp(t1);
                w.outputIntervalHistogram(c);
            }
            ps.flush();
            if (ps.checkError()) {
                throw new IOException("cannot write " + file);
            }
        }
    }

    /** Writes a JSON tree, indented, through the run's redactor ({@link ReportFiles}), creating parent directories. */
    static void writeJson(JsonNode o, Path file, Redactor redactor) throws IOException {
        ReportFiles.write(file, JsonReport.JSON.writeValueAsString(o), redactor);
    }

    private static ObjectNode headerJson(ShardHeader h, RunResult r, String hlogName, Map<LatencyPhase, Histogram> histograms) {
        ObjectNode s = JsonReport.JSON.createObjectNode();
        s.put("format", ShardHeader.FORMAT);
        s.put("index", h.shard().index());
        s.put("count", h.shard().count());
        s.put("partition", "participant i belongs to shard i mod " + h.shard().count());
        s.put("planParticipants", h.planParticipants());
        s.put("participants", h.participants());
        s.put("scenarioName", h.scenario().name());
        s.put("scenarioDigest", h.scenario().digest());
        s.set("scenario", h.scenario().tree());
        ShardClock c = h.clock();
        s.put("startAt", c.startAt() == null ? null : c.startAt().toString());
        s.put("releasedAt", c.releasedAt() == null ? null : c.releasedAt().toString());
        s.put("finishedAt", c.finishedAt() == null ? null : c.finishedAt().toString());
        Duration late = c.startLate();
        if (late == null) {
            s.putNull("startLateMillis");
        } else {
            s.put("startLateMillis", Math.round(late.toNanos() / 1e3) / 1e3);
        }
        s.put("host", c.host());
        s.put("inspectOptions", r.context().inspectOptions());
        s.set("replay", JsonReport.JSON.valueToTree(r.replay()));
        s.put("failureSampleSize", h.failureSampleSize());
        s.put("histogramLog", hlogName);
        ObjectNode counts = s.putObject("histogramCounts");
        histograms.forEach((p, hist) -> counts.put(p.wireName(), hist.getTotalCount()));
        s.put("failuresFile", h.failuresFile());
        s.put("interrupted", h.interrupted());
        s.put("sigloadVersion", h.sigloadVersion());
        return s;
    }

    /**
     * Reads a shard's report and its histogram log, and checks them against each other.
     *
     * @param json the report
     * @throws MergeException naming the file and what is wrong: unreadable or truncated JSON, no
     *     {@code shard} section (a plain or a merged report), a missing field, a missing, truncated
     *     or mismatched histogram log
     */
    public static ShardInput read(Path json) throws MergeException {
        JsonNode root;
        if (!Files.isRegularFile(json)) {
            throw new MergeException(json + ": no such file");
        }
        try {
            root = JsonReport.JSON.readTree(json.toFile());
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage().lines().findFirst().orElse("").replaceFirst("\\s*\\(start marker.*$", "");
            throw new MergeException(json + ": not valid JSON (" + what
                    + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr()) + "): truncated or damaged?");
        } catch (NoSuchFileException e) {
            throw new MergeException(json + ": no such file");
        } catch (IOException e) {
            throw new MergeException(json + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MergeException(json + ": not a sigload run report (expected a JSON object)");
        }
        if (root.has("merge") && !root.has("shard")) {
            throw new MergeException(json + ": a merged result, not a shard; merge the shards' own files");
        }
        JsonNode s = root.get("shard");
        if (s == null || !s.isObject()) {
            throw new MergeException(json + ": a run report without a shard section; run each shard with"
                    + " sigload run --shard I/N --json FILE (a whole run: --shard 0/1)");
        }
        try {
            ShardHeader h = header(s);
            String inspect = s.path("inspectOptions").asText("");
            ReplayEvidence replay = s.has("replay") && s.get("replay").isObject()
                    ? JsonReport.JSON.treeToValue(s.get("replay"), ReplayEvidence.class) : ReplayEvidence.NONE;
            RunResult r = JsonReportReader.read(root, inspect, replay);
            boolean interrupted = h.interrupted() || root.path("interrupted").asBoolean(false);
            if (interrupted != h.interrupted()) {
                h = new ShardHeader(h.shard(), h.planParticipants(), h.scenario(), h.clock(), h.failureSampleSize(),
                        h.failuresFile(), true, h.sigloadVersion());
            }
            Path hlog = json.resolveSibling(text(s, "histogramLog"));
            Map<LatencyPhase, Histogram> hists = readHistogramLog(hlog);
            check(json, hlog, r, hists);
            return new ShardInput(json, h, r, hists);
        } catch (JsonReportReader.ReportFormatException | IllegalArgumentException | JsonProcessingException e) {
            throw new MergeException(json + ": " + e.getMessage());
        } catch (MergeException e) {
            List<String> p = new ArrayList<>();
            for (String line : e.problems()) {
                p.add(line.startsWith(json.toString()) || line.contains(".hlog") ? line : json + ": " + line);
            }
            throw new MergeException(p);
        }
    }

    private static ShardHeader header(JsonNode s) throws MergeException {
        int format = s.path("format").asInt(-1);
        if (format != ShardHeader.FORMAT) {
            throw new MergeException("shard section format " + s.path("format") + "; this sigload reads format "
                    + ShardHeader.FORMAT + " (merge with the sigload that ran the shards)");
        }
        Shard shard = new Shard(whole(s, "index"), whole(s, "count"));
        int plan = whole(s, "planParticipants");
        JsonNode tree = s.get("scenario");
        if (tree == null || !tree.isObject()) {
            throw new MergeException("missing 'shard.scenario'");
        }
        ScenarioIdentity id = ScenarioIdentity.read(text(s, "scenarioName"), text(s, "scenarioDigest"), (ObjectNode) tree);
        ShardClock clock = new ShardClock(instant(s, "startAt"), instant(s, "releasedAt"), instant(s, "finishedAt"),
                s.path("host").asText(""));
        if (clock.releasedAt() == null || clock.finishedAt() == null) {
            throw new MergeException("missing 'shard.releasedAt' or 'shard.finishedAt'");
        }
        JsonNode ff = s.get("failuresFile");
        return new ShardHeader(shard, plan, id, clock, whole(s, "failureSampleSize"),
                ff == null || ff.isNull() ? null : ff.asText(), s.path("interrupted").asBoolean(false),
                s.path("sigloadVersion").asText(""));
    }

    private static int whole(JsonNode s, String name) throws MergeException {
        JsonNode n = s.get(name);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
            throw new MergeException("'shard." + name + "' is " + (n == null ? "missing" : n) + ", expected a whole number >= 0");
        }
        return n.asInt();
    }

    private static String text(JsonNode s, String name) throws MergeException {
        JsonNode n = s.get(name);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new MergeException("'shard." + name + "' is " + (n == null ? "missing" : n) + ", expected text");
        }
        return n.asText();
    }

    private static Instant instant(JsonNode s, String name) throws MergeException {
        JsonNode n = s.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new MergeException("'shard." + name + "' is " + n + ", expected an ISO-8601 instant");
        }
    }

    /**
     * Reads an HdrHistogram log of tagged histograms (as {@link #writeHistogramLog} writes it):
     * phase → histogram. Histograms of the same tag are added.
     *
     * @throws MergeException when the file is missing or a histogram cannot be decoded
     */
    public static Map<LatencyPhase, Histogram> readHistogramLog(Path hlog) throws MergeException {
        Map<LatencyPhase, Histogram> out = new EnumMap<>(LatencyPhase.class);
        try (InputStream in = Files.newInputStream(hlog); HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram e;
            while ((e = reader.nextIntervalHistogram()) != null) {
                if (!(e instanceof Histogram h)) {
                    throw new MergeException(hlog + ": holds a " + e.getClass().getSimpleName() + "; expected integer"
                            + " histograms of nanoseconds");
                }
                String tag = h.getTag() == null ? "" : h.getTag();
                LatencyPhase phase = LatencyPhase.byWireName(tag).orElse(null);
                if (phase == null) {
                    throw new MergeException(hlog + ": a histogram tagged '" + tag + "'; expected one tag per latency phase ("
                            + LatencyPhase.wireNames() + ")");
                }
                out.computeIfAbsent(phase, t -> new Histogram(3)).add(h);
            }
        } catch (NoSuchFileException e) {
            throw new MergeException(hlog + ": no such file (the histogram log that goes with the shard's report)");
        } catch (IOException e) {
            throw new MergeException(hlog + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new MergeException(hlog + ": cannot be decoded (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): truncated or damaged?");
        }
        return out;
    }

    /** The log against the report: the same phases, the same count each, and the same maximum. */
    private static void check(Path json, Path hlog, RunResult r, Map<LatencyPhase, Histogram> hists) throws MergeException {
        List<String> problems = new ArrayList<>();
        for (var e : r.timing().latency().entrySet()) {
            Histogram h = hists.get(e.getKey());
            LatencySummary s = e.getValue();
            if (h == null) {
                problems.add(hlog + ": no histogram for phase " + e.getKey() + ", which the report counts " + s.count()
                        + " times: the log is truncated or from another run");
            } else if (h.getTotalCount() != s.count()) {
                problems.add(String.format(Locale.ROOT, "%s: phase %s has %d values, the report %s counts %d: the log is"
                        + " truncated or from another run", hlog, e.getKey(), h.getTotalCount(), json.getFileName(), s.count()));
            } else {
                double maxUs = Math.round(h.getMaxValue() / 100.0) / 10.0;
                if (Math.abs(maxUs - s.max()) > 0.002 * s.max() + 0.2) {
                    problems.add(String.format(Locale.ROOT, "%s: phase %s's maximum is %.1f µs, the report's %.1f µs: the"
                            + " log is from another run", hlog, e.getKey(), maxUs, s.max()));
                }
            }
        }
        for (LatencyPhase phase : hists.keySet()) {
            if (!r.timing().latency().containsKey(phase)) {
                problems.add(hlog + ": phase '" + phase + "' is not in the report " + json.getFileName()
                        + ": the log is from another run");
            }
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
    }
}
