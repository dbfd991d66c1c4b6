package io.sigload.token;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Compact JWS serialisation (RFC 7515 §7.1): {@code base64url(header) "." base64url(payload) "."
 * base64url(signature)}.
 *
 * <p>Decoding keeps raw JSON types: fractions become {@code DecimalNode}s (never rounded),
 * integers beyond {@code long} become {@code BigIntegerNode}s, strings stay strings. Duplicate
 * members keep the last value (as most JWT libraries do). JSON nesting is limited to
 * {@value #MAX_NESTING_DEPTH} levels and tokens to {@value #MAX_TOKEN_CHARS} characters.
 *
 * <p>Thread-safe: stateless apart from a shared, immutable {@link JsonMapper}.
 */
public final class CompactJws {
    /** Tokens longer than this (in chars) are refused without decoding. */
    public static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** Deepest JSON nesting accepted in header or payload. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Shared mapper: big decimals for fractions, big integers when needed, bounded nesting. */
    public static final JsonMapper JSON = JsonMapper.builder(JsonFactories.shared(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxNumberLength(1000)
                    .maxStringLength(MAX_TOKEN_CHARS)
                    .build()))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();


    private CompactJws() {
    }

    /**
     * Splits and decodes a compact JWS. Strict base64url first; a segment that is not strict is
     * decoded leniently and {@link DecodedToken#strictBase64url()} is false.
     *
     * @param token the token as received (surrounding whitespace is kept and makes it non-strict)
     * @return the decoded parts; header or payload is {@code null} when not a JSON object
     * @throws TokenFormatException when the token is not three segments, is longer than
     *     {@link #MAX_TOKEN_CHARS}, or a header/payload segment cannot be decoded even leniently
     */
    public static DecodedToken decode(String token) throws TokenFormatException {
        if (token == null || token.isEmpty()) {
            throw new TokenFormatException("the token is empty");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new TokenFormatException("the token is " + token.length() + " characters, over the limit of "
                    + MAX_TOKEN_CHARS);
        }
        int d1 = token.indexOf('.');
        int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
        if (d1 < 0 || d2 < 0 || token.indexOf('.', d2 + 1) >= 0) {
            long dots = token.chars().filter(c -> c == '.').count();
            throw new TokenFormatException("a compact JWS has 3 dot-separated segments; this token has " + (dots + 1));
        }
        String h = token.substring(0, d1);
        String p = token.substring(d1 + 1, d2);
        String s = token.substring(d2 + 1);
        if (h.isEmpty() || p.isEmpty()) {
            throw new TokenFormatException((h.isEmpty() ? "the header" : "the payload") + " segment is empty");
        }
        boolean strict = true;
        byte[][] parts = new byte[3][];
        String[] segs = {h, p, s};
        for (int i = 0; i < 3; i++) {
            Optional<byte[]> b = Base64Url.decodeStrict(segs[i]);
            if (b.isEmpty()) {
                strict = false;
                b = Base64Url.decodeLenient(segs[i]);
            }
            if (b.isEmpty() && i < 2) {
                throw new TokenFormatException("the " + (i == 0 ? "header" : "payload")
                        + " segment is not base64url, even read leniently");
            }
            parts[i] = b.orElse(null);
        }
        String headerJson = new String(parts[0], StandardCharsets.UTF_8);
        String payloadJson = new String(parts[1], StandardCharsets.UTF_8);
        return new DecodedToken(token, h, p, s, parseObject(parts[0]), parseObject(parts[1]), parts[2], strict,
                headerJson, payloadJson);
    }

    /** Parses bytes as a JSON object; {@code null} when they are not exactly one JSON object. */
    static JsonNode parseObject(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || !node.isObject() || parser.nextToken() != null) {
                return null;
            }
            return node;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }
}
