package io.sigload.sign.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.process.ProcessSignerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code node} and {@code python} signers' options, from the scenario's {@code signer:} section.
 *
 * @param interpreter the program that runs the harness ({@code signer.node}, default {@code node};
 *     {@code signer.python}, default {@code /usr/bin/python3})
 * @param module the user's module file, absolute (relative paths resolve against the scenario's
 *     directory). Node: CommonJS or ESM ({@code .js}, {@code .cjs}, {@code .mjs}); its imports
 *     resolve from its own directory upwards, so the team's own {@code node_modules} serves them.
 *     Python: a {@code .py} file; its directory goes first on {@code sys.path}
 * @param function the exported function's name ({@code default} for a default export)
 * @param args how the function's arguments come from the participant: a list of
 *     {@linkplain #SOURCES sources} (positional arguments, e.g. {@code [sdkKey, secret,
 *     meetingNumber, role, expirationSeconds]}, the default), or a mapping of parameter names to
 *     sources for a function that takes one object (node) or keyword arguments (python)
 * @param result a property path into the function's result, e.g. {@code signature} or
 *     {@code result} (Zoom's Web SDK's {@code success(res)}), or {@code null} when the result is
 *     the signature itself
 * @param clock {@code frozen} (default: the participant's clock stands still during the call, so
 *     verdicts depend only on the seed) or {@code ticking} (it starts at the participant's instant
 *     and runs on in real time)
 * @param process pool size, timeouts and restarts, as the {@code process} signer reads them
 *     ({@code instances} default {@value #DEFAULT_INSTANCES} here, capped by the run's concurrency)
 */
public record ScriptOptions(String interpreter, Path module, String function, JsonNode args, String result,
        boolean ticking, ProcessSignerOptions process) {
    /** Where an argument's value comes from. */
    public static final List<String> SOURCES = List.of("sdkKey", "secret", "meetingNumber", "meetingNumberAsNumber",
            "role", "expirationSeconds", "videoWebRtcMode", "participant", "callback", "errorCallback");
    /** The default {@code args}: Zoom's sample's parameters, in its order. */
    public static final List<String> DEFAULT_ARGS = List.of("sdkKey", "secret", "meetingNumber", "role",
            "expirationSeconds");
    /** Default pool size. */
    public static final int DEFAULT_INSTANCES = 4;
    /** The options read besides the interpreter's. */
    static final Set<String> KNOWN = Set.of("module", "function", "args", "result", "clock", "instances", "env",
            "timeout", "startTimeout", "restarts");

    /**
     * Reads the options.
     *
     * @param options the {@code signer:} section
     * @param language which interpreter option to read
     * @param baseDirectory the scenario's directory, for a relative {@code module}; {@code null} for the current one
     * @param maxConcurrency the run's concurrency: more instances than that would idle
     * @throws SignerConfigException naming the first wrong option and what is allowed
     */
    static ScriptOptions parse(JsonNode options, ScriptLanguage language, Path baseDirectory, int maxConcurrency)
            throws SignerConfigException {
        String interpreter = text(options, language.interpreterOption(), language.defaultInterpreter());
        String moduleText = text(options, "module", null);
        String example = language == ScriptLanguage.NODE ? "examples/web-signer/signature.js"
                : "examples/python-signer/zoom_signature.py";
        if (moduleText == null || moduleText.isBlank()) {
            throw new SignerConfigException("module", "signer.module is missing: the file with your signing function,"
                    + " e.g. module: " + example);
        }
        Path module = Path.of(moduleText);
        if (!module.isAbsolute() && baseDirectory != null) {
            module = baseDirectory.resolve(module);
        }
        module = module.toAbsolutePath().normalize();
        if (!Files.isRegularFile(module)) {
            throw new SignerConfigException("module", "signer.module: no such file " + module
                    + " (a relative path is relative to the scenario's directory)");
        }
        String function = text(options, "function", null);
        if (function == null || function.isBlank()) {
            throw new SignerConfigException("function", "signer.function is missing: the name of the function your"
                    + " module exports, e.g. function: generateSignature");
        }
        JsonNode args = args(options.get("args"));
        String result = text(options, "result", null);
        String clock = text(options, "clock", "frozen");
        if (!clock.equals("frozen") && !clock.equals("ticking")) {
            throw new SignerConfigException("clock", "signer.clock must be frozen or ticking, found '" + clock + "'");
        }
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        for (String k : List.of("env", "timeout", "startTimeout", "restarts", "instances")) {
            if (options.has(k)) {
                p.set(k, options.get(k));
            }
        }
        if (!options.has("instances")) {
            p.put("instances", Math.max(1, Math.min(DEFAULT_INSTANCES, maxConcurrency)));
        }
        p.putArray("command").add(interpreter);
        return new ScriptOptions(interpreter, module, function, args, result, clock.equals("ticking"),
                ProcessSignerOptions.parse(p));
    }

    /**
     * Checks {@code signer.args}: a list of {@link #SOURCES}, or a mapping of names to sources; the
     * default is {@link #DEFAULT_ARGS}. Shared with the browser signer.
     *
     * @throws SignerConfigException naming {@code args} and what is allowed
     */
    public static JsonNode args(JsonNode n) throws SignerConfigException {
        if (n == null || n.isNull()) {
            var list = JsonNodeFactory.instance.arrayNode();
            DEFAULT_ARGS.forEach(list::add);
            return list;
        }
        String allowed = "; each is one of " + String.join(", ", SOURCES);
        if (n.isArray()) {
            for (JsonNode a : n) {
                source(a, "signer.args", allowed);
            }
            return n;
        }
        if (n.isObject()) {
            for (var e : n.properties()) {
                source(e.getValue(), "signer.args." + e.getKey(), allowed);
            }
            return n;
        }
        throw new SignerConfigException("args", "signer.args must be a list of sources (positional arguments, e.g."
                + " [sdkKey, secret, meetingNumber, role, expirationSeconds]) or a mapping of parameter names to"
                + " sources (one object argument, e.g. {meetingNumber: meetingNumber, sdkSecret: secret})" + allowed);
    }

    private static String source(JsonNode a, String where, String allowed) throws SignerConfigException {
        if (!a.isTextual() || !SOURCES.contains(a.asText())) {
            List<String> close = new ArrayList<>();
            if (a.isTextual()) {
                String t = a.asText().toLowerCase(Locale.ROOT);
                SOURCES.stream().filter(s -> s.toLowerCase(Locale.ROOT).contains(t)
                        || t.contains(s.toLowerCase(Locale.ROOT))).forEach(close::add);
            }
            throw new SignerConfigException("args", where + " has " + (a.isTextual() ? "'" + a.asText() + "'" : a)
                    + allowed + (close.isEmpty() ? "" : ". Did you mean '" + close.getFirst() + "'?"));
        }
        return a.asText();
    }

    private static String text(JsonNode options, String key, String dflt) throws SignerConfigException {
        JsonNode n = options.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw new SignerConfigException(key, "signer." + key + " must be text, found " + n);
        }
        return n.asText();
    }

    /** The harness's time limit for a call that never settles: a little under the process timeout, so it answers first. */
    Duration callTimeout() {
        Duration t = process.timeout();
        Duration margin = t.dividedBy(5).compareTo(Duration.ofMillis(500)) < 0 ? t.dividedBy(5) : Duration.ofMillis(500);
        return t.minus(margin);
    }
}
