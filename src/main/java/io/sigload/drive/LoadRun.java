package io.sigload.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.guard.Redactor;
import io.sigload.report.Diagnoser;
import io.sigload.report.Diagnosis;
import io.sigload.report.FailureSample;
import io.sigload.report.JoinFields;
import io.sigload.report.LatencyPhase;
import io.sigload.report.ReplayCandidates;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.RunContext;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Defaults;
import io.sigload.scenario.DidYouMean;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.Signers;
import io.sigload.sign.TransportStats;
import io.sigload.token.Secret;
import io.sigload.token.SecretException;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario made ready to run: secrets loaded, signer built, validator context set. This is the
 * engine behind {@code sigload run}, {@code compare} and {@code skew}.
 *
 * <p>Not thread-safe; one instance per run. {@link #close()} releases the signer (connections,
 * child processes).
 */
public final class LoadRun implements AutoCloseable {
    private final Scenario scenario;
    private final Signer signer;
    private final ValidationContext template;
    private final AutoCloseable endpoint;
    private Instant releasedAt;
    /** The driver of the run under way, for {@link #stop}. */
    private volatile Driver driver;
    private volatile String pendingStop;
    private volatile StopCause pendingCause = StopCause.OTHER;
    private final Redactor redactor;
    private final Deadlines deadlines;

    private LoadRun(Scenario scenario, Signer signer, ValidationContext template, AutoCloseable endpoint,
            Redactor redactor) {
        this.scenario = scenario;
        this.signer = signer;
        this.template = template;
        this.endpoint = endpoint;
        this.redactor = redactor;
        this.deadlines = Deadlines.of(scenario, signer, new Plan(scenario).size());
    }

