package io.sigload.sign.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.process.ProcessSigner;
import io.sigload.sign.process.ProcessSignerOptions;
import io.sigload.sign.process.ProcessSignerProvider;
import io.sigload.sign.process.ProcessTree;
import io.sigload.token.JsonFactories;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a team's own signing function, unchanged, in pooled {@code node} or {@code python}
 * children: each child runs sigload's harness ({@code harness.js} / {@code harness.py}, extracted
 * from the jar), which loads the user's module once and calls the function once per request with
 * the participant's clock (Date and performance faked by @sinonjs/fake-timers; Python's time and
 * datetime frozen by freezegun) and time zone ({@code TZ}) imposed. The children speak the
 * {@code process} signer's JSON lines and are managed by {@link ProcessSigner} (restarts, timeouts,
 * cleanup): a child serves one participant's call at a time, since the faked clock and zone are
 * per process; {@code signer.instances} sets the concurrency.
 *
 * <p>At start it checks, and refuses with a message naming what to install or fix: the
 * interpreter (and freezegun for Python), the module file, and that the module loads and exports
 * the function (one {@code --check} run of the harness). The secret reaches the children through
 * their environment only ({@code ZOOM_MEETING_SDK_SECRET}).
 *
 * <p>Faults, counted by category with the first example, while the run goes on:
 * {@code SCRIPT_THREW} (threw, rejected, or called back with an error), {@code SCRIPT_NOT_STRING}
 * (gave something other than a non-empty string), {@code SCRIPT_NO_RESULT} (a promise, coroutine
 * or callback that did not settle within {@code timeout}, less a margin), {@code PROCESS_TIMEOUT}
 * (a call that blocked the process: it is killed and restarted), {@code PROCESS_EXITED},
 * {@code SCRIPT_NO_FUNCTION} / {@code SCRIPT_LOAD_ERROR} (the module changed after the check).
 *
 * <p>Thread-safe, as {@link ProcessSigner}.
 */
