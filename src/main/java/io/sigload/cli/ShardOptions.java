package io.sigload.cli;

import io.sigload.drive.Plan;
import io.sigload.drive.Shard;
import io.sigload.guard.Redactor;
import io.sigload.merge.ScenarioIdentity;
import io.sigload.merge.ShardClock;
import io.sigload.merge.ShardFiles;
import io.sigload.merge.ShardHeader;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/** {@code run}'s shard options: parsing {@code --shard}, {@code --shard-from-env}, {@code --start-at}, and writing a shard's files. */
final class ShardOptions {
    /** The furthest ahead {@code --start-at} may be (a typo guard: a pod waiting a year looks hung). */
    static final Duration MAX_START_AHEAD = Duration.ofHours(24);

    private ShardOptions() {
    }

    /** {@code --shard I/N}. */
    static final class ShardConverter implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --start-at}: an ISO-8601 instant ({@code 2026-03-02T09:00:00Z}) or epoch seconds. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String v = value.strip();
            try {
                if (v.matches("\\d{1,12}(\\.\\d{1,9})?")) {
                    int dot = v.indexOf('.');
                    long secs = Long.parseLong(dot < 0 ? v : v.substring(0, dot));
                    long nanos = dot < 0 ? 0 : Long.parseLong((v.substring(dot + 1) + "000000000").substring(0, 9));
                    return Instant.ofEpochSecond(secs, nanos);
                }
                return Instant.parse(v);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new CommandLine.TypeConversionException("found '" + value + "'; allowed: an ISO-8601 instant in UTC,"
                        + " e.g. 2026-03-02T09:00:00Z (date -u -d '+2 min' +%FT%TZ), or epoch seconds, e.g. 1772442000");
            }
        }
    }

    /**
     * The shard to run, or {@code null} for the whole plan unsharded.
     *
     * @throws UsageException for conflicting flags, a missing {@code --json}, or a wrong environment
     */
    static Shard shard(Shard flag, boolean fromEnv, Integer count, Path json, Map<String, String> env) {
        if (flag != null && fromEnv) {
            throw new UsageException("give either --shard I/N or --shard-from-env, not both");
        }
        if (count != null && !fromEnv) {
            throw new UsageException("--shard-count goes with --shard-from-env; with --shard the count is the N of I/N");
        }
        Shard s = flag;
        if (fromEnv) {
            try {
                s = Shard.fromEnv(env, count);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--shard-from-env: " + e.getMessage());
            }
        }
        if (s != null && json == null) {
            throw new UsageException("--shard " + s + ": a shard writes its result for sigload merge; give --json FILE"
                    + " (its .hlog goes beside it)");
        }
        return s;
    }

    /** @throws UsageException when the start instant is more than {@link #MAX_START_AHEAD} ahead */
    static void checkStartAt(Instant startAt) {
        if (startAt != null && Duration.between(Instant.now(), startAt).compareTo(MAX_START_AHEAD) > 0) {
            throw new UsageException("--start-at " + startAt + " is more than 24 h ahead of this machine's clock ("
                    + Instant.now() + "); give the instant the shards should start at, in UTC");
        }
    }

    /** The console's shard and start lines (nothing for an unsharded run without --start-at). */
    static void printRelease(PrintWriter out, Shard shard, Scenario scenario, Instant startAt, Instant releasedAt) {
        if (shard != null) {
            int plan = new Plan(scenario).size();
            out.printf(Locale.ROOT, "%nshard        %s: %d of the plan's %d participants (participant i runs in shard i mod %d)%n",
                    shard, shard.size(plan), plan, shard.count());
        }
        if (startAt != null && releasedAt != null) {
            Duration late = Duration.between(startAt, releasedAt);
            out.printf(Locale.ROOT, "%sstart        released %s, %.3f ms %s --start-at %s%n", shard == null ? "\n" : "",
                    releasedAt, Math.abs(late.toNanos()) / 1e6, late.isNegative() ? "before" : "after", startAt);
        }
        out.flush();
    }

    /**
     * Writes a shard's report (with its {@code shard} section) and histogram log.
     *
     * @throws ScenarioException when the scenario file cannot be read again for its identity
     * @throws IOException when a file cannot be written
     */
    static void write(Path json, RunResult result, RunRecorder recorder, Shard shard, Path scenarioFile,
            List<String> sets, Scenario scenario, Instant startAt, Instant releasedAt, Path failures, Redactor redactor)
            throws IOException {
        ScenarioIdentity id;
        try {
            id = ScenarioIdentity.of(scenario.name(), ScenarioLoader.resolvedTree(scenarioFile, sets));
        } catch (ScenarioException e) {
            throw new UsageException(e.getMessage());
        }
        Instant released = releasedAt == null ? Instant.now() : releasedAt;
        Instant finished = released.plusNanos((long) (result.timing().elapsedMillis() * 1e6));
        String v = Main.class.getPackage().getImplementationVersion();
        ShardHeader h = new ShardHeader(shard, new Plan(scenario).size(), id,
                new ShardClock(startAt, released, finished, host()), Defaults.FAILURE_SAMPLE, failuresName(json, failures),
                result.completion().interrupted(), v == null ? "dev" : v);
        ShardFiles.write(json, result, h, recorder.histograms(), redactor);
    }

    /**
     * The shard's {@code --failures} file as the merge finds it: relative to the shard JSON's folder
     * when it lies beside or below it (so a folder of shards can be copied elsewhere and merged),
     * else absolute; null without {@code --failures}.
     */
    static String failuresName(Path json, Path failures) {
        if (failures == null) {
            return null;
        }
        Path dir = json.toAbsolutePath().normalize().getParent();
        Path f = failures.toAbsolutePath().normalize();
        return f.startsWith(dir) ? dir.relativize(f).toString() : f.toString();
    }

    /** The machine's name: {@code HOSTNAME} (a pod's name in Kubernetes), else the local host name. */
    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }
}
