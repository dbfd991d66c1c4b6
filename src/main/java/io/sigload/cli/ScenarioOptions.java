package io.sigload.cli;

import io.sigload.drive.LoadRun;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scenario and its overrides, shared by {@code run}, {@code skew} and {@code compare} (a picocli
 * mixin): the file, {@code --set}, and the remote shortcuts {@code --url}, {@code --secret-env},
 * {@code --secret-file}. The shortcuts become overrides whose problems name the option they came
 * from ({@link ScenarioLoader#load(Path, List, Map)}). Secrets are read by name only: a variable's
 * name or a file's path goes into the scenario, never a value.
 */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file, e.g. scenarios/thirty-users.yaml")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "Override any scenario value (repeatable), e.g. --set signer.iat=floor, --set clocks.server=90s;"
                    + " --set endpoint=null drops the scenario's endpoint: section.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL",
            description = "Drive your own signature endpoint: signer.type=http with this URL, minted on the server, in"
                    + " wall time; replaces any endpoint: section. Give the SDK secret it signs with (--secret-env or"
                    + " --secret-file) so the validator checks the MAC.")
    String url;

    @Option(names = "--secret-env", paramLabel = "VAR",
            description = "The validator's SDK secret from this environment variable (instead of the scenario's).")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The validator's SDK secret from this file (instead of the scenario's).")
    Path secretFile;

    private final Map<String, String> origins = new LinkedHashMap<>();

    /**
     * Every override in the order applied: the shortcuts' first, then {@code extra} (e.g. run's
     * {@code --seed}), then {@code --set} (so an explicit {@code --set} wins).
     *
     * @param extra overrides from the command's own options, with the option each came from
     * @throws UsageException when both secret options are given
     */
    List<String> overrides(Map<String, String> extra) {
        if (secretEnv != null && secretFile != null) {
            throw new UsageException("give the secret once: --secret-env VAR or --secret-file FILE, not both");
        }
        origins.clear();
        List<String> out = new ArrayList<>();
        if (url != null) {
            String option = "--url " + url;
            for (String s : List.of("endpoint=null", "signer.type=http", "signer.url=" + quoted(url), "signer.mintedOn=server",
                    "time.mode=wall")) {
                add(out, s, option);
            }
        }
        if (secretEnv != null || secretFile != null) {
            String option = secretEnv != null ? "--secret-env " + secretEnv : "--secret-file " + secretFile;
            add(out, "credentials.secretEnv=" + (secretEnv != null ? quoted(secretEnv) : "null"), option);
            // a command-line path is the current directory's (a scenario's secretFile: is its folder's)
            add(out, "credentials.secretFile=" + (secretFile != null
                    ? quoted(secretFile.toAbsolutePath().normalize().toString()) : "null"), option);
            add(out, "credentials.demoSecret=false", option);
        }
        for (var e : extra.entrySet()) {
            add(out, e.getKey(), e.getValue());
        }
        out.addAll(sets);
        return out;
    }

    private void add(List<String> out, String set, String option) {
        out.add(set);
        origins.put(set, option);
    }

    /** The options the overrides of the last {@link #overrides} call came from. */
    Map<String, String> origins() {
        return Map.copyOf(origins);
    }

    /**
     * Prepares a loaded scenario to run ({@link LoadRun#prepare}: secrets, signer, endpoint); a
     * problem with a field an option set (e.g. the signer refusing {@code --url}'s URL) names the
     * option instead of the file.
     */
    LoadRun prepare(Scenario s) throws ScenarioException {
        try {
            return LoadRun.prepare(s, System.getenv());
        } catch (ScenarioException e) {
            Map<String, String> byPath = new LinkedHashMap<>();
            for (String set : overrides(Map.of())) {
                int eq = set.indexOf('=');
                if (eq > 0) {
                    byPath.put(set.substring(0, eq).trim(), origins.getOrDefault(set, "--set " + set));
                }
            }
            List<String> problems = new ArrayList<>();
            for (String p : e.problems()) {
                problems.add(blame(p, s.source(), byPath));
            }
            throw new ScenarioException(problems);
        }
    }

    /** {@code FILE: path: message} → {@code OPTION: path: message} when an option set that path. */
    static String blame(String problem, String source, Map<String, String> byPath) {
        if (!problem.startsWith(source + ": ")) {
            return problem;
        }
        String rest = problem.substring(source.length() + 2);
        int colon = rest.indexOf(": ");
        if (colon < 0) {
            return problem;
        }
        String path = rest.substring(0, colon);
        String label = null;
        for (var o : byPath.entrySet()) {
            if (path.equals(o.getKey()) || path.startsWith(o.getKey() + ".")) {
                label = o.getValue(); // the last override of a path is the one in force
            }
        }
        return label == null ? problem : label + ": " + rest;
    }

    /**
     * Loads the scenario with every override; problems name the file's line or the option.
     *
     * @throws UsageException when {@code --secret-file} names no readable file (relative to the
     *     current directory) or {@code --secret-env} an unset variable
     */
    Scenario load(Map<String, String> extra) throws ScenarioException {
        return load(extra, null);
    }

    /**
     * As {@link #load(Map)}, checking the scenario's threshold expressions with {@code thresholds}
     * too, so their problems come with the file's {@code line:col} ({@link ScenarioLoader#load(Path,
     * List, Map, ScenarioLoader.ExpressionCheck)}; {@code null} leaves them to the caller).
     */
    Scenario load(Map<String, String> extra, ScenarioLoader.ExpressionCheck thresholds) throws ScenarioException {
        List<String> all = overrides(extra);
        // checked here, before anything runs, and not in overrides(): a shard calls that again after its
        // run to record them, and a secret file rotated away meanwhile must not lose the results
        if (secretFile != null) {
            SecretOptions.checkFile(secretFile);
        }
        if (secretEnv != null) {
            SecretOptions.fromEnv(secretEnv);
        }
        return ScenarioLoader.load(file, all, origins(), thresholds);
    }

    Scenario load() throws ScenarioException {
        return load(Map.of());
    }

    /** A YAML single-quoted scalar, so a URL or path is read as text whatever it contains. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
