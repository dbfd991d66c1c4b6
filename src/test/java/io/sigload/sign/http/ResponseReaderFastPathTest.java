package io.sigload.sign.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.token.JsonFactories;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

/**
 * The streaming fast path answers only when the tree path would give the same token, and
 * declines (null) otherwise, so failures keep their categories and messages.
 */
class ResponseReaderFastPathTest {
    private static final JsonMapper JSON = new JsonMapper(JsonFactories.shared());

    private static final List<String> BODIES = List.of(
            "{\"signature\":\"a.b.c\",\"sdkKey\":\"key\"}",
            "{\"sdkKey\":\"key\",\"signature\":\"a.b.c\"}",
            "  {\"nested\":{\"signature\":\"no\",\"x\":[1,{\"y\":null}]},\"signature\":\"yes\"}  ",
            "{\"signature\":\"first\",\"signature\":\"last\"}",
            "{\"signature\":\"first\",\"signature\":7}",
            "{\"signature\":7,\"signature\":\"last\"}",
            "{\"signature\":\"a\\u002eb\\\"c\"}",
            "{\"signature\":\"   \"}",
            "{\"signature\":\"\"}",
            "{\"signature\":null}",
            "{\"signature\":[\"a\"]}",
            "{\"signature\":{\"v\":\"a\"}}",
            "{\"token\":\"a.b.c\"}",
            "{}",
            "[\"a.b.c\"]",
            "\"a.b.c\"",
            "",
            "   ",
            "<html>oops</html>",
            "{\"signature\":\"a.b.c\"",
            "{\"signature\":\"a.b.c\",}",
            "{\"signature\":\"a.b.c\"} trailing",
            "{\"signature\":\"a.b.c\"}}",
            "{\"x\":1e999999,\"signature\":\"a.b.c\"}",
            "{\"x\":" + "9".repeat(5000) + ",\"signature\":\"a.b.c\"}",
            "{\"x\":" + "[".repeat(2000) + "]".repeat(2000) + ",\"signature\":\"a.b.c\"}",
            "{\"x\":tru,\"signature\":\"a.b.c\"}",
            "{\"a/b\":\"slash\",\"0\":\"zero\",\"signature\":\"s\"}");

    private static String treeAnswer(String body, JsonPointer ptr) {
        JsonNode json;
        try {
            json = JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return "(unparseable)";
        }
        if (json == null || json.isMissingNode()) {
            return "(unparseable)";
        }
        JsonNode t = json.at(ptr);
        return t.isTextual() && !t.asText().isBlank() ? t.asText() : "(token missing)";
    }

    @Test
    void fastPath_agreesWithTheTreeOrDeclines() {
        for (String pointer : List.of("/signature", "/a~1b", "/0", "/nested/signature", "", "/token")) {
            JsonPointer ptr = JsonPointer.compile(pointer);
            for (String body : BODIES) {
                String fast = ResponseReader.fastToken(body.getBytes(StandardCharsets.UTF_8), ptr);
                if (fast != null) {
                    assertThat(fast).as("pointer %s, body %s", pointer, body).isEqualTo(treeAnswer(body, ptr));
                }
            }
        }
    }

    @Test
    void fastPath_takesTheCommonShapes() {
        JsonPointer ptr = JsonPointer.compile("/signature");
        assertThat(ResponseReader.fastToken(BODIES.get(0).getBytes(StandardCharsets.UTF_8), ptr)).isEqualTo("a.b.c");
        assertThat(ResponseReader.fastToken(BODIES.get(1).getBytes(StandardCharsets.UTF_8), ptr)).isEqualTo("a.b.c");
        assertThat(ResponseReader.fastToken(BODIES.get(3).getBytes(StandardCharsets.UTF_8), ptr)).isEqualTo("last");
        assertThat(ResponseReader.fastToken(BODIES.get(4).getBytes(StandardCharsets.UTF_8), ptr)).isNull();
        assertThat(ResponseReader.fastToken("{\"signature\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                JsonPointer.compile("/nested/signature"))).isNull();
    }

    @Test
    void plainJsonContentTypes_areWhatMediaTypeCallsJson() {
        for (String ct : List.of("application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
                "application/json;charset=UTF-8", "Application/Json; Charset=UTF-8")) {
            assertThat(ResponseReader.isPlainJson(ct)).as(ct).isTrue();
            assertThat(MediaType.get(ct).subtype()).isEqualToIgnoringCase("json");
        }
        for (String ct : List.of("text/html", "application/problem+json", "application/json; charset=latin1",
                "application/jsonx", "")) {
            assertThat(ResponseReader.isPlainJson(ct)).as(ct).isFalse();
        }
        assertThat(ResponseReader.isPlainJson(null)).isFalse();
    }
}
