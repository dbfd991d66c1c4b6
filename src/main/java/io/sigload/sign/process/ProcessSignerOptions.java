package io.sigload.sign.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.sign.SignerConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code process} signer's options, from the scenario's {@code signer:} section.
 *
 * @param command the program and its arguments, e.g. {@code [python3, signer.py]}; never the secret
 * @param instances how many copies run at once, each serving one request at a time; 1 to
 *     {@value #MAX_INSTANCES}, default {@value #DEFAULT_INSTANCES}
 * @param env names of sigload's environment variables passed on to the child (besides
 *     {@code PATH}, {@code HOME}, {@code LANG} and the two Zoom variables)
 * @param timeout per request, from writing the request to reading the response line; default
 *     {@code 5s}
 * @param restarts how many times an instance is restarted after it exits or stalls before it is
 *     marked dead; default {@value #DEFAULT_RESTARTS}
 * @param startTimeout the timeout of the first request after each (re)start, when longer than
 *     {@code timeout}: it includes the program's start-up (an interpreter, a JIT); default {@code 10s}
 */
public record ProcessSignerOptions(
        List<String> command,
        int instances,
        List<String> env,
        Duration timeout,
        int restarts,
        Duration startTimeout) {
    /** Default {@code instances}. */
    public static final int DEFAULT_INSTANCES = 1;
    /** Most {@code instances}: each is an operating-system process. */
    public static final int MAX_INSTANCES = 256;
    /** Default {@code restarts}. */
    public static final int DEFAULT_RESTARTS = 3;
    /** Default {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@code startTimeout}. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    public ProcessSignerOptions {
        command = List.copyOf(command);
        env = List.copyOf(env);
    }

    /**
     * Reads the options.
     *
     * @param options the {@code signer:} section
     * @throws SignerConfigException naming the first wrong option and what is allowed
     */
    public static ProcessSignerOptions parse(JsonNode options) throws SignerConfigException {
        JsonNode cmd = options.get("command");
        if (cmd == null || !cmd.isArray() || cmd.isEmpty()) {
            throw new SignerConfigException("command", "signer.command must be a non-empty list, the program and its"
                    + " arguments, e.g. command: [python3, examples/process-signer/zoom_signer.py]");
        }
        List<String> command = strings(cmd, "command");
        int instances = positiveInt(options.get("instances"), "instances", DEFAULT_INSTANCES, 1);
        if (instances > MAX_INSTANCES) {
            throw new SignerConfigException("instances", "signer.instances is " + instances + "; allowed: 1 to "
                    + MAX_INSTANCES + " (each is a process; a pool of a few per core serves a burst)");
        }
        int restarts = positiveInt(options.get("restarts"), "restarts", DEFAULT_RESTARTS, 0);
        JsonNode envNode = options.get("env");
        List<String> env = List.of();
        if (envNode != null && !envNode.isNull()) {
            if (!envNode.isArray()) {
                throw new SignerConfigException("env", "signer.env must be a list of environment variable names");
            }
            env = strings(envNode, "env");
        }
        JsonNode t = options.get("timeout");
        Duration timeout = t == null || t.isNull() ? DEFAULT_TIMEOUT : duration(t.asText(), "timeout");
        JsonNode st = options.get("startTimeout");
        Duration startTimeout = st == null || st.isNull() ? DEFAULT_START_TIMEOUT : duration(st.asText(), "startTimeout");
        return new ProcessSignerOptions(command, instances, env, timeout, restarts, startTimeout);
    }

    /**
     * Parses {@code 500ms}, {@code 5s}, {@code 2m} or ISO-8601 ({@code PT5S}).
     *
     * @throws SignerConfigException when the text is none of these or not positive
     */
    public static Duration duration(String text, String field) throws SignerConfigException {
        String s = text.trim().toLowerCase(Locale.ROOT);
        Duration d = null;
        Matcher m = DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMinutes(n);
            };
        } else {
            try {
                d = Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw new SignerConfigException(field, "signer." + field + " must be a positive duration, e.g. 500ms, 5s, 2m;"
                    + " found '" + text + "'");
        }
        return d;
    }

    private static List<String> strings(JsonNode array, String field) throws SignerConfigException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            if (!n.isValueNode() || n.isNull()) {
                throw new SignerConfigException(field, "signer." + field + " must hold only strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static int positiveInt(JsonNode n, String field, int dflt, int min) throws SignerConfigException {
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min) {
            throw new SignerConfigException(field, "signer." + field + " must be an integer >= " + min + ", found " + n);
        }
        return n.intValue();
    }
}
