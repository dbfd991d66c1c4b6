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
import io.sigload.drive.ScenarioSweep;
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
    /** Participants of an in-process warm-up run, at most. */
    static final int WARM_UP_PARTICIPANTS = 2_000;

    private final Path scenarioFile;
    private final List<String> commonSets;
    private final List<CompareList.Entry> entries;
    private final CompareSettings settings;
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
    public CompareRunner(Path scenarioFile, List<String> commonSets, List<CompareList.Entry> entries, CompareSettings settings)
            throws ScenarioException {
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a compare needs at least two signers; got " + entries.size()
                    + (entries.isEmpty() ? "" : " (" + entries.get(0).label() + ")"));
        }
        this.scenarioFile = scenarioFile;
        this.commonSets = List.copyOf(commonSets);
        this.entries = List.copyOf(entries);
        this.settings = settings;
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

    /**
     * The signers of a {@code compare:} selection that this scenario can build; with
     * {@code compare: installed}, those it cannot are left out and noted.
     *
     * @param note receives one line per signer left out
     */
    public static List<CompareList.Entry> buildable(Path scenarioFile, List<String> commonSets,
            CompareList.Selection selection, Map<String, String> env, Consumer<String> note) {
        if (!selection.installed()) {
            return selection.entries();
        }
        List<CompareList.Entry> out = new ArrayList<>();
        for (CompareList.Entry e : selection.entries()) {
            List<String> all = new ArrayList<>(commonSets);
            all.addAll(e.sets());
            try (var run = LoadRun.prepare(ScenarioLoader.load(scenarioFile, all), env)) {
                out.add(e);
            } catch (ScenarioException | RuntimeException ex) {
                note.accept("skipping " + e.label() + " (cannot be built from this scenario: "
                        + String.valueOf(ex.getMessage()).lines().findFirst().orElse("") + ")");
            }
        }
        return out;
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
            status.accept("[" + (i + 1) + "/" + entries.size() + "] " + e.label() + (settings.fork() ? " (child JVM)" : " (in process, warmed up)"));
            ObjectNode run = null;
            String failure = null;
            try {
                run = settings.fork() ? forked(e, i) : inProcess(e);
                run.put("label", e.label());
            } catch (CompareException | ScenarioException ex) {
                failure = ex.getMessage();
            }
            ObjectNode skew = null;
            if (settings.skewFrom() != null) {
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
            Files.createDirectories(settings.workDir());
        } catch (IOException ex) {
            throw new CompareException("cannot create " + settings.workDir() + ": " + ex.getMessage());
        }
        Path json = settings.workDir().resolve((index + 1) + "-" + e.label().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        return ChildRun.run(scenarioFile, sets(e), json, settings.childEnv());
    }

    private ObjectNode inProcess(CompareList.Entry e) throws ScenarioException, InterruptedException {
        Scenario s = ScenarioLoader.load(scenarioFile, sets(e));
        try (LoadRun warm = LoadRun.prepare(s.withParticipants(Math.min(s.participants(), WARM_UP_PARTICIPANTS)), settings.env())) {
            warm.run(null);
        }
        try (LoadRun run = LoadRun.prepare(s, settings.env())) {
            current = new RunRecorder(Defaults.FAILURE_SAMPLE);
            ObjectNode json = JsonReport.toJson(run.run(current));
            current = null;
            return json;
        }
    }

    private ObjectNode skew(CompareList.Entry e) {
        try (LoadRun run = LoadRun.prepare(ScenarioLoader.load(scenarioFile, sets(e)), settings.env())) {
            Duration deadline = ScenarioSweep.deadline(run, null, settings.skewFrom(), settings.skewTo());
            ObjectNode o = SkewJson.toJson(new ScenarioSweep(run, null).sweep(settings.skewFrom(), settings.skewTo(),
                    deadline, null));
            o.put("label", e.label());
            return o;
        } catch (ScenarioException | SweepStoppedException | RuntimeException ex) {
            return null; // the row shows no skew window; a failing signer's run shows why
        }
    }
}
