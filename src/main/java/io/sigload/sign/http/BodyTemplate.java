package io.sigload.sign.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.SignRequest;
import io.sigload.sign.SignerConfigException;
import io.sigload.token.JsonFactories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request body template: a JSON object whose string values may hold placeholders for the
 * participant's fields: {@code ${participant}}, {@code ${meetingNumber}}, {@code ${role}},
 * {@code ${expirationSeconds}}, {@code ${videoWebRtcMode}}, {@code ${sessionName}} (the Video SDK
 * session the participant joins, {@code join.sessionName}).
 *
 * <p>A value that is exactly one placeholder takes the field's JSON type: numbers for
 * {@code participant}, {@code role}, {@code expirationSeconds}, {@code videoWebRtcMode}; a string
 * for {@code meetingNumber} (a digit string, as Zoom's web sample sends it) and {@code sessionName}.
 * When the field is absent ({@code videoWebRtcMode} unset, no session name) the member is left out. Inside longer text a placeholder
 * is replaced by the field's text, or by nothing when absent.
 *
 * <p>Immutable and thread-safe.
 */
public final class BodyTemplate {
    /** The placeholder names, in documentation order. */
    public static final List<String> PLACEHOLDERS =
            List.of("participant", "meetingNumber", "role", "expirationSeconds", "videoWebRtcMode", "sessionName");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");
    private static final JsonMapper JSON = new JsonMapper(JsonFactories.shared());

    private final ObjectNode template;
    private final Part compiled;

    private BodyTemplate(ObjectNode template) {
        this.template = template;
        this.compiled = compile(template);
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

    /**
     * The request body for one participant, as UTF-8 JSON: byte for byte what Jackson writes for
     * the template with the fields filled in ({@link #renderTree}), from parts compiled once, so a
     * request costs no JSON tree, map or generator.
     */
    public byte[] render(SignRequest request) {
        Out out = new Out();
        compiled.write(out, request);
        return out.bytes();
    }

    /** The reference rendering: the template as a Jackson tree with the fields filled in, written by Jackson. */
    byte[] renderTree(SignRequest request) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("participant", request.participant());
        fields.put("meetingNumber", request.meetingNumber());
        fields.put("role", request.role());
        fields.put("expirationSeconds", request.expirationSeconds());
        fields.put("videoWebRtcMode", request.videoWebRtcMode());
        fields.put("sessionName", request.sessionName());
        try {
            return JSON.writeValueAsBytes(render(template, fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    /** A participant's field by placeholder name: Integer, String or null (absent). */
    private static Object field(SignRequest r, String name) {
        return switch (name) {
            case "participant" -> r.participant();
            case "meetingNumber" -> r.meetingNumber();
            case "role" -> r.role();
            case "expirationSeconds" -> r.expirationSeconds();
            case "videoWebRtcMode" -> r.videoWebRtcMode();
            case "sessionName" -> r.sessionName();
            default -> throw new IllegalStateException("unchecked placeholder " + name);
        };
    }

    /** One compiled piece of the template; {@link #write} returns false when the value is absent (member left out). */
    private interface Part {
        boolean write(Out out, SignRequest r);
    }

    private static Part compile(JsonNode n) {
        if (n.isObject()) {
            List<byte[]> keys = new ArrayList<>();
            List<Part> values = new ArrayList<>();
            for (var it = n.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                keys.add(jackson(JsonNodeFactory.instance.textNode(e.getKey())));
                values.add(compile(e.getValue()));
            }
            return container('{', '}', keys, values);
        }
        if (n.isArray()) {
            List<Part> values = new ArrayList<>();
            for (JsonNode item : n) {
                values.add(compile(item));
            }
            return container('[', ']', null, values);
        }
        if (!n.isTextual() || !PLACEHOLDER.matcher(n.asText()).find()) {
            byte[] literal = jackson(n);
            return (out, r) -> {
                out.write(literal);
                return true;
            };
        }
        String text = n.asText();
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches()) {
            String name = whole.group(1);
            return (out, r) -> switch (field(r, name)) {
                case null -> false;
                case Integer i -> {
                    out.ascii(Integer.toString(i));
                    yield true;
                }
                case Object v -> {
                    out.string(v.toString());
                    yield true;
                }
            };
        }
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            literals.add(text.substring(at, m.start()));
            names.add(m.group(1));
            at = m.end();
        }
        literals.add(text.substring(at));
        return (out, r) -> {
            StringBuilder sb = new StringBuilder(text.length() + 16);
            for (int i = 0; i < names.size(); i++) {
                Object v = field(r, names.get(i));
                sb.append(literals.get(i)).append(v == null ? "" : v.toString());
            }
            out.string(sb.append(literals.getLast()).toString());
            return true;
        };
    }

    /** An object ({@code keys} are {@code "name"} as JSON) or an array; absent values are left out. */
    private static Part container(char open, char close, List<byte[]> keys, List<Part> values) {
        byte[][] k = keys == null ? null : keys.toArray(new byte[0][]);
        Part[] v = values.toArray(new Part[0]);
        return (out, r) -> {
            out.write(open);
            boolean first = true;
            for (int i = 0; i < v.length; i++) {
                int mark = out.size();
                if (!first) {
                    out.write(',');
                }
                if (k != null) {
                    out.write(k[i]);
                    out.write(':');
                }
                if (v[i].write(out, r)) {
                    first = false;
                } else {
                    out.reset(mark);
                }
            }
            out.write(close);
            return true;
        };
    }

    private static byte[] jackson(JsonNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON value", e);
        }
    }

    /** A growable byte buffer that can truncate back to a mark. */
    private static final class Out {
        private byte[] buf = new byte[128];
        private int size;

        int size() {
            return size;
        }

        void reset(int mark) {
            size = mark;
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void write(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        /** Text known to be ASCII without characters JSON escapes (a number). */
        void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[size++] = (byte) s.charAt(i);
            }
        }

        /** A JSON string, escaped as Jackson escapes it. */
        void string(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    write(jackson(JsonNodeFactory.instance.textNode(s)));
                    return;
                }
            }
            write('"');
            ascii(s);
            write('"');
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
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
