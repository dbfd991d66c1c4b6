package io.sigload.cli;

import io.sigload.sign.process.ProcessTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * sigload in a child JVM (this test JVM's java and class path), started in its own process group
 * with SIGINT and SIGTERM at their defaults (through python3, because a background job of a
 * non-interactive shell, such as CI's, inherits SIGINT ignored and the JVM then cannot handle it),
 * so a test can send it real signals. Output goes to files; every wait is bounded.
 */
final class ChildSigload implements AutoCloseable {
    private static final String RESET = "import os, signal, sys\n"
            + "os.setpgrp()\n"
            + "signal.signal(signal.SIGINT, signal.SIG_DFL)\n"
            + "signal.signal(signal.SIGTERM, signal.SIG_DFL)\n"
            + "os.execvp(sys.argv[1], sys.argv[1:])\n";

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildSigload(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code sigload ARGS} with extra environment variables; output in {@code dir}. */
    static ChildSigload start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, List.of(), args);
    }

    /** Starts {@code sigload ARGS} with extra environment variables and JVM options; output in {@code dir}. */
    static ChildSigload start(Path dir, Map<String, String> env, List<String> jvm, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", RESET, java, "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sigload.cli.Main"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("SIGLOAD_PROGRESS", "plain");
        pb.environment().putAll(env);
        Process p = pb.start();
        ProcessTree.registerStarted(p);
        return new ChildSigload(p, out, err);
    }

    /** Waits until stderr holds a line the predicate accepts; false when the child ended or the time is up. */
    boolean awaitStderr(Predicate<String> line, Duration within) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (stderr().lines().anyMatch(line)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}) with kill(1). */
    void signal(String name) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        k.waitFor(10, TimeUnit.SECONDS);
    }

    /** The exit code, waiting at most {@code within}; -1 when it is still running (then it is killed). */
    int exitCode(Duration within) throws InterruptedException {
        if (process.waitFor(within.toNanos(), TimeUnit.NANOSECONDS)) {
            return process.exitValue();
        }
        close();
        return -1;
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
