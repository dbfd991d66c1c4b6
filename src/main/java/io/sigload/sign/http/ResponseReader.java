package io.sigload.sign.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.guard.Redactor;
import io.sigload.sign.SignException;
import io.sigload.token.JsonFactories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Turns one HTTP response into a token or a categorised {@link SignException}: status class first,
 * then size, JSON, Content-Type, and the token at {@code tokenPointer}. Text from the endpoint
 * (bodies, headers, member names) enters a message only through {@link Redactor#quote}: masked
 * first, control characters escaped, then cut. Stateless, thread-safe.
 */
final class ResponseReader {
    /** How much of an error body is read for its message, in bytes. */
    static final long ERROR_BODY_BYTES = 4096;
    private static final JsonMapper JSON = new JsonMapper(JsonFactories.shared());

    private ResponseReader() {
    }

    /**
     * @throws SignException in the categories of {@link Failures}
     * @throws IOException when the body cannot be read (the caller classifies it)
     */
    static String token(Response r, HttpSignerOptions o) throws SignException, IOException {
        int code = r.code();
        if (code >= 300) {
            throw statusFailure(code, r.header("Location"), code == 400 ? read(r.body(), ERROR_BODY_BYTES) : null,
                    o.redactor());
        }
        Bounded body = read(r.body(), o.maxBodyBytes());
        return token(code, r.header("Content-Type"), body, r.body().contentLength(), o);
    }

    /**
     * The same judgement for any HTTP client: status, Content-Type header, body (read up to
     * {@code maxBodyBytes}, or up to {@link #ERROR_BODY_BYTES} for a 400) and the declared length.
     *
     * @param location the Location header, or {@code null}
     * @param contentLength the declared Content-Length, or -1
     * @throws SignException in the categories of {@link Failures}
     */
    static String token(int code, String contentType, String location, Bounded body, long contentLength,
            HttpSignerOptions o) throws SignException {
        if (code >= 300) {
            throw statusFailure(code, location, body, o.redactor());
        }
        return token(code, contentType, body, contentLength, o);
    }

    private static String token(int code, String contentType, Bounded body, long contentLength, HttpSignerOptions o)
            throws SignException {
        if (body.truncated()) {
            throw new SignException(Failures.BODY_TOO_LARGE, "HTTP " + code + " body is over maxBodyBytes "
                    + o.maxBodyBytes() + (contentLength > 0 ? " (Content-Length "
                    + contentLength + ")" : "") + "; refused without reading the rest");
        }
        boolean plainJson = isPlainJson(contentType);
        MediaType type = plainJson || contentType == null ? null : MediaType.parse(contentType);
        if (plainJson || type != null && isJson(type)) {
            String token = fastToken(body.bytes(), o.tokenPointer());
            if (token != null) {
                return token;
            }
        }
        if (plainJson) {
            type = MediaType.parse(contentType); // for the messages below
        }
        JsonNode json;
        try {
            json = JSON.readTree(body.bytes());
        } catch (IOException e) {
            json = null;
        }
        if (json == null || json.isMissingNode()) {
            String head = body.text(o.redactor(), 80);
            throw new SignException(Failures.UNPARSEABLE_BODY, "HTTP " + code + " body (" + type + ", "
                    + body.bytes().length + " bytes) is not JSON" + (head.stripLeading().startsWith("<")
                    ? ", it looks like HTML" : "") + ": " + head);
        }
        if (type == null || !isJson(type)) {
            throw new SignException(Failures.BAD_CONTENT_TYPE, "HTTP " + code + " JSON body with Content-Type "
                    + o.redactor().quote(String.valueOf(type), 100) + "; expected application/json");
        }
        JsonNode token = json.at(o.tokenPointer());
        if (!token.isTextual() || token.asText().isBlank()) {
            throw new SignException(Failures.TOKEN_MISSING, "no token string at " + o.tokenPointer() + " in the "
                    + "response" + (json.isObject() ? "; its members: " + o.redactor().quote(members(json).toString(), 200) : ""));
        }
        return token.asText();
    }

    /**
     * The common case without a tree: a JSON object whose member named by a one-segment pointer
     * (the default {@code /signature}) is a non-blank string. Streams the whole object (every
     * byte up to its end is checked as {@link #token}'s tree parse checks it; duplicate members:
     * the last wins, as in the tree). Returns null for anything else, and the caller then takes
     * the tree path, which gives the answer or the failure exactly as before.
     */
    static String fastToken(byte[] body, JsonPointer pointer) {
        if (pointer.matches() || !pointer.tail().matches()) {
            return null; // empty pointer, or a path deeper than one member
        }
        String name = pointer.getMatchingProperty();
        String token = null;
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(p.currentName());
                JsonToken value = p.nextToken();
                if (wanted) {
                    token = value == JsonToken.VALUE_STRING ? p.getText() : null;
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return token == null || token.isBlank() ? null : token;
    }

    /**
     * The usual JSON Content-Type values, recognised without OkHttp's regex-based
     * {@link MediaType} parse (a few percent of a request's CPU); anything else goes to the parse.
     */
    static boolean isPlainJson(String contentType) {
        return contentType != null && (contentType.equalsIgnoreCase("application/json")
                || contentType.equalsIgnoreCase("application/json; charset=utf-8")
                || contentType.equalsIgnoreCase("application/json;charset=utf-8"));
    }

    private static boolean isJson(MediaType t) {
        return t.subtype().equalsIgnoreCase("json") || t.subtype().toLowerCase(Locale.ROOT).endsWith("+json");
    }

    private static List<String> members(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static SignException statusFailure(int code, String location, Bounded body, Redactor redactor) {
        String category = code < 400 ? Failures.HTTP_3XX : code < 500 ? Failures.HTTP_4XX : Failures.HTTP_5XX;
        String detail = "";
        if (code == 400 && body != null) {
            detail = validationMessage(body, redactor);
        } else if (code < 400) {
            detail = " to " + (location == null ? "(no Location)" : redactor.quote(location, 200))
                    + "; redirects are not followed";
        }
        return new SignException(category, "HTTP " + code + detail);
    }

    /** The endpoint's reasons from Zoom's sample 400 shape {@code {"errors":[{"property","reason"}]}}. */
    static String validationMessage(Bounded body, Redactor redactor) {
        try {
            JsonNode errors = JSON.readTree(body.bytes()).path("errors");
            List<String> reasons = new ArrayList<>();
            for (JsonNode e : errors) {
                String property = e.path("property").isArray() ? e.path("property").toString()
                        : e.path("property").asText("");
                reasons.add((property.isEmpty() ? "" : property + ": ") + e.path("reason").asText(e.toString()));
            }
            if (!reasons.isEmpty()) {
                return ": " + redactor.quote(String.join("; ", reasons), 400);
            }
        } catch (IOException | RuntimeException e) {
            // not Zoom's shape: fall through to the raw text
        }
        String text = body.text(redactor, 200).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    /**
     * Reads at most {@code limit} bytes; {@link Bounded#truncated()} tells whether more was there.
     * A declared Content-Length over the limit is refused without reading.
     */
    static Bounded read(ResponseBody b, long limit) throws IOException {
        if (b.contentLength() > limit) {
            return new Bounded(new byte[0], true);
        }
        BufferedSource src = b.source();
        Buffer buf = new Buffer();
        while (buf.size() <= limit) {
            if (src.read(buf, Math.min(8192, limit + 1 - buf.size())) == -1) {
                break;
            }
        }
        boolean truncated = buf.size() > limit;
        return new Bounded(buf.readByteArray(Math.min(buf.size(), limit)), truncated);
    }

    /** Up to a limit of a body's bytes. */
    record Bounded(byte[] bytes, boolean truncated) {
        /** The body as text for a message: masked, escaped, then cut ({@link Redactor#quote}). */
        String text(Redactor redactor, int maxChars) {
            return redactor.quote(new String(bytes, StandardCharsets.UTF_8), maxChars);
        }
    }
}
