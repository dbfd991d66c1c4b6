package io.sigload.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.drive.LoadRun;
import io.sigload.report.JsonReport;
import io.sigload.report.RunRecorder;
import io.sigload.scenario.CompareList;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.skew.ScenarioSweep;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SweepStoppedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one scenario's seeded plan against each signer of a compare, one after the other, and
 * measures each signer's skew window. Not thread-safe; {@link #currentRecorder()} may be read from
 * a progress thread.
 */
public final class CompareRunner {
    /**
     * How to compare.
     *
     * @param fork run each signer in a child JVM (else in this JVM after a warm-up run)
     * @param skewFrom skew window sweep start, or {@code null} to skip the sweeps
     * @param skewTo skew window sweep end
     * @param env this process's environment (secrets come from here)
     * @param childEnv variables added for child JVMs
     * @param workDir where child reports are written
     */
    public record Options(boolean fork, Duration skewFrom, Duration skewTo, Map<String, String> env,
            Map<String, String> childEnv, Path workDir) {
    }

    /** Participants of an in-process warm-up run, at most. */
    static final int WARM_UP_PARTICIPANTS = 2_000;

    private final Path scenarioFile;
    private final List<String> commonSets;
    private final List<CompareList.Entry> entries;
    private final Options options;
    private volatile RunRecorder current;

    /**
     * Loads every variant first, so a bad signer name or option stops the compare before anything runs.
     *
     * @param scenarioFile the scenario
     * @param commonSets {@code --set} overrides for every signer
     * @param entries the signers, at least two
     * @throws ScenarioException with every variant's problems
     * @throws IllegalArgumentException when fewer than two signers are given
     */
    public CompareRunner(Path scenarioFile, List<String> commonSets, List<CompareList.Entry> entries, Options options)
            throws ScenarioException {
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a compare needs at least two signers; got " + entries.size()
                    + (entries.isEmpty() ? "" : " (" + entries.get(0).label() + ")"));
        }
        this.scenarioFile = scenarioFile;
        this.commonSets = List.copyOf(commonSets);
        this.entries = List.copyOf(entries);
        this.options = options;
        List<String> problems = new ArrayList<>();
        for (CompareList.Entry e : entries) {
            try {
                ScenarioLoader.load(scenarioFile, sets(e));
            } catch (ScenarioException ex) {
                problems.add("signer " + e.label() + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
    }

    /** The recorder of the in-process run under way, or {@code null}. */
    public RunRecorder currentRecorder() {
        return current;
    }

    /**
     * Runs every signer; a signer whose run fails gets a row with the failure, and the others go on.
     *
     * @param status receives one line as each signer starts, e.g. {@code [2/4] nimbus (child JVM)}
     * @throws InterruptedException when interrupted
     */
    public List<CompareRow> run(Consumer<String> status) throws InterruptedException {
        List<CompareRow> rows = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            CompareList.Entry e = entries.get(i);
            status.accept("[" + (i + 1) + "/" + entries.size() + "] " + e.label() + (options.fork() ? " (child JVM)" : " (in process, warmed up)"));
            ObjectNode run = null;
            String failure = null;
            try {
                run = options.fork() ? forked(e, i) : inProcess(e);
                run.put("label", e.label());
            } catch (CompareException | ScenarioException ex) {
                failure = ex.getMessage();
            }
            ObjectNode skew = null;
            if (options.skewFrom() != null) {
                skew = skew(e);
            }
            rows.add(new CompareRow(e, run, failure, skew));
        }
        return rows;
    }

    private List<String> sets(CompareList.Entry e) {
        List<String> all = new ArrayList<>(commonSets);
        all.addAll(e.sets());
        return all;
    }

    private ObjectNode forked(CompareList.Entry e, int index) throws InterruptedException {
        try {
            Files.createDirectories(options.workDir());
        } catch (IOException ex) {
            throw new CompareException("cannot create " + options.workDir() + ": " + ex.getMessage());
        }
        Path json = options.workDir().resolve((index + 1) + "-" + e.label().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        return ChildRun.run(scenarioFile, sets(e), json, options.childEnv());
    }

    private ObjectNode inProcess(CompareList.Entry e) throws ScenarioException, InterruptedException {
        Scenario s = ScenarioLoader.load(scenarioFile, sets(e));
        try (LoadRun warm = LoadRun.prepare(s.withParticipants(Math.min(s.participants(), WARM_UP_PARTICIPANTS)), options.env())) {
            warm.run(null);
        }
        try (LoadRun run = LoadRun.prepare(s, options.env())) {
            current = new RunRecorder(Defaults.FAILURE_SAMPLE);
            ObjectNode json = JsonReport.toJson(run.run(current));
            current = null;
            return json;
        }
    }

    private ObjectNode skew(CompareList.Entry e) {
        try (LoadRun run = LoadRun.prepare(ScenarioLoader.load(scenarioFile, sets(e)), options.env())) {
            Duration deadline = ScenarioSweep.deadline(run, null, options.skewFrom(), options.skewTo());
            ObjectNode o = SkewJson.toJson(new ScenarioSweep(run, null).sweep(options.skewFrom(), options.skewTo(),
                    deadline, null));
            o.put("label", e.label());
            return o;
        } catch (ScenarioException | SweepStoppedException | RuntimeException ex) {
            return null; // the row shows no skew window; a failing signer's run shows why
        }
    }
}