    /**
     * Loads the secrets and builds the signer.
     *
     * @param scenario a checked scenario
     * @param env environment variables (secrets come from here or from files)
     * @throws ScenarioException when a secret cannot be loaded or the signer refuses its options;
     *     the message names the scenario file and the field, never a secret value
     */
    public static LoadRun prepare(Scenario scenario, Map<String, String> env) throws ScenarioException {
        Secret secret = secret(scenario, env);
        Secret validatorSecret = secret;
        String vEnv = scenario.credentials().validatorSecretEnv();
        if (vEnv != null) {
            try {
                validatorSecret = Secret.fromEnv(vEnv, env);
            } catch (SecretException e) {
                throw new ScenarioException(scenario.source() + ": credentials.validatorSecretEnv: " + e.getMessage());
            }
        }
        int concurrency = scenario.load() instanceof Scenario.Burst b && b.maxInFlight() > 0 ? b.maxInFlight()
                : Math.max(1, Math.min(scenario.participants(), 1024));
        JsonNode options = scenario.signer().options();
        EmbeddedEndpoint endpoint = null;
        if (scenario.endpoint() != null) {
            endpoint = EmbeddedEndpoint.start(scenario, secret);
            options = options.deepCopy();
            ((ObjectNode) options).put("url", endpoint.uri().toString());
        }
        Path dir = Path.of(scenario.source()).toAbsolutePath().getParent();
        SignerConfig config = new SignerConfig(scenario.credentials().sdkKey(), secret, scenario.signer().recipe(),
                options, env, concurrency, dir, scenario.signer().fault());
        Signer signer;
        try {
            signer = Signers.create(scenario.signer().type(), config);
        } catch (SignerConfigException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            String guess = e.found() == null ? null : DidYouMean.closest(e.found(), e.allowed());
            throw new ScenarioException(scenario.source() + ": signer." + e.field() + ": " + e.getMessage()
                    + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
        }
        ValidationContext template = new ValidationContext(scenario.validator().profile(), validatorSecret, List.of(),
                scenario.time().start(), scenario.validator().iatLeewaySeconds(), scenario.meeting().number(), null, null);
        String heap = Driver.heapProblem(new Plan(scenario), signer, Runtime.getRuntime().maxMemory());
        if (heap != null) {
            signer.close();
            if (endpoint != null) {
                endpoint.close();
            }
            throw new ScenarioException(scenario.source() + ": load.maxInFlight: " + heap);
        }
        return new LoadRun(scenario, signer, template, endpoint, redactor(secret, validatorSecret, options, env));
    }

    /**
     * What this run must never print: the SDK secret, the validator's secret, and every value an
     * option reads from the environment ({@code headers: {Authorization: {env: API_TOKEN}}}). The
     * demo secret is public and not masked.
     */
    private static Redactor redactor(Secret secret, Secret validatorSecret, JsonNode options, Map<String, String> env) {
        Redactor r = Redactor.create();
        for (Secret s : List.of(secret, validatorSecret)) {
            if (!s.sameKey(Secret.demo())) {
                r.add(s.text());
            }
        }
        List<JsonNode> todo = new ArrayList<>(List.of(options));
        while (!todo.isEmpty()) {
            JsonNode n = todo.removeLast();
            JsonNode var = n.get("env");
            if (n.isObject() && var != null && var.isTextual() && env.get(var.asText()) != null) {
                r.add(env.get(var.asText()));
            }
            n.forEach(todo::add);
        }
        return r;
    }

    /**
     * The secrets a scenario names, as far as they can be read without running it (for a command
     * that hands the scenario to child processes): its environment variables, and its secret file
     * when it is a regular file (a pipe is left for the child that reads it). Errors are ignored.
     */
    public static Redactor knownSecrets(Scenario s, Map<String, String> env) {
        Redactor r = Redactor.create();
        Scenario.Credentials c = s.credentials();
        for (String var : new String[] {c.secretEnv(), c.validatorSecretEnv()}) {
            if (var != null && env.get(var) != null) {
                r.add(env.get(var));
            }
        }
        if (c.secretFile() != null) {
            Path p = Path.of(c.secretFile());
            Path dir = Path.of(s.source()).toAbsolutePath().getParent();
            p = p.isAbsolute() || dir == null ? p : dir.resolve(p);
            if (Files.isRegularFile(p)) {
                try {
                    r.add(Secret.fromFile(p).text());
                } catch (SecretException e) {
                    // the child run reports it
                }
            }
        }
        return r;
    }

    /** The secrets this run must never print; every report of it is written through this (see {@link Redactor}). */
    public Redactor redactor() {
        return redactor;
    }

    /** The run's deadlines: warm-up, the load phase and the grace after a stop (commands add their own phases). */
    public Deadlines deadlines() {
        return deadlines;
    }

    private static Secret secret(Scenario s, Map<String, String> env) throws ScenarioException {
        Scenario.Credentials c = s.credentials();
        String field = "credentials";
        try {
            if (c.demoSecret()) {
                return Secret.demo();
            }
            if (c.secretEnv() != null) {
                field = "credentials.secretEnv";
                return Secret.fromEnv(c.secretEnv(), env);
            }
            if (c.secretFile() != null) {
                field = "credentials.secretFile"; // a scenario's relative path is its folder's
                Path p = Path.of(c.secretFile());
                if (!p.isAbsolute()) {
                    Path dir = Path.of(s.source()).toAbsolutePath().getParent();
                    p = dir == null ? p : dir.resolve(p);
                }
                return Secret.fromFile(p);
            }
        } catch (SecretException e) {
            throw new ScenarioException(s.source() + ": " + field + ": " + e.getMessage());
        }
        throw new ScenarioException(s.source() + ": credentials: no secret given; the validator needs the SDK secret."
                + " Add one of: secretEnv: VARIABLE (export VARIABLE=...), secretFile: PATH, or demoSecret: true"
                + " (the built-in fake secret, for demos)");
    }

    /** The signer built for this run. */
    public Signer signer() {
        return signer;
    }

    /** The scenario. */
    public Scenario scenario() {
        return scenario;
    }

    /** The validator context template (profile, secret, leeway). */
    public ValidationContext template() {
        return template;
    }

    /**
     * Runs the plan, then (when participants failed) the replay, and returns the result with its
     * diagnosis.
     *
     * @param recorder where results stream (pass one to watch progress; it also says how many
     *     participants the replay takes, {@link RunRecorder#replayCandidates()}), or {@code null}
     *     for a new one with the defaults ({@link Defaults#REPLAY_FAILURES})
     * @throws InterruptedException when interrupted while waiting for participants
     */
    public RunResult run(RunRecorder recorder) throws InterruptedException {
        return run(recorder, Shard.ALL, null);
    }

    /**
     * Runs one shard of the plan, released at a wall-clock instant, then (when participants of the
     * shard failed) the replay, and returns its result with its diagnosis (of this shard's
     * participants; {@code sigload merge} diagnoses the whole).
     *
     * @param recorder where results stream (pass one to watch progress; it also says how many
     *     participants the replay takes, {@link RunRecorder#replayCandidates()}), or {@code null}
     *     for a new one with the defaults ({@link Defaults#REPLAY_FAILURES})
     * @param shard the participants to run ({@link Shard#ALL}: every one); prepare the run with
     *     {@link Shard#apply(Scenario)} so global bounds are shared out
     * @param startAt when to release the participants (system clock), or {@code null} for as soon as ready
     * @throws InterruptedException when interrupted while waiting for participants
     * @see #releasedAt()
     */
    public RunResult run(RunRecorder recorder, Shard shard, Instant startAt) throws InterruptedException {
        return run(recorder, shard, startAt, signer);
    }

    /** {@link #run(RunRecorder)} with another signer (tests stand one in for a faulty endpoint). */
    RunResult run(RunRecorder recorder, Signer signer) throws InterruptedException {
        return run(recorder, Shard.ALL, null, signer);
    }

    private RunResult run(RunRecorder recorder, Shard shard, Instant startAt, Signer signer)
            throws InterruptedException {
        RunRecorder rec = recorder == null ? new RunRecorder(Defaults.FAILURE_SAMPLE, Defaults.REPLAY_FAILURES) : recorder;
        Plan plan = new Plan(scenario, shard);
        rec.plannedParticipants(plan.count());
        if (signer instanceof TransportStats stats) {
            stats.phases((name, nanos) -> LatencyPhase.byWireName(name).ifPresent(p -> rec.recordLatency(p, nanos)));
        }
        Validator validator = Validator.zoom();
        Driver d = new Driver(plan, signer, validator, template, rec, startAt, deadlines);
        driver = d;
        if (pendingStop != null) {
            d.stop(pendingCause, pendingStop);
        }
        long elapsed = d.run();
        releasedAt = d.releasedAt();
        RunResult r = rec.result(context(plan), elapsed);
        r = r.withCompletion(d.completion(r.verdicts().completed()));
        if (signer instanceof TransportStats stats) { // before the replay: the counters are the run's
            r = r.withMintErrors(r.mintErrors().withSignerCounters(stats.counters()));
        }
        r = r.withFailures(withJoins(r.failures(), plan));
        String stopped = d.stopReason(); // the load's stop; one during the replay only ends the replay (its note)
        if (stopped == null) { // a stopped run replays nothing: the time is up, or the user asked to stop
            r = r.withReplay(replay(new Replay(d, plan, signer, validator), signer, rec, r));
        }
        Diagnosis diagnosis = Diagnoser.explain(r, fixLanguage(scenario));
        String prefix = "";
        if (signer instanceof TransportStats stats) {
            for (String w : stats.warnings()) {
                prefix = "WARNING: " + w + ".\n" + prefix;
            }
        }
        if (stopped != null) {
            prefix = "Stopped early (" + stopped + "): " + r.verdicts().completed() + " of " + r.context().participants()
                    + " participants measured; every figure here is for those only.\n" + prefix;
        }
        if (!prefix.isEmpty()) {
            diagnosis = new Diagnosis(prefix + diagnosis.text(), diagnosis.causes(), diagnosis.fixLanguage());
        }
        return r.withDiagnosis(diagnosis);
    }

    /**
     * The language the diagnosis writes fixes in, chosen by the signer's settings and labelled so:
     * the diagnosis never takes a setting as evidence. In-process signers are Java libraries; a
     * process signer's language is its command's interpreter; node and browser signers run
     * JavaScript, python signers Python; tokens minted on the client come from a browser
     * (JavaScript); an http endpoint's language is unknown (neutral).
     */
    static Diagnosis.FixLanguage fixLanguage(Scenario s) {
        String type = s.signer().type();
        String lang = switch (type) {
            case "http" -> "neutral";
            case "process" -> processLanguage(s.signer().options().path("command"));
            case "node", "browser" -> "javascript";
            case "python" -> "python";
            default -> Signers.outOfProcess(type) ? "neutral" : null;
        };
        if (lang == null && s.signer().mintedOn() == Scenario.MintedOn.CLIENT) {
            return new Diagnosis.FixLanguage("javascript", "the language of a browser signer (signer.mintedOn client)");
        }
        lang = lang == null ? "java" : lang;
        return lang.equals("neutral") ? Diagnosis.FixLanguage.NEUTRAL_HINT
                : new Diagnosis.FixLanguage(lang, "the language of signer type " + type);
    }

    private static String processLanguage(JsonNode command) {
        String first = command.isArray() && !command.isEmpty() ? command.get(0).asText("") : command.asText("");
        String exe = Path.of(first.isEmpty() ? "x" : first).getFileName().toString().toLowerCase(Locale.ROOT);
        if (exe.startsWith("python")) {
            return "python";
        }
        if (exe.equals("node") || exe.equals("deno") || exe.equals("bun")) {
            return "javascript";
        }
        if (exe.equals("php")) {
            return "php";
        }
        if (exe.equals("dotnet")) {
            return "csharp";
        }
        if (exe.equals("go")) {
            return "go";
        }
        if (exe.equals("java")) {
            return "java";
        }
        return "neutral";
    }

    /**
     * Ends the run under way (or the next one) early and keeps what was measured: no participant
     * starts after this call, those in flight get {@link Deadlines#grace()} to finish, and
     * {@link #run} returns the partial result: its {@link RunResult#completion()} says why and how
     * many were not measured (every report is marked interrupted), its diagnosis opens with
     * "Stopped early (reason)". The one entry point for a signal handler (Ctrl-C, SIGTERM); a full
     * heap and the load phase's deadline take the same path inside the driver ({@link Driver#stop}).
     * Any thread, any number of times.
     */
    public void stop(String reason) {
        stop(StopCause.OTHER, reason);
    }

    /**
     * {@link #stop(String)} with its cause (a signal, a full heap), which the result's
     * {@link RunResult#completion()} carries and the CLI maps to its exit code.
     */
    public void stop(StopCause cause, String reason) {
        pendingCause = cause;
        pendingStop = reason == null ? cause.text() : reason;
        Driver d = driver;
        if (d != null) {
            d.stop(cause, pendingStop);
        }
    }

    /**
     * The longest the replay after a run may take ({@link Replay#deadline}): {@code replayFailures}
     * failing and as many passing participants, one signer call each; {@link Duration#ZERO} when
     * {@code replayFailures} is 0 (no replay). For the deadlines printed at the start; the replay
     * itself is budgeted for the participants it really takes, so never longer.
     */
    public Duration replayDeadline(int replayFailures) {
        return replayFailures <= 0 ? Duration.ZERO : Replay.deadline(signer, 2 * replayFailures);
    }

    /** Why the last {@link #run} stopped early, or {@code null} when every participant ran. */
    public String stopReason() {
        Driver current = driver;
        return current == null ? null : current.stopReason();
    }

    /** When the last {@link #run} released its participants (system clock), or {@code null}. */
    public Instant releasedAt() {
        return releasedAt;
    }

    /** Each sampled failure with what its participant asked for (from the plan) and what its token says. */
    private static List<FailureSample> withJoins(List<FailureSample> failures, Plan plan) {
        List<FailureSample> out = new ArrayList<>(failures.size());
        for (FailureSample f : failures) {
            Participant p = plan.participant(f.participant());
            out.add(f.withJoin(JoinFields.planned(p.role(), p.meetingNumber(), p.sessionName())));
        }
        return out;
    }

    /**
     * The replay, a separate pass after the run: the participants the recorder kept, one at a time
     * ({@link Replay}). Not run when nothing failed, when {@code --replay-failures 0}, or for an
     * http signer whose endpoint is failing (more than half the participants got no token: a
     * replay would only load it further), with a note saying so.
     */
    private ReplayEvidence replay(Replay replay, Signer signer, RunRecorder rec, RunResult r)
            throws InterruptedException {
        ReplayEvidence counted = r.replay();
        if (r.verdicts().invalid() == 0) {
            return counted;
        }
        ReplayCandidates candidates = rec.replayCandidates();
        if (candidates.limit() == 0) {
            return counted.withNote("not replayed (--replay-failures 0)");
        }
        long noToken = r.mintErrors().byCategory().values().stream().mapToLong(Long::longValue).sum();
        if ("http".equals(scenario.signer().type()) && noToken * 2 > r.verdicts().completed()) {
            return counted.withNote(String.format(Locale.ROOT, "not replayed: the endpoint is failing (%d of %d"
                    + " participants got no token: %s)", noToken, r.verdicts().completed(), r.mintErrors().byCategory()));
        }
        int n = candidates.failing().size() + candidates.passing().size();
        return replay.run(candidates, counted, Replay.deadline(signer, n));
    }

    private RunContext context(Plan plan) {
        return new RunContext(scenario.name(), scenario.source(), scenario.seed(), plan.count(), signer.describe(),
                scenario.signer().mintedOn().name().toLowerCase(Locale.ROOT),
                scenario.validator().profile().wireName(),
                scenario.load() instanceof Scenario.ArrivalRate ? "arrival-rate" : "burst",
                scenario.time().mode().name().toLowerCase(Locale.ROOT), scenario.meeting().number(),
                inspectOptions(scenario));
    }

    /**
     * The {@code inspect} options that judge a token as this run's validator did: where its secret
     * comes from (names and paths only, never the value) and the iat leeway when not 0.
     */
    static String inspectOptions(Scenario s) {
        Scenario.Credentials c = s.credentials();
        String secret;
        if (c.validatorSecretEnv() != null) {
            secret = "--secret-env " + c.validatorSecretEnv();
        } else if (c.demoSecret()) {
            secret = "--demo-secret";
        } else if (c.secretEnv() != null) {
            secret = "--secret-env " + c.secretEnv();
        } else if (c.secretFile() != null) {
            Path p = Path.of(c.secretFile());
            Path dir = Path.of(s.source()).toAbsolutePath().getParent();
            String path = (p.isAbsolute() || dir == null ? p : dir.resolve(p)).normalize().toString();
            secret = "--secret-file " + (path.matches("[\\w./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'");
        } else {
            secret = "";
        }
        long leeway = s.validator().iatLeewaySeconds();
        return leeway == 0 ? secret : (secret + " --iat-leeway " + leeway).strip();
    }

    @Override
    public void close() {
        signer.close();
        if (endpoint != null) {
            try {
                endpoint.close();
            } catch (Exception e) {
                // closing a loopback server: nothing to report
            }
        }
    }
}
