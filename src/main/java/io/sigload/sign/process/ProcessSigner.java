package io.sigload.sign.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.guard.Redactor;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.token.JsonFactories;
import io.sigload.token.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * Drives an external signer program, e.g. a team's PHP, Node or Python minting code, over a
 * line protocol on its standard streams. Example: {@code examples/process-signer/zoom_signer.py}.
 *
 * <p>Protocol, one JSON object per line (UTF-8, {@code \n}-terminated), request then response:
 * <pre>
 * → {"participant":3,"meetingNumber":"8765432109","role":0,"expirationSeconds":7200,
 *    "videoWebRtcMode":null,"nowMillis":1764460123456,"timeZone":"America/New_York"}
 *   (plus "sessionName":"standup" when the run names Video SDK sessions, join.sessionName)
 * ← {"signature":"eyJ..."}   or   {"error":"what went wrong"}   or   {"error":"...","category":"SCRIPT_THREW"}
 * </pre>
 * {@code nowMillis} is the minting clock (milliseconds since the epoch): a signer that uses it
 * instead of its own clock reproduces per-participant clock skew. {@code timeZone} is the minting
 * clock's IANA zone ({@code UTC} unless {@code clocks.timezones} gives participants zones and
 * tokens are minted on their side). An error may name its own {@code category} (upper-case words,
 * 3 to 40 characters), which is then counted instead of {@code PROCESS_ERROR}; the node and python
 * signers' harnesses do this.
 *
 * <p>The child's environment holds only {@code PATH}, {@code HOME}, {@code LANG}, {@code TMPDIR}
 * (from sigload's own environment), the variables named in {@code signer.env}, and
 * {@code ZOOM_MEETING_SDK_KEY} / {@code ZOOM_MEETING_SDK_SECRET}. The secret never goes on a
 * command line: a command that contains it is refused.
 *
 * <p>Faults are {@link SignException} categories, and the run goes on: {@code PROCESS_EXITED}
 * (the child exited or its stdin broke; restarted on next use up to {@code signer.restarts}
 * times, then dead), {@code PROCESS_TIMEOUT} (no response line within {@code signer.timeout},
 * or {@code signer.startTimeout} for the first request after a start; the child is killed and
 * restarted), {@code PROCESS_BAD_OUTPUT} (not a JSON object with a string
 * {@code signature} or an {@code error}), {@code PROCESS_ERROR} (the child's {@code error}),
 * {@code SIGNER_CLOSED}, {@code INTERRUPTED}. Text from the child has the secret masked before it
 * is cut ({@link Redactor#quote}), and control characters escaped.
 *
 * <p>Children are started in one {@link ProcessTree}: at {@link #close()} every descendant is
 * ended, also a daemon that left the process group and session with {@code setsid}.
 *
 * <p>Thread-safe: a pool of {@code signer.instances} children; each serves one caller at a time
 * and other callers wait for a free one (that wait is part of the measured latency).
 */
public final class ProcessSigner implements Signer {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactories.shared());
    private static final int MAX_MESSAGE_CHARS = 300;
    /** A child's own failure category: upper-case words, e.g. {@code SCRIPT_THREW}. */
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Z0-9_]{2,39}");

    private final ProcessSignerOptions options;
    private final List<ProcessInstance> all;
    /** Idle instances; {@link #free} counts them, so a caller that got a permit finds one here. */
    private final ConcurrentLinkedQueue<ProcessInstance> idle;
    private final Semaphore free;
    private final Redactor redactor;
    private final ProcessTree tree;
    private volatile boolean closed;

    private ProcessSigner(ProcessSignerOptions options, List<ProcessInstance> all, Redactor redactor, ProcessTree tree) {
        this.options = options;
        this.all = all;
        this.idle = new ConcurrentLinkedQueue<>(all);
        this.free = new Semaphore(all.size(), true);
        this.redactor = redactor;
        this.tree = tree;
    }

    /**
     * Starts {@code options.instances()} children.
     *
     * @param env the child's complete environment (see the class comment)
     * @param secretText the secret string, only to mask it in messages; may be {@code null}
     * @param directory the children's working directory (relative paths in the command resolve
     *     against it), or {@code null} for the current directory
     * @throws IOException when the program cannot be started (already started children are stopped)
     */
    public static ProcessSigner start(ProcessSignerOptions options, Map<String, String> env, String secretText,
            Path directory) throws IOException {
        Redactor redactor = secretText == null || secretText.equals(Secret.DEMO_VALUE) ? Redactor.create()
                : Redactor.of(secretText);
        ProcessTree tree = ProcessTree.open();
        List<ProcessInstance> started = new ArrayList<>();
        try {
            for (int i = 0; i < options.instances(); i++) {
                ProcessBuilder pb = new ProcessBuilder(options.command());
                pb.environment().clear();
                pb.environment().putAll(env);
                if (directory != null) {
                    pb.directory(directory.toFile());
                }
                started.add(new ProcessInstance(i, pb, options.restarts(), redactor, tree));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(ProcessInstance::close);
            tree.close();
            throw e;
        }
        return new ProcessSigner(options, List.copyOf(started), redactor, tree);
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        ProcessInstance instance = acquire();
        try {
            return parse(instance.exchange(requestLine(request), options.timeout(), options.startTimeout()));
        } finally {
            idle.offer(instance);
            free.release();
        }
    }

    private ProcessInstance acquire() throws SignException {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignException("INTERRUPTED", "interrupted while waiting for a free process signer instance");
        }
        if (closed) {
            free.release();
            throw new SignException("SIGNER_CLOSED", "the process signer was closed");
        }
        return idle.poll();
    }

    /** The request line: one JSON object and {@code \n}. */
    static byte[] requestLine(SignRequest r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("participant", r.participant());
        o.put("meetingNumber", r.meetingNumber());
        o.put("role", r.role());
        o.put("expirationSeconds", r.expirationSeconds());
        o.put("videoWebRtcMode", r.videoWebRtcMode());
        o.put("nowMillis", r.clock().millis());
        o.put("timeZone", zoneId(r.clock().getZone()));
        if (r.sessionName() != null) {
            o.put("sessionName", r.sessionName());
        }
        try {
            byte[] json = JSON.writeValueAsBytes(o);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON object", e);
        }
    }

    /** An IANA id a child can put in {@code TZ}: {@code UTC} for the JDK's {@code Z}. */
    static String zoneId(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private String parse(String line) throws SignException {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            n = null;
        }
        if (n != null && n.isObject()) {
            JsonNode sig = n.get("signature");
            if (sig != null && sig.isTextual() && !sig.asText().isEmpty()) {
                return sig.asText();
            }
            JsonNode err = n.get("error");
            if (err != null && !err.isNull()) {
                JsonNode cat = n.get("category");
                boolean own = cat != null && cat.isTextual() && CATEGORY.matcher(cat.asText()).matches();
                throw new SignException(own ? cat.asText() : "PROCESS_ERROR",
                        (own ? "" : "process signer: ") + clip(err.isTextual() ? err.asText() : err.toString()));
            }
        }
        // quote parsed JSON re-serialised, so an escaped secret (\u0041...) is masked like a plain one
        throw new SignException("PROCESS_BAD_OUTPUT", "process signer wrote neither {\"signature\": ...} nor"
                + " {\"error\": ...}: " + clip(n != null ? n.toString() : line));
    }

    /** Text from the child for a message: masked, escaped, then cut ({@link Redactor#quote}). */
    private String clip(String s) {
        return redactor.quote(s, MAX_MESSAGE_CHARS);
    }

    @Override
    public String describe() {
        return "process `" + String.join(" ", options.command()) + "`, " + options.instances() + " instance"
                + (options.instances() == 1 ? "" : "s") + ", timeout " + options.timeout().toMillis() + " ms, restarts "
                + options.restarts();
    }

    /**
     * The longer of {@code timeout} and {@code startTimeout} (a call may be the first after a
     * restart), plus a second for killing and restarting a stalled child.
     */
    @Override
    public Optional<Duration> callBound() {
        Duration t = options.startTimeout().compareTo(options.timeout()) > 0 ? options.startTimeout() : options.timeout();
        return Optional.of(t.plusSeconds(1));
    }

    /** {@code instances}: each child serves one call at a time. */
    @Override
    public int parallelism() {
        return options.instances();
    }

    /**
     * Stops every child: stdin closed, up to 1 s each to exit, then killed; then every descendant
     * they left, also one that ran off with {@code setsid} ({@link ProcessTree#close()}). Callers
     * waiting get {@code SIGNER_CLOSED}.
     */
    @Override
    public void close() {
        closed = true;
        free.release(Integer.MAX_VALUE / 2);
        all.forEach(ProcessInstance::close);
        tree.close();
    }
}
