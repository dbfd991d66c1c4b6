package io.sigload.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.token.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Posts to a server with the JDK client and checks HS256 signatures by hand (no time checks). */
public final class ServeFixture {
    public static final JsonMapper JSON = new JsonMapper();
    public static final String KEY = "test-sdk-key";
    public static final Secret SECRET = Secret.of("test-secret-0123456789-abcdefghij", "test");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServeFixture() {
    }

    /** The status and parsed body of one POST. */
    public record Answer(int status, JsonNode body) {
    }

    public static Answer post(URI uri, String body) throws Exception {
        return send(uri, "POST", body);
    }

    public static Answer send(URI uri, String method, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    /** Whether the token's HS256 signature matches the secret (RFC 7515 §5.2, RFC 7518 §3.2). */
    public static boolean verifies(String token, Secret secret) throws Exception {
        int last = token.lastIndexOf('.');
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
        byte[] expected = mac.doFinal(token.substring(0, last).getBytes(StandardCharsets.US_ASCII));
        byte[] actual = Base64.getUrlDecoder().decode(token.substring(last + 1));
        return MessageDigest.isEqual(expected, actual);
    }

    /** The decoded payload of a compact JWS. */
    public static JsonNode payload(String token) throws Exception {
        String p = token.split("\\.")[1];
        return JSON.readTree(Base64.getUrlDecoder().decode(p));
    }

    /** The decoded header of a compact JWS. */
    public static JsonNode header(String token) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
    }
}
