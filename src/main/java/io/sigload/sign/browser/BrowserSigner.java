package io.sigload.sign.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.guard.Controls;
import io.sigload.guard.Redactor;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.TransportStats;
import io.sigload.token.JsonFactories;
import io.sigload.token.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mints each participant's signature with a team's own signing page in headless Chromium, driven
 * with Selenium 4 over WebDriver BiDi (generic commands only, so no devtools artifact is pinned to
 * one Chromium version). Per participant: a new user context (an isolated browser context: its own
 * cookies, storage and cache), its time zone set with the browser's own override
 * ({@code emulation.setTimezoneOverride}), its clock set before the page's scripts run (a preload
 * script installs @sinonjs/fake-timers on Date and performance at the participant's instant), the
 * page loaded, then the page's function called or its {@code window} hook read; the context is
 * removed afterwards.
 *
 * <p>Pool: {@code browsers} Chromium processes, each with at most {@code contextsPerBrowser}
 * participants at once; other callers wait for a slot (the wait is part of the measured latency).
 * {@link #counters()} reports {@code contextsMaxAtOnce}, the most contexts that were open at once.
 *
 * <p>Faults, counted by category with the first example, while the run goes on:
 * {@code BROWSER_PAGE_LOAD} (navigation failed or timed out), {@code BROWSER_NO_FUNCTION} (no such
 * function on {@code window}), {@code BROWSER_PAGE_ERROR} (the page threw while loading and gave no
 * signature; the message has its first uncaught error), {@code BROWSER_THREW} (the function threw,
 * rejected or called back with an error), {@code BROWSER_NOT_STRING}, {@code BROWSER_NO_RESULT}
 * (nothing within {@code timeout}), {@code BROWSER_CRASHED} (the browser went away; it is started
 * again up to {@code restarts} times), {@code SIGNER_CLOSED}, {@code INTERRUPTED}. The secret goes
 * to the page only as a call argument (or in {@code window.sigloadParticipant} for hook pages) over
 * the local BiDi connection: never on a command line, in a URL or in a message.
 *
 * <p>Thread-safe. {@link #close()} quits every browser and kills whatever it left.
 */
public final class BrowserSigner implements Signer, TransportStats {
    /** Selenium logs through java.util.logging; its warnings (no CDP match for this Chromium...) are not ours. */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactories.shared());
    private static final int MAX_MESSAGE_CHARS = 300;

    private final BrowserOptions options;
    private final List<Browser> browsers;
    private final BlockingQueue<Browser> slots;
    private final UnaryOperator<String> scrub;
    private final String sdkKey;
    private final String secret;
    private final String preloadTemplate;
    private final String callFunction;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final LongAdder opened = new LongAdder();
    private volatile boolean closed;

    private BrowserSigner(BrowserOptions options, List<Browser> browsers, String sdkKey, String secret,
            String preloadTemplate, String callFunction) {
        this.options = options;
        this.browsers = browsers;
        this.sdkKey = sdkKey;
        this.secret = secret;
        Redactor redactor = secret == null || secret.equals(Secret.DEMO_VALUE) ? Redactor.create() : Redactor.of(secret);
        this.scrub = s -> s == null ? "" : Controls.escape(redactor.mask(s), false); // masked before clip() cuts it
        this.preloadTemplate = preloadTemplate;
        this.callFunction = callFunction;
        this.slots = new ArrayBlockingQueue<>(browsers.size() * options.contextsPerBrowser(), true);
        for (int i = 0; i < options.contextsPerBrowser(); i++) {
            slots.addAll(browsers); // round-robin: participants spread over the browsers
        }
    }

    /**
     * Starts the browsers.
     *
     * @throws SignerConfigException when a browser cannot be started (what to install or fix);
     *     browsers already started are stopped
     */
    static Signer start(BrowserOptions o, SignerConfig config) throws SignerConfigException {
        SELENIUM_LOG.setLevel(Level.SEVERE);
        String secret = config.secret() == null ? null : config.secret().text();
        String preload;
        String call;
        try {
            preload = resource("preload.js").replace("/*SIGLOAD_FAKE_TIMERS*/", resource(
                    "/io/sigload/sign/script/node_modules/@sinonjs/fake-timers/src/fake-timers-src.js"));
            call = resource("call.js");
        } catch (IOException e) {
            throw new SignerConfigException("type", "this sigload build lacks the browser signer's scripts ("
                    + e.getMessage() + "): it was built without npm; install npm and rebuild (mvn -B package)");
        }
        List<Browser> started = new ArrayList<>();
        try {
            for (int i = 0; i < o.browsers(); i++) {
                started.add(Browser.start(i, o));
            }
        } catch (SignerConfigException | RuntimeException e) {
            started.forEach(Browser::close);
            throw e;
        }
        return new BrowserSigner(o, List.copyOf(started), config.sdkKey(), secret, preload, call);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BrowserSigner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        Browser b;
        try {
            b = slots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignException("INTERRUPTED", "interrupted while waiting for a free browser context");
        }
        try {
            if (closed) {
                throw new SignException("SIGNER_CLOSED", "the browser signer was closed");
            }
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
            opened.increment();
            try {
                return b.sign(preload(request), zoneId(request.clock().getZone()), page(), callFunction,
                        callArgument(request), options.timeout(), scrub);
            } finally {
                open.decrementAndGet();
            }
        } finally {
            slots.offer(b);
        }
    }

    private String page() {
        return options.page().toString();
    }

    /** The preload script for one participant: its clock, and its inputs for a hook page. */
    private String preload(SignRequest r) {
        ObjectNode s = JSON.createObjectNode();
        s.put("nowMillis", r.clock().millis());
        s.put("ticking", options.ticking());
        if (options.hook() != null) {
            s.set("participant", values(r));
        }
        return preloadTemplate.replace("/*SIGLOAD_SETTINGS*/null", s.toString());
    }

    /** The one argument of {@code call.js}, a JSON string (holds the secret: never logged). */
    private String callArgument(SignRequest r) {
        ObjectNode c = JSON.createObjectNode();
        c.put("mode", options.hook() != null ? "hook" : "function");
        c.put("path", options.hook() != null ? options.hook() : options.function());
        c.set("args", options.args());
        c.set("values", values(r));
        if (options.result() != null) {
            c.put("result", options.result());
        }
        c.put("timeoutMillis", Math.max(1, options.timeout().toMillis() - 200));
        return c.toString();
    }

    private ObjectNode values(SignRequest r) {
        ObjectNode v = JSON.createObjectNode();
        v.put("sdkKey", sdkKey);
        v.put("secret", secret);
        v.put("sdkSecret", secret);
        v.put("meetingNumber", r.meetingNumber());
        try {
            v.put("meetingNumberAsNumber", Long.parseLong(r.meetingNumber()));
        } catch (NumberFormatException e) {
            v.putNull("meetingNumberAsNumber");
        }
        v.put("role", r.role());
        v.put("expirationSeconds", r.expirationSeconds());
        v.put("videoWebRtcMode", r.videoWebRtcMode());
        v.put("participant", r.participant());
        return v;
    }

    /** An IANA id the browser's override accepts: {@code UTC} for the JDK's {@code Z}. */
    static String zoneId(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** Parses what {@code call.js} answered. */
    static String answer(String json, UnaryOperator<String> scrub) throws SignException {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new SignException("BROWSER_NOT_STRING", "the page's answer was not readable");
        }
        if (n.path("signature").isTextual()) {
            return n.get("signature").asText();
        }
        throw new SignException(n.path("fault").asText("BROWSER_NO_RESULT"), clip(scrub.apply(n.path("message").asText())));
    }

    static String clip(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new TreeMap<>();
        m.put("browsers", (long) browsers.size());
        m.put("browserStarts", browsers.stream().mapToLong(Browser::starts).sum());
        m.put("contexts", opened.sum());
        m.put("contextsMaxAtOnce", (long) maxOpen.get());
        m.put("contextsPerBrowser", (long) options.contextsPerBrowser());
        return m;
    }

    @Override
    public String describe() {
        String what = options.hook() != null ? "window." + options.hook() : options.function() + "(" + args() + ")";
        return "browser " + options.page() + " " + what + (options.result() == null ? "" : "." + options.result())
                + ", " + browsers.getFirst().version() + ", " + browsers.size() + " browser"
                + (browsers.size() == 1 ? "" : "s") + " x " + options.contextsPerBrowser()
                + " contexts, clock " + (options.ticking() ? "ticking" : "frozen")
                + " and time zone per context, timeout " + options.timeout().toMillis() + " ms";
    }

    private String args() {
        JsonNode a = options.args();
        List<String> s = new ArrayList<>();
        if (a.isArray()) {
            a.forEach(x -> s.add(x.asText()));
            return String.join(", ", s);
        }
        a.properties().forEach(e -> s.add(e.getKey() + ": " + e.getValue().asText()));
        return "{" + String.join(", ", s) + "}";
    }

    /** Quits every browser (and kills what it left running); callers waiting get {@code SIGNER_CLOSED}. */
    /** A call may restart its browser ({@code startTimeout}) and then waits up to {@code timeout}, plus a second. */
    @Override
    public Optional<Duration> callBound() {
        return Optional.of(options.startTimeout().plus(options.timeout()).plusSeconds(1));
    }

    /** {@code browsers × contextsPerBrowser} participants at once. */
    @Override
    public int parallelism() {
        return browsers.size() * options.contextsPerBrowser();
    }

    @Override
    public void close() {
        closed = true;
        browsers.forEach(Browser::close);
    }
}
