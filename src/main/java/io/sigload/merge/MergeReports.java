package io.sigload.merge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.merge.ShardFiles.ShardInput;
import io.sigload.report.JsonReport;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a merge adds to the run's reports: the {@code merge} section of the JSON report, the
 * shards block of the console report and of the Markdown summary, and the concatenated
 * every-failure file. The merged result itself is printed by the usual reports. Thread-safe: stateless.
 *
 * <p>JSON: the merged run report ({@link JsonReport}'s shape), {@code "interrupted": true} when
 * shards were missing or interrupted, and
 * <pre>{@code
 * "merge": { "shardCount", "merged", "partial", "missing": [i], "interrupted": [i], "partition",
 *   "scenarioDigest", "releaseSpreadMillis", "maxStartLateMillis" (null without --start-at),
 *   "shards": [{"index","file","host","participants","completed","valid","invalid","droppedStarts",
 *               "releasedAt","finishedAt","startLateMillis","elapsedMillis","throughputPerSec"}],
 *   "notes": ["..."] }
 * }</pre>
 */
public final class MergeReports {
    private MergeReports() {
    }

    /** The merged run report with its {@code merge} section. */
    public static ObjectNode toJson(MergedRun m) {
        ObjectNode o = JsonReport.toJson(m.result());
        if (m.partial()) {
            o.put("interrupted", true);
        }
        ObjectNode g = o.putObject("merge");
        g.put("shardCount", m.shardCount());
        g.put("merged", m.shards().size());
        g.put("partial", m.partial());
        ArrayNode missing = g.putArray("missing");
        m.missing().forEach(missing::add);
        ArrayNode interrupted = g.putArray("interrupted");
        m.interrupted().forEach(interrupted::add);
        g.put("partition", "participant i belongs to shard i mod " + m.shardCount());
        g.put("scenarioDigest", m.shards().get(0).header().scenario().digest());
        g.put("releaseSpreadMillis", millis(releaseSpread(m)));
        Duration late = maxStartLate(m);
        if (late == null) {
            g.putNull("maxStartLateMillis");
        } else {
            g.put("maxStartLateMillis", millis(late));
        }
        ArrayNode shards = g.putArray("shards");
        for (ShardInput s : m.shards()) {
            ObjectNode x = shards.addObject();
            ShardClock c = s.header().clock();
            x.put("index", s.header().shard().index());
            x.put("file", s.file().toString());
            x.put("host", c.host());
            x.put("participants", s.header().participants());
            x.put("completed", s.result().verdicts().completed());
            x.put("valid", s.result().verdicts().valid());
            x.put("invalid", s.result().verdicts().invalid());
            x.put("droppedStarts", s.result().timing().droppedStarts());
            x.put("releasedAt", c.releasedAt().toString());
            x.put("finishedAt", c.finishedAt().toString());
            if (c.startLate() == null) {
                x.putNull("startLateMillis");
            } else {
                x.put("startLateMillis", millis(c.startLate()));
            }
            x.put("elapsedMillis", s.result().timing().elapsedMillis());
            x.put("throughputPerSec", s.result().timing().throughputPerSec());
        }
        ArrayNode notes = g.putArray("notes");
        m.notes().forEach(notes::add);
        return o;
    }

    /** The console's first line: what was merged. */
    public static void printHeader(MergedRun m, PrintWriter out) {
        var c = m.result().context();
        out.printf(Locale.ROOT, "sigload merge: %d of %d shards of %s (seed %d, participant i runs in shard i mod %d)%s%n",
                m.shards().size(), m.shardCount(), c.scenario(), c.seed(), m.shardCount(), m.partial() ? ", PARTIAL" : "");
    }

    /** The shards block of the console report: one line per shard, the start spread, notes, what is missing. */
    public static void printShards(MergedRun m, PrintWriter out) {
        out.printf(Locale.ROOT, "%nshards       %d of %d merged%n", m.shards().size(), m.shardCount());
        for (ShardInput s : m.shards()) {
            out.println("  " + ShardMerge.describe(s));
        }
        Duration late = maxStartLate(m);
        out.printf(Locale.ROOT, "  released within %.1f ms of each other%s%n", releaseSpread(m).toNanos() / 1e6,
                late == null ? " (no --start-at)" : String.format(Locale.ROOT, "; the latest %.1f ms after --start-at",
                        late.toNanos() / 1e6));
        for (String n : m.notes()) {
            out.println("  note: " + n);
        }
        if (m.partial()) {
            out.println("  PARTIAL: " + partialText(m));
        }
        out.flush();
    }

    /** The Markdown summary's shards section. */
    public static String markdown(MergedRun m) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%n### Shards: %d of %d merged%s%n%n", m.shards().size(), m.shardCount(),
                m.partial() ? " (**partial**: " + partialText(m) + ")" : ""));
        b.append("| shard | participants | valid | invalid | start late (ms) | elapsed (ms) | host |\n");
        b.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (ShardInput s : m.shards()) {
            Duration late = s.header().clock().startLate();
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %.1f | %s |%n", s.header().shard(),
                    s.header().participants(), s.result().verdicts().valid(), s.result().verdicts().invalid(),
                    late == null ? "" : String.format(Locale.ROOT, "%.1f", late.toNanos() / 1e6),
                    s.result().timing().elapsedMillis(), s.header().clock().host()));
        }
        for (String n : m.notes()) {
            b.append("\n> note: ").append(n).append('\n');
        }
        return b.toString();
    }

    /** Which shards are missing or interrupted, for people. */
    public static String partialText(MergedRun m) {
        List<String> parts = new ArrayList<>();
        int n = m.shardCount();
        if (!m.missing().isEmpty()) {
            parts.add((m.missing().size() == 1 ? "shard " : "shards ")
                    + m.missing().stream().map(i -> i + "/" + n).collect(Collectors.joining(", ")) + " missing");
        }
        if (!m.interrupted().isEmpty()) {
            parts.add((m.interrupted().size() == 1 ? "shard " : "shards ")
                    + m.interrupted().stream().map(i -> i + "/" + n).collect(Collectors.joining(", ")) + " interrupted");
        }
        long ran = m.result().verdicts().completed() + m.result().timing().droppedStarts();
        return String.join("; ", parts) + ": " + ran + " of " + m.result().context().participants()
                + " planned participants have an outcome; counts and thresholds cover those only";
    }

    /**
     * Concatenates the shards' every-failure files ({@code --failures}, JSON lines) into one, in
     * shard order, checking that each holds one line per invalid participant of its shard.
     *
     * @throws MergeException when a shard wrote no such file or its line count disagrees with its report
     * @throws IOException when a file cannot be read or written
     */
    public static long concatenateFailures(MergedRun m, Path out) throws MergeException, IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (ShardInput s : m.shards()) {
            String name = s.header().failuresFile();
            Path f = name == null ? null : s.file().resolveSibling(name);
            if (f == null || !Files.isRegularFile(f)) {
                problems.add(s.file() + ": " + (f == null ? "the shard wrote no --failures file; run the shards with"
                        + " --failures FILE to merge every failing participant" : "its --failures file " + f + " is missing"));
            }
            files.add(f);
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        long total = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < files.size(); i++) {
                long lines = 0;
                try (BufferedReader r = Files.newBufferedReader(files.get(i), StandardCharsets.UTF_8)) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.isBlank()) {
                            continue;
                        }
                        w.write(line);
                        w.newLine();
                        lines++;
                    }
                }
                ShardInput s = m.shards().get(i);
                if (lines != s.result().verdicts().invalid()) {
                    problems.add(files.get(i) + ": " + lines + " failing participants, but " + s.file().getFileName()
                            + " counts " + s.result().verdicts().invalid() + " invalid: the file is truncated or from another run");
                }
                total += lines;
            }
        }
        if (!problems.isEmpty()) {
            throw new MergeException(problems);
        }
        return total;
    }

    private static Duration releaseSpread(MergedRun m) {
        Instant min = null;
        Instant max = null;
        for (ShardInput s : m.shards()) {
            Instant r = s.header().clock().releasedAt();
            min = min == null || r.isBefore(min) ? r : min;
            max = max == null || r.isAfter(max) ? r : max;
        }
        return Duration.between(min, max);
    }

    private static Duration maxStartLate(MergedRun m) {
        Duration worst = null;
        for (ShardInput s : m.shards()) {
            Duration l = s.header().clock().startLate();
            if (l != null && (worst == null || l.compareTo(worst) > 0)) {
                worst = l;
            }
        }
        return worst;
    }

    private static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e3) / 1e3;
    }
}
