package io.sigload.gate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sigload gate --interleave}: runs {@code bench} (or, with a scenario, {@code run}) from the
 * baseline jar and the current jar alternately (ABBA order: A B, B A, A B...) in child JVMs, then merges each side's rounds into one
 * result per benchmark whose forks are all forks of all rounds. Drift of the machine during the
 * job then hits both sides alike and shows up in the fork-level bootstrap as it should.
 *
 * <p>Children get no secrets on their command lines (the benchmarks use the built-in demo
 * secret) and inherit this process's environment.
 */
public final class Interleave {
    private Interleave() {
    }

    /** One side's jar and label. */
    public record Side(String label, Path jar) {
    }

    /**
     * Runs the rounds and returns the merged results, baseline first.
     *
     * @param benchArgs arguments after {@code bench} (profile, includes...), without {@code --json}
     * @param workDir where each round's JSON and console log go
     * @param log progress for people
     */
    public static List<List<JmhResult>> run(Side baseline, Side current, int rounds, List<String> benchArgs, Path workDir,
            PrintWriter log) throws GateInputException, IOException, InterruptedException {
        for (Side s : List.of(baseline, current)) {
            if (!Files.isRegularFile(s.jar())) {
                throw new GateInputException(s.label() + " jar " + s.jar() + ": no such file");
            }
        }
        Files.createDirectories(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<List<JmhResult>> base = new ArrayList<>();
        List<List<JmhResult>> cur = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            List<Side> order = r % 2 == 1 ? List.of(baseline, current) : List.of(current, baseline);
            for (Side s : order) {
                Path json = workDir.resolve(s.label() + "-round" + r + ".json");
                Path console = workDir.resolve(s.label() + "-round" + r + ".txt");
                List<String> cmd = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow", "-jar",
                        s.jar().toString(), "bench", "--quiet", "--json", json.toString()));
                cmd.addAll(benchArgs);
                log.println("sigload gate: round " + r + "/" + rounds + ": " + s.label() + " (" + s.jar() + ")");
                log.flush();
                Process p = new ProcessBuilder(cmd).redirectOutput(console.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                int code = p.waitFor();
                if (code != 0) {
                    throw new GateInputException("bench from the " + s.label() + " jar failed in round " + r + " (exit " + code
                            + "); its output is in " + console);
                }
                (s == baseline ? base : cur).add(JmhResultFile.read(json));
            }
        }
        return List.of(merge(base, baseline.label()), merge(cur, current.label()));
    }

    /**
     * Runs a scenario from both jars alternately, {@code runs} times each (ABBA order), each run
     * in a child JVM ({@code run SCENARIO --json FILE}), and returns each side's JSON files,
     * baseline first. A run whose thresholds fail (exit 1) still counts: it completed.
     *
     * @param runArgs arguments after the scenario (e.g. {@code --set ...}), without {@code --json}
     */
    public static List<List<Path>> runScenario(Side baseline, Side current, int runs, Path scenario, List<String> runArgs,
            Path workDir, PrintWriter log) throws GateInputException, IOException, InterruptedException {
        for (Side s : List.of(baseline, current)) {
            if (!Files.isRegularFile(s.jar())) {
                throw new GateInputException(s.label() + " jar " + s.jar() + ": no such file");
            }
        }
        if (!Files.isRegularFile(scenario)) {
            throw new GateInputException("scenario " + scenario + ": no such file");
        }
        Files.createDirectories(workDir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Path> base = new ArrayList<>();
        List<Path> cur = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            List<Side> order = r % 2 == 1 ? List.of(baseline, current) : List.of(current, baseline);
            for (Side s : order) {
                Path json = workDir.resolve(s.label() + "-run" + r + ".json");
                Path console = workDir.resolve(s.label() + "-run" + r + ".txt");
                List<String> cmd = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                        "--enable-native-access=ALL-UNNAMED", "-jar", s.jar().toString(), "run", scenario.toString(),
                        "--json", json.toString()));
                cmd.addAll(runArgs);
                log.println("sigload gate: run " + r + "/" + runs + ": " + s.label() + " (" + s.jar() + ")");
                log.flush();
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(console.toFile()).redirectErrorStream(true);
                pb.environment().put("SIGLOAD_PROGRESS", "off");
                int code = pb.start().waitFor();
                if ((code != 0 && code != 1) || !Files.isRegularFile(json)) {
                    throw new GateInputException("the scenario run from the " + s.label() + " jar failed in round " + r
                            + " (exit " + code + "); its output is in " + console);
                }
                (s == baseline ? base : cur).add(json);
            }
        }
        return List.of(base, cur);
    }

    /** Merges rounds of one side: forks concatenated, scores recomputed; every round must hold the same benchmarks. */
    public static List<JmhResult> merge(List<List<JmhResult>> rounds, String label) throws GateInputException {
        Map<String, List<JmhResult>> byKey = new LinkedHashMap<>();
        for (JmhResult r : rounds.getFirst()) {
            byKey.put(r.key(), new ArrayList<>(List.of(r)));
        }
        for (int i = 1; i < rounds.size(); i++) {
            List<JmhResult> round = rounds.get(i);
            if (round.size() != byKey.size()) {
                throw new GateInputException(label + ": round " + (i + 1) + " has " + round.size() + " results, round 1 had "
                        + byKey.size());
            }
            for (JmhResult r : round) {
                List<JmhResult> l = byKey.get(r.key());
                if (l == null) {
                    throw new GateInputException(label + ": round " + (i + 1) + " has " + r.key() + ", round 1 did not");
                }
                l.add(r);
            }
        }
        List<JmhResult> out = new ArrayList<>();
        for (List<JmhResult> l : byKey.values()) {
            JmhResult first = l.getFirst();
            List<List<Double>> raw = new ArrayList<>();
            List<List<Double>> allocRaw = new ArrayList<>();
            double allocSum = 0;
            boolean alloc = true;
            for (JmhResult r : l) {
                raw.addAll(r.raw());
                allocRaw.addAll(r.allocRaw());
                if (r.allocNorm() == null) {
                    alloc = false;
                } else {
                    allocSum += r.allocNorm();
                }
            }
            double score = raw.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            out.add(new JmhResult(first.benchmark(), first.mode(), first.params(), first.unit(), score, Double.NaN, raw,
                    alloc ? allocSum / l.size() : null, allocRaw, first.jdkVersion(), first.vmName(), first.vmVersion()));
        }
        return out;
    }
}
