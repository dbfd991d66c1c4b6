package io.sigload.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.process.ProcessTree;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code sigload run SCENARIO --set ... --json FILE} in a child JVM: the same java binary,
 * class path and JVM options as this one (class-data-sharing flags left out). The child inherits
 * the environment, where the scenario reads its secrets; no secret is ever put on its command
 * line. Its stdout (the console report) goes to a file beside the JSON; its stderr (progress,
 * errors) to ours. Thread-safe: stateless.
 */
final class ChildRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildRun() {
    }

    /**
     * @param scenario the scenario file
     * @param sets overrides (common ones, then the signer's)
     * @param json where the child writes its report
     * @param extraEnv variables added to the child's environment (e.g. {@code SIGLOAD_PROGRESS})
     * @return the child's report
     * @throws CompareException when the child cannot start, exits with a code other than 0 or 1,
     *     or writes no report
     * @throws InterruptedException when interrupted while waiting (the child is destroyed)
     */
    static ObjectNode run(Path scenario, List<String> sets, Path json, Map<String, String> extraEnv)
            throws InterruptedException {
        List<String> cmd = new ArrayList<>(command());
        cmd.add("run");
        cmd.add(scenario.toString());
        for (String s : sets) {
            cmd.add("--set");
            cmd.add(s);
        }
        cmd.add("--json");
        cmd.add(json.toString());
        Path console = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "") + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(console.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
            ProcessTree.registerStarted(p); // a child run, never an orphan to end with a process signer
        } catch (IOException e) {
            throw new CompareException("cannot start a child JVM (" + cmd.get(0) + "): " + e.getMessage());
        }
        try {
            int code = p.waitFor();
            if (code != 0 && code != 1) {
                throw new CompareException("the child run exited with " + code + " (see its messages above; console output in "
                        + console + ")");
            }
            return (ObjectNode) JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new CompareException("the child run wrote no readable report " + json + ": " + e.getMessage());
        } finally {
            p.destroy();
        }
    }

    /** {@code java [JVM options] -cp CLASSPATH io.sigload.cli.Main}, as this JVM was started. */
    static List<String> command() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.contains("SharedArchive") && !a.startsWith("-Xlog") && !a.startsWith("-agentlib")
                    && !a.startsWith("-javaagent") && !a.startsWith("-Djava.class.path")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.sigload.cli.Main");
        return cmd;
    }
}