public final class ScriptSigner implements Signer {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactories.shared());
    private final ProcessSigner processes;
    private final Harness harness;
    private final String description;

    private ScriptSigner(ProcessSigner processes, Harness harness, String description) {
        this.processes = processes;
        this.harness = harness;
        this.description = description;
    }

    /**
     * Checks the interpreter and the module, extracts the harness and starts the pool.
     *
     * @throws SignerConfigException with what to install or fix; nothing is left running
     */
    static ScriptSigner start(ScriptLanguage language, SignerConfig config) throws SignerConfigException {
        ScriptOptions o = ScriptOptions.parse(config.options(), language, config.baseDirectory(),
                config.maxConcurrency());
        String secret = config.secret() == null ? null : config.secret().text();
        Duration startTimeout = o.process().startTimeout();
        String version = probe(language, o, startTimeout);
        Map<String, String> env = ProcessSignerProvider.childEnvironment(config, o.process().env());
        env.put("SIGLOAD_SCRIPT", harnessConfig(o));
        if (language == ScriptLanguage.PYTHON) {
            env.put("PYTHONDONTWRITEBYTECODE", "1"); // leave no __pycache__ beside the user's module
        }
        Harness harness;
        try {
            harness = Harness.extract(language);
        } catch (IOException e) {
            throw new SignerConfigException("type", "cannot write sigload's " + language.signer() + " harness to a"
                    + " temporary directory: " + e.getMessage());
        }
        try {
            List<String> command = List.of(o.interpreter(), harness.script().toString());
            ProcessSignerProvider.refuseSecretIn(command, secret);
            check(language, o, command, env, config.baseDirectory(), startTimeout, secret);
            ProcessSignerOptions p = o.process();
            ProcessSignerOptions pool = new ProcessSignerOptions(command, p.instances(), p.env(), p.timeout(),
                    p.restarts(), p.startTimeout());
            ProcessSigner processes = ProcessSigner.start(pool, env, secret, config.baseDirectory());
            String args = o.args().isArray() ? join(o.args()) : "{" + String.join(", ", fields(o.args())) + "}";
            String desc = language.signer() + " " + shortPath(o.module(), config.baseDirectory()) + " " + o.function()
                    + "(" + args + ")" + (o.result() == null ? "" : "." + o.result()) + ", " + version + ", "
                    + p.instances() + " process" + (p.instances() == 1 ? "" : "es") + ", clock "
                    + (o.ticking() ? "ticking" : "frozen") + " and TZ per participant, timeout "
                    + p.timeout().toMillis() + " ms";
            return new ScriptSigner(processes, harness, desc);
        } catch (SignerConfigException | RuntimeException e) {
            harness.close();
            throw e;
        } catch (IOException e) {
            harness.close();
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SignerConfigException(language.interpreterOption(), "cannot start `" + o.interpreter() + "`: "
                    + (secret == null ? msg : msg.replace(secret, "[secret]")));
        }
    }

    /** What the harness reads from {@code SIGLOAD_SCRIPT}: never the secret. */
    private static String harnessConfig(ScriptOptions o) {
        ObjectNode c = JSON.createObjectNode();
        c.put("module", o.module().toString());
        c.put("function", o.function());
        c.set("args", o.args());
        if (o.result() != null) {
            c.put("result", o.result());
        }
        c.put("callTimeoutMillis", Math.max(1, o.callTimeout().toMillis()));
        c.put("ticking", o.ticking());
        return c.toString();
    }

    /** Runs the interpreter's probe: its version, or a message naming what to install. */
    private static String probe(ScriptLanguage language, ScriptOptions o, Duration timeout) throws SignerConfigException {
        List<String> cmd = new ArrayList<>();
        cmd.add(o.interpreter());
        cmd.addAll(language.probe());
        Result r;
        try {
            r = run(cmd, Map.of("PATH", String.valueOf(System.getenv("PATH"))), null, timeout);
        } catch (IOException e) {
            throw new SignerConfigException(language.interpreterOption(), "cannot run `" + o.interpreter() + "` ("
                    + e.getMessage() + "): install " + language.install());
        }
        if (r.exit() != 0) {
            String why = r.stderr().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit code " + r.exit());
            throw new SignerConfigException(language.interpreterOption(), "`" + o.interpreter() + "` cannot run the "
                    + language.signer() + " harness: " + why.strip() + ". Install " + language.install());
        }
        String v = r.stdout().strip();
        return language == ScriptLanguage.NODE ? "Node.js " + v + ", @sinonjs/fake-timers" : "Python " + v;
    }

    /** One {@code --check} run: the module loads and exports the function, or a start-up error naming it. */
    private static void check(ScriptLanguage language, ScriptOptions o, List<String> command, Map<String, String> env,
            Path dir, Duration timeout, String secret) throws SignerConfigException, IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.add("--check");
        Result r = run(cmd, env, dir, timeout);
        String line = r.stdout().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
        JsonNode n;
        try {
            n = line.isEmpty() ? null : JSON.readTree(line);
        } catch (IOException e) {
            n = null;
        }
        if (n != null && n.path("ok").asBoolean(false)) {
            return;
        }
        String why;
        String field = "module";
        if (n != null && n.has("error")) {
            why = n.get("error").asText();
            field = "SCRIPT_NO_FUNCTION".equals(n.path("category").asText()) ? "function" : "module";
        } else if (r.timedOut()) {
            why = "loading " + o.module().getFileName() + " took over " + timeout.toMillis()
                    + " ms (signer.startTimeout); does it wait for something at load time?";
        } else {
            why = "the harness exited with code " + r.exit() + r.stderr().lines().filter(l -> !l.isBlank())
                    .reduce((a, b) -> b).map(l -> ": " + l.strip()).orElse("");
        }
        if (secret != null) {
            why = why.replace(secret, "[secret]");
        }
        throw new SignerConfigException(field, why);
    }

    private record Result(int exit, String stdout, String stderr, boolean timedOut) {
    }

    /** Runs a short command to its end (killed after {@code timeout}), its output through files so it never blocks. */
    private static Result run(List<String> cmd, Map<String, String> env, Path dir, Duration timeout) throws IOException {
        File out = File.createTempFile("sigload-check-", ".out");
        File err = File.createTempFile("sigload-check-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            try (ProcessTree tree = ProcessTree.open()) { // the check's descendants end with it too
                Process p = tree.start(pb);
                boolean done;
                try {
                    done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done = false;
                }
                if (!done) {
                    tree.kill(p);
                }
                return new Result(done ? p.exitValue() : -1, read(out), read(err), !done);
            }
        } finally {
            out.delete();
            err.delete();
        }
    }

    private static String read(File f) throws IOException {
        byte[] b = Files.readAllBytes(f.toPath());
        return new String(b, 0, Math.min(b.length, 64 * 1024), StandardCharsets.UTF_8);
    }

    private static String join(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(a -> s.add(a.asText()));
        return String.join(", ", s);
    }

    private static List<String> fields(JsonNode object) {
        List<String> s = new ArrayList<>();
        object.properties().forEach(e -> s.add(e.getKey() + ": " + e.getValue().asText()));
        return s;
    }

    private static String shortPath(Path module, Path base) {
        if (base != null) {
            Path cwd = Path.of("").toAbsolutePath();
            if (module.startsWith(cwd)) {
                return cwd.relativize(module).toString();
            }
        }
        return module.toString();
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        return processes.sign(request);
    }

    /** The pool's: {@link ProcessSigner#callBound()}. */
    @Override
    public Optional<Duration> callBound() {
        return processes.callBound();
    }

    /** The pool's size. */
    @Override
    public int parallelism() {
        return processes.parallelism();
    }

    @Override
    public String describe() {
        return description;
    }

    /** Stops every child (stdin closed, then killed) and deletes the extracted harness. */
    @Override
    public void close() {
        try {
            processes.close();
        } finally {
            harness.close();
        }
    }
}
