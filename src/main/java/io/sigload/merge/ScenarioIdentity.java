package io.sigload.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioException;
import io.sigload.scenario.ScenarioLoader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which scenario a shard ran: the scenario file's tree with every {@code --set} applied and its
 * name filled in, and the SHA-256 of that tree's canonical JSON (object keys sorted, no spaces).
 * Two shards ran the same scenario exactly when their digests are equal; the file's path, comments
 * and key order do not count, a changed value does. Holds no secret: a scenario never holds the SDK
 * secret, and what may hold another (an http signer's literal header values, a URL's user info
 * and query) is replaced by {@value #REDACTED} before the digest is taken, so two shards that
 * differ only there count as the same scenario. Immutable.
 *
 * @param name the scenario's name
 * @param digest {@code sha256:} and 64 hex digits
 * @param tree the canonical tree (do not modify)
 */
public record ScenarioIdentity(String name, String digest, ObjectNode tree) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What stands for a value that may be a secret. */
    public static final String REDACTED = "(redacted)";

    /** The identity of a resolved scenario tree ({@link ScenarioLoader#resolvedTree}). */
    public static ScenarioIdentity of(String name, ObjectNode resolved) {
        ObjectNode t = (ObjectNode) canonical(resolved);
        t.put("name", name);
        redact(t);
        t = (ObjectNode) canonical(t);
        return new ScenarioIdentity(name, digestOf(t), t);
    }

    /** The identity read back from a shard file; the digest is recomputed and must match. */
    static ScenarioIdentity read(String name, String digest, ObjectNode tree) throws MergeException {
        ObjectNode t = (ObjectNode) canonical(tree);
        String actual = digestOf(t);
        if (!actual.equals(digest)) {
            throw new MergeException("its scenario does not match its own digest (" + digest + " written, " + actual
                    + " computed): the file was edited or damaged");
        }
        return new ScenarioIdentity(name, digest, t);
    }

    /** Dotted paths of the values that differ between this scenario and another, sorted. */
    public List<String> differences(ScenarioIdentity other) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", tree, a);
        flatten("", other.tree, b);
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!String.valueOf(a.get(k)).equals(String.valueOf(b.get(k)))) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * The scenario rebuilt from the tree, for what the merge needs of it: its thresholds and, until
     * the diagnosis reads only the evidence (issue #11), the signer settings the diagnosis quotes.
     * An SDK key read from an environment variable is replaced by a placeholder (the merge signs
     * nothing); secrets are never loaded.
     *
     * @param source the scenario file's name, for messages
     * @throws ScenarioException when this machine's sigload does not accept the scenario
     */
    public Scenario rebuild(String source) throws ScenarioException {
        ObjectNode t = tree.deepCopy();
        if (t.path("credentials").isObject()) {
            ObjectNode c = (ObjectNode) t.get("credentials");
            if (c.has("sdkKeyEnv") && !c.has("sdkKey")) {
                c.remove("sdkKeyEnv");
                c.put("sdkKey", "SDK_KEY_FROM_ENV");
            }
        }
        return ScenarioLoader.parse(t.toString(), source, List.of());
    }

    /** Literal header values and a URL's user info, query and fragment: they may carry credentials. */
    private static void redact(ObjectNode t) {
        if (!(t.get("signer") instanceof ObjectNode signer)) {
            return;
        }
        if (signer.get("headers") instanceof ObjectNode headers) {
            for (var e : headers.properties()) {
                if (!e.getValue().isObject()) { // {env: VAR} names a variable: kept
                    e.setValue(JSON.getNodeFactory().textNode(REDACTED));
                }
            }
        }
        if (signer.get("url") != null && signer.get("url").isTextual()) {
            signer.put("url", redactUrl(signer.get("url").asText()));
        }
    }

    static String redactUrl(String url) {
        try {
            URI u = new URI(url);
            if (u.getHost() == null) {
                return url.contains("@") || url.contains("?") ? REDACTED : url;
            }
            boolean hidden = u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null;
            String base = u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                    + (u.getRawPath() == null ? "" : u.getRawPath());
            return hidden ? base + " " + REDACTED : base;
        } catch (URISyntaxException e) {
            return REDACTED;
        }
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (var e : n.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix.isEmpty() ? "(root)" : prefix, n.toString());
        }
    }

    private static JsonNode canonical(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (var e : n.properties()) {
                sorted.put(e.getKey(), canonical(e.getValue()));
            }
            sorted.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            var a = JSON.createArrayNode();
            n.forEach(x -> a.add(canonical(x)));
            return a;
        }
        return n.deepCopy();
    }

    private static String digestOf(JsonNode canonical) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
