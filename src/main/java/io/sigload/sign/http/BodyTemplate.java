package io.sigload.sign.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignRequest;
import io.sigload.sign.SignerConfigException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body template: a JSON object whose string values may hold placeholders for the
 * participant's fields: {@code ${participant}}, {@code ${meetingNumber}}, {@code ${role}},
 * {@code ${expirationSeconds}}, {@code ${videoWebRtcMode}}.
 *
 * <p>A value that is exactly one placeholder takes the field's JSON type: numbers for
 * {@code participant}, {@code role}, {@code expirationSeconds}, {@code videoWebRtcMode}; a string
 * for {@code meetingNumber} (a digit string, as Zoom's web sample sends it). When the field is
 * absent ({@code videoWebRtcMode} unset) the member is left out. Inside longer text a placeholder
 * is replaced by the field's text, or by nothing when absent.
 *
 * <p>Immutable and thread-safe.
 */
public final class BodyTemplate {
    /** The placeholder names, in documentation order. */
    public static final List<String> PLACEHOLDERS =
            List.of("participant", "meetingNumber", "role", "expirationSeconds", "videoWebRtcMode");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final JsonMapper JSON = new JsonMapper(io.sigload.token.JsonFactories.shared());

    private final ObjectNode template;

    private BodyTemplate(ObjectNode template) {
        this.template = template;
    }

    /**
     * Zoom's sample contract (github.com/zoom/meetingsdk-auth-endpoint-sample):
     * {@code {"meetingNumber", "role", "expirationSeconds", "videoWebRtcMode"}}.
     */
    public static BodyTemplate zoomSample() {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        t.put("meetingNumber", "${meetingNumber}");
        t.put("role", "${role}");
        t.put("expirationSeconds", "${expirationSeconds}");
        t.put("videoWebRtcMode", "${videoWebRtcMode}");
        return new BodyTemplate(t);
    }

    /**
     * A template from the scenario.
     *
     * @throws SignerConfigException ({@code body.PATH}) when a placeholder is unknown
     */
    public static BodyTemplate of(JsonNode template) throws SignerConfigException {
        check(template, "body");
        return new BodyTemplate(((ObjectNode) template).deepCopy());
    }

    private static void check(JsonNode n, String path) throws SignerConfigException {
        if (n.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(n.asText());
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    throw new SignerConfigException(path, "unknown placeholder ${" + m.group(1) + "}; allowed: ${"
                            + String.join("}, ${", PLACEHOLDERS) + "}");
                }
            }
        }
        for (var it = n.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            check(e.getValue(), path + "." + e.getKey());
        }
        for (int i = 0; i < n.size() && n.isArray(); i++) {
            check(n.get(i), path + "[" + i + "]");
        }
    }

    /** The request body for one participant, as UTF-8 JSON. */
    public byte[] render(SignRequest request) {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("participant", request.participant());
        fields.put("meetingNumber", request.meetingNumber());
        fields.put("role", request.role());
        fields.put("expirationSeconds", request.expirationSeconds());
        fields.put("videoWebRtcMode", request.videoWebRtcMode());
        try {
            return JSON.writeValueAsBytes(render(template, fields));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static JsonNode render(JsonNode n, Map<String, Object> fields) {
        if (n.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (var it = n.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = render(e.getValue(), fields);
                if (v != null) {
                    o.set(e.getKey(), v);
                }
            }
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : n) {
                JsonNode v = render(item, fields);
                if (v != null) {
                    a.add(v);
                }
            }
            return a;
        }
        if (!n.isTextual()) {
            return n;
        }
        String text = n.asText();
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            Object v = fields.get(whole.group(1));
            return switch (v) {
                case null -> null;
                case Integer i -> JsonNodeFactory.instance.numberNode(i);
                default -> JsonNodeFactory.instance.textNode(v.toString());
            };
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = fields.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v.toString()));
        }
        m.appendTail(sb);
        return JsonNodeFactory.instance.textNode(sb.toString());
    }
}
