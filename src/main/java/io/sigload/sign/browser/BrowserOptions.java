package io.sigload.sign.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.process.ProcessSignerOptions;
import io.sigload.sign.script.ScriptOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code browser} signer's options, from the scenario's {@code signer:} section.
 *
 * @param page the signing page: a {@code file:} URI for a local HTML file (relative paths resolve
 *     against the scenario's directory) or an {@code http(s)} URL on {@code 127.0.0.1} / {@code localhost}
 * @param function the page's global function to call, a dotted path from {@code window} (e.g.
 *     {@code generateSignature}, {@code ZoomSigner.sign}); {@code null} when {@code hook} is given
 * @param hook the {@code window} property the page sets to the signature (a string, or a Promise of
 *     one); {@code null} when {@code function} is given. Such a page finds the participant's inputs in
 *     {@code window.sigloadParticipant} ({@code sdkKey, sdkSecret, meetingNumber, role,
 *     expirationSeconds, participant}), defined before its own scripts run
 * @param args the function's arguments ({@link ScriptOptions#args}): a list of sources or a mapping
 * @param result a property path into the function's result (e.g. {@code result} for Zoom Web SDK's
 *     {@code success(res)}), or {@code null}
 * @param ticking {@code false} (default): the participant's clock stands still on the page;
 *     {@code true}: it starts at the participant's instant and runs on in real time
 * @param browsers how many Chromium processes, {@code >= 1}, default {@value #DEFAULT_BROWSERS}
 * @param contextsPerBrowser isolated browser contexts (participants) open at once in each, default
 *     {@value #DEFAULT_CONTEXTS}
 * @param timeout per participant, from creating its context to its signature (page load included);
 *     default 20s (a new context is a new renderer process: seconds on two busy cores)
 * @param startTimeout for starting one browser; default 60s
 * @param chromium the browser binary, default {@code /usr/bin/chromium} (Debian's chromium)
 * @param chromedriver the driver binary, default {@code /usr/bin/chromedriver} (Debian's chromium-driver)
 * @param restarts how many times a browser that crashed is started again, default 2
 */
public record BrowserOptions(URI page, String function, String hook, JsonNode args, String result, boolean ticking,
        int browsers, int contextsPerBrowser, Duration timeout, Duration startTimeout, Path chromium, Path chromedriver,
        int restarts) {
    /** Default {@code browsers}. */
    public static final int DEFAULT_BROWSERS = 2;
    /** Default {@code contextsPerBrowser}. */
    public static final int DEFAULT_CONTEXTS = 8;
    /** The options the browser signer reads. */
    static final Set<String> KNOWN = Set.of("page", "function", "hook", "args", "result", "clock", "browsers",
            "contextsPerBrowser", "timeout", "startTimeout", "chromium", "chromedriver", "restarts");

    /**
     * Reads the options.
     *
     * @param baseDirectory the scenario's directory, for a relative page path; {@code null} for the current one
     * @throws SignerConfigException naming the first wrong option and what is allowed
     */
    static BrowserOptions parse(JsonNode o, Path baseDirectory) throws SignerConfigException {
        String pageText = text(o, "page", null);
        if (pageText == null || pageText.isBlank()) {
            throw new SignerConfigException("page", "signer.page is missing: your signing page, a local HTML file"
                    + " (e.g. page: ../examples/web-signer/index.html) or a URL on 127.0.0.1");
        }
        URI page = page(pageText, baseDirectory);
        String function = text(o, "function", null);
        String hook = text(o, "hook", null);
        if ((function == null) == (hook == null)) {
            throw new SignerConfigException("function", "give exactly one of signer.function (the page's function to"
                    + " call, e.g. generateSignature) or signer.hook (the window property the page sets to the"
                    + " signature, e.g. zoomSignature)");
        }
        String path = function != null ? function : hook;
        if (!path.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new SignerConfigException(function != null ? "function" : "hook", "signer." + (function != null
                    ? "function" : "hook") + " must be a name or a dotted path from window, e.g. generateSignature or"
                    + " ZoomSigner.sign; found '" + path + "'");
        }
        if (hook != null && o.has("args")) {
            throw new SignerConfigException("args", "signer.args is for signer.function; a hook page reads its inputs"
                    + " from window.sigloadParticipant");
        }
        JsonNode args = ScriptOptions.args(o.get("args"));
        String result = text(o, "result", null);
        String clock = text(o, "clock", "frozen");
        if (!clock.equals("frozen") && !clock.equals("ticking")) {
            throw new SignerConfigException("clock", "signer.clock must be frozen or ticking, found '" + clock + "'");
        }
        int browsers = integer(o, "browsers", DEFAULT_BROWSERS, 1, 32);
        int contexts = integer(o, "contextsPerBrowser", DEFAULT_CONTEXTS, 1, 256);
        int restarts = integer(o, "restarts", 2, 0, 100);
        Duration timeout = o.has("timeout") ? ProcessSignerOptions.duration(o.get("timeout").asText(), "timeout")
                : Duration.ofSeconds(20);
        Duration startTimeout = o.has("startTimeout")
                ? ProcessSignerOptions.duration(o.get("startTimeout").asText(), "startTimeout") : Duration.ofSeconds(60);
        Path chromium = Path.of(text(o, "chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(text(o, "chromedriver", "/usr/bin/chromedriver"));
        return new BrowserOptions(page, function, hook, args, result, clock.equals("ticking"), browsers, contexts,
                timeout, startTimeout, chromium, chromedriver, restarts);
    }

    private static URI page(String text, Path base) throws SignerConfigException {
        if (text.matches("(?i)https?://.*")) {
            URI u;
            try {
                u = new URI(text);
            } catch (URISyntaxException e) {
                throw new SignerConfigException("page", "signer.page is not a valid URL: " + e.getMessage());
            }
            String host = u.getHost() == null ? "" : u.getHost();
            if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
                throw new SignerConfigException("page", "signer.page must be a local file or a URL on 127.0.0.1 or"
                        + " localhost (sigload sends load to this machine only); found host '" + host + "'");
            }
            return u;
        }
        Path p = Path.of(text.startsWith("file:") ? URI.create(text).getPath() : text);
        if (!p.isAbsolute() && base != null) {
            p = base.resolve(p);
        }
        p = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new SignerConfigException("page", "signer.page: no such file " + p
                    + " (a relative path is relative to the scenario's directory)");
        }
        return p.toUri();
    }

    private static String text(JsonNode o, String key, String dflt) throws SignerConfigException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw new SignerConfigException(key, "signer." + key + " must be text, found " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode o, String key, int dflt, int min, int max) throws SignerConfigException {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min || n.intValue() > max) {
            throw new SignerConfigException(key, "signer." + key + " must be an integer from " + min + " to " + max
                    + ", found " + n);
        }
        return n.intValue();
    }
}
