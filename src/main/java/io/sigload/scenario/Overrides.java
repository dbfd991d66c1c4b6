package io.sigload.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code --set path=value} overrides applied to a scenario tree before it is checked, e.g.
 * {@code signer.url=http://127.0.0.1:4000/} or {@code participants=500}. The value is read as YAML,
 * so {@code 500} is a number, {@code true} a boolean and {@code [0s, 90s]} a list.
 */
public final class Overrides {
    /** Names of fields that say where a secret is, not what it is: their values may be shown. */
    private static final Pattern NAMES_A_PLACE = Pattern.compile("(?i).*(env|file|pointer|exp)$|demosecret");
    private static final Pattern SECRET_LIKE = Pattern.compile("(?i).*(secret|password|passwd|token|authorization|api.?key|credential).*");

    private Overrides() {
    }

    /**
     * The option as it may be shown in a message: {@code path=value}, or {@code path=(value not shown)}
     * when the path's last name looks like a secret ({@code credentials.secret}, a header such as
     * {@code Authorization}), so a refused secret is never printed back.
     */
    public static String shown(String set) {
        int eq = set.indexOf('=');
        String path = (eq < 0 ? set : set.substring(0, eq)).trim();
        String last = path.substring(path.lastIndexOf('.') + 1);
        boolean secret = eq < 0 ? SECRET_LIKE.matcher(set).matches()
                : SECRET_LIKE.matcher(last).matches() && !NAMES_A_PLACE.matcher(last).matches();
        if (!secret) {
            return set;
        }
        return eq < 0 ? "(not shown: it looks like a secret)" : path + "=(value not shown)";
    }

    /**
     * Applies overrides in order, creating sections as needed.
     *
     * @param root the scenario tree (modified in place)
     * @param sets each {@code dotted.path=value}
     * @throws ScenarioException when an override has no {@code =}, an empty path, or walks into a
     *     value that is not a section
     */
    public static void apply(ObjectNode root, List<String> sets) throws ScenarioException {
        apply(root, sets, Map.of());
    }

    /** As {@link #apply(ObjectNode, List)}; errors name the option each override came from ({@code origins}). */
    public static void apply(ObjectNode root, List<String> sets, Map<String, String> origins) throws ScenarioException {
        for (String s : sets) {
            String option = origins.getOrDefault(s, "--set " + shown(s));
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException(option + ": expected path=value, e.g. --set participants=500");
            }
            String[] path = s.substring(0, eq).trim().split("\\.");
            String raw = s.substring(eq + 1);
            JsonNode value;
            try (var parser = ScenarioLoader.YAML.createParser(raw.isEmpty() ? "''" : raw)) {
                value = ScenarioLoader.YAML.readTree(parser);
                if (value == null || value.isMissingNode()) {
                    value = TextNode.valueOf(raw);
                } else if (parser.nextToken() != null) {
                    throw new ScenarioException(option + ": the value has text after its end; quote it or"
                            + " write one YAML value, e.g. --set 'clocks.participants={uniform: [-1s, 1s]}'");
                }
            } catch (IOException e) {
                value = TextNode.valueOf(raw);
            }
            ObjectNode at = root;
            for (int i = 0; i < path.length - 1; i++) {
                if (path[i].isEmpty()) {
                    throw new ScenarioException(option + ": empty path element");
                }
                JsonNode next = at.get(path[i]);
                if (next == null || next.isNull()) {
                    next = at.putObject(path[i]);
                } else if (!next.isObject()) {
                    throw new ScenarioException(option + ": " + String.join(".", List.of(path).subList(0, i + 1))
                            + " is a value, not a section");
                }
                at = (ObjectNode) next;
            }
            at.set(path[path.length - 1], value);
        }
    }
}
