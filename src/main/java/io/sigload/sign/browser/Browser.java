package io.sigload.sign.browser;

import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import io.sigload.sign.SignerConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.Event;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium behind its own chromedriver, spoken to over WebDriver BiDi with generic
 * commands ({@link Command} with a method name and parameters), and a new empty
 * {@code --user-data-dir}. Chromium's flags are those that work here as root with no network but
 * loopback. Started with explicit browser and driver paths, so Selenium Manager never runs (it
 * would try to download them).
 *
 * <p>Thread-safe: many participants' contexts at once; BiDi commands from several threads are
 * matched to their answers by id. A browser that went away is started again (up to
 * {@code restarts} times) by the first participant that notices.
 */
final class Browser implements AutoCloseable {
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--mute-audio");
    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);

    /** One running Chromium. */
    private record Instance(ChromeDriver driver, BiDi bidi, Path userDataDir, String version) {
    }

    private final int index;
    private final BrowserOptions options;
    private final Map<String, Queue<String>> pageErrors = new ConcurrentHashMap<>();
    private volatile Instance current;
    private volatile String deathReason;
    private int starts;

    private Browser(int index, BrowserOptions options) {
        this.index = index;
        this.options = options;
    }

    static Browser start(int index, BrowserOptions options) throws SignerConfigException {
        Browser b = new Browser(index, options);
        try {
            b.current = b.launch();
        } catch (IOException | RuntimeException e) {
            throw new SignerConfigException("chromium", "cannot start " + options.chromium() + " through "
                    + options.chromedriver() + ": " + firstLine(e) + ". Check that chromium and chromium-driver are"
                    + " the same version (apt-get install -y chromium chromium-driver)");
        }
        return b;
    }

    private Instance launch() throws IOException {
        synchronized (this) {
            starts++;
        }
        Path dir = Files.createTempDirectory("sigload-chromium-");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(options.chromium().toString());
        o.addArguments(FLAGS);
        o.addArguments("--user-data-dir=" + dir);
        o.enableBiDi();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(options.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        Future<ChromeDriver> f;
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            f = exec.submit(() -> new ChromeDriver(service, o));
            ChromeDriver driver;
            try {
                driver = f.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                service.stop();
                kill(dir);
                throw new IOException("the browser did not start within " + options.startTimeout().toMillis()
                        + " ms (signer.startTimeout)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                service.stop();
                kill(dir);
                throw new IOException("interrupted while starting the browser");
            } catch (ExecutionException e) {
                service.stop();
                kill(dir);
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(c);
            }
            BiDi bidi = driver.getBiDi();
            bidi.addListener(new Event<Map<String, Object>>("log.entryAdded", m -> m), this::logEntry);
            Object v = driver.getCapabilities().getCapability("browserVersion");
            return new Instance(driver, bidi, dir, "Chromium " + v);
        }
    }

    /** Keeps the page's uncaught errors per browsing context (for a page that gives no signature). */
    @SuppressWarnings("unchecked")
    private void logEntry(Map<String, Object> e) {
        if (!"javascript".equals(e.get("type"))) {
            return;
        }
        Object src = e.get("source");
        Object ctx = src instanceof Map<?, ?> m ? m.get("context") : null;
        Queue<String> q = ctx == null ? null : pageErrors.get(String.valueOf(ctx));
        if (q != null && q.size() < 5) {
            q.add(String.valueOf(e.get("text")));
        }
    }

    int starts() {
        synchronized (this) {
            return starts;
        }
    }

    String version() {
        Instance i = current;
        return i == null ? "Chromium" : i.version();
    }

    /**
     * One participant: a user context with its zone and clock, the page, the call, then the context removed.
     *
     * @param preload the preload script's function declaration (the participant's clock)
     * @param zone the participant's IANA time zone
     * @param callArgument {@code call.js}'s JSON argument (holds the secret)
     */
    String sign(String preload, String zone, String page, String callFunction, String callArgument,
            Duration timeout, UnaryOperator<String> scrub) throws SignException {
        Instance in = alive();
        long deadline = System.nanoTime() + timeout.toNanos();
        String userContext = null;
        String preloadId = null;
        String context = null;
        try {
            userContext = (String) send(in, "browser.createUserContext", Map.of(), timeout).get("userContext");
            send(in, "emulation.setTimezoneOverride", Map.of("timezone", zone, "userContexts", List.of(userContext)),
                    timeout);
            preloadId = (String) send(in, "script.addPreloadScript", Map.of("functionDeclaration", preload,
                    "userContexts", List.of(userContext)), timeout).get("script");
            context = (String) send(in, "browsingContext.create", Map.of("type", "tab", "userContext", userContext,
                    "background", true), timeout).get("context");
            Queue<String> errors = new ConcurrentLinkedQueue<>();
            pageErrors.put(context, errors);
            try {
                send(in, "browsingContext.navigate", Map.of("context", context, "url", page, "wait", "complete"),
                        remaining(deadline));
            } catch (WebDriverException e) {
                checkAlive(in, e);
                throw new SignException(FailureCategory.BROWSER_PAGE_LOAD, "the page " + page + " did not load: "
                        + BrowserSigner.clip(scrub.apply(firstLine(e))));
            }
            Map<String, Object> r;
            try {
                r = send(in, "script.callFunction", Map.of(
                        "functionDeclaration", callFunction,
                        "awaitPromise", true,
                        "target", Map.of("context", context),
                        "arguments", List.of(Map.of("type", "string", "value", callArgument)),
                        "resultOwnership", "none"), remaining(deadline).plusSeconds(2));
            } catch (WebDriverException e) {
                checkAlive(in, e);
                throw new SignException(FailureCategory.BROWSER_NO_RESULT, "the page gave no answer within "
                        + timeout.toMillis() + " ms: " + BrowserSigner.clip(scrub.apply(firstLine(e))));
            }
            if (!"success".equals(r.get("type"))) {
                Object details = r.get("exceptionDetails");
                Object text = details instanceof Map<?, ?> d ? d.get("text") : details;
                throw new SignException(FailureCategory.BROWSER_THREW, "the page's script threw: "
                        + BrowserSigner.clip(scrub.apply(String.valueOf(text))));
            }
            Object result = r.get("result");
            Object value = result instanceof Map<?, ?> m ? m.get("value") : null;
            try {
                return BrowserSigner.answer(String.valueOf(value), scrub);
            } catch (SignException e) {
                String first = errors.peek();
                if (first != null && (FailureCategory.BROWSER_NO_FUNCTION.equals(e.category())
                        || FailureCategory.BROWSER_NO_RESULT.equals(e.category()))) {
                    throw new SignException(FailureCategory.BROWSER_PAGE_ERROR, BrowserSigner.clip("the page threw "
                            + scrub.apply(first) + "; then: " + e.getMessage()));
                }
                throw e;
            }
        } catch (WebDriverException e) {
            checkAlive(in, e);
            throw new SignException(FailureCategory.BROWSER_CRASHED, "browser " + index + ": " + BrowserSigner.clip(
                    scrub.apply(firstLine(e))));
        } finally {
            if (context != null) {
                pageErrors.remove(context);
            }
            cleanUp(in, userContext, preloadId);
        }
    }

    /** Removes the participant's user context (and with it its tab) and preload script; never throws. */
    private void cleanUp(Instance in, String userContext, String preloadId) {
        if (in != current) {
            return; // that browser is gone
        }
        try {
            if (userContext != null) {
                send(in, "browser.removeUserContext", Map.of("userContext", userContext), STATUS_TIMEOUT);
            }
            if (preloadId != null) {
                send(in, "script.removePreloadScript", Map.of("script", preloadId), STATUS_TIMEOUT);
            }
        } catch (RuntimeException e) {
            // the browser went away; the next participant restarts it
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> send(Instance in, String method, Map<String, Object> params, Duration timeout) {
        Object r = in.bidi().send(new Command<>(method, params, Map.class), timeout);
        return r instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 1_000_000));
    }

    /** The running instance, restarting a dead one when restarts are left. */
    private Instance alive() throws SignException {
        Instance in = current;
        if (in != null) {
            return in;
        }
        synchronized (this) {
            if (current != null) {
                return current;
            }
            if (deathReason != null) {
                throw new SignException(FailureCategory.BROWSER_CRASHED, deathReason);
            }
            if (starts > options.restarts()) {
                deathReason = "browser " + index + " is dead: it went away " + starts + " times (signer.restarts: "
                        + options.restarts() + ")";
                throw new SignException(FailureCategory.BROWSER_CRASHED, deathReason);
            }
            try {
                current = launch();
                return current;
            } catch (IOException | RuntimeException e) {
                deathReason = "browser " + index + " could not be started again: " + firstLine(e);
                throw new SignException(FailureCategory.BROWSER_CRASHED, deathReason);
            }
        }
    }

    /** After a failed command: if the browser no longer answers, drops it (the next participant starts another). */
    private void checkAlive(Instance in, WebDriverException cause) throws SignException {
        try {
            send(in, "session.status", Map.of(), STATUS_TIMEOUT);
        } catch (RuntimeException e) {
            synchronized (this) {
                if (current == in) {
                    current = null;
                    stop(in);
                }
            }
            throw new SignException(FailureCategory.BROWSER_CRASHED, "browser " + index + " went away: " + firstLine(cause)
                    + (starts > options.restarts() ? "; no restarts left" : "; started again on next use"));
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }

    @Override
    public void close() {
        Instance in;
        synchronized (this) {
            in = current;
            current = null;
            deathReason = "the browser signer was closed";
        }
        if (in != null) {
            stop(in);
        }
    }

    /** Quits the driver (chromedriver closes Chromium), then kills anything left and deletes the profile. */
    private static void stop(Instance in) {
        try {
            in.bidi().close();
        } catch (RuntimeException e) {
            // already gone
        }
        try {
            in.driver().quit();
        } catch (RuntimeException e) {
            // already gone
        }
        kill(in.userDataDir());
    }

    /** Kills this JVM's descendants started with this profile directory, then deletes it. */
    static void kill(Path userDataDir) {
        String marker = "--user-data-dir=" + userDataDir;
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> all = Files.walk(userDataDir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }
}
