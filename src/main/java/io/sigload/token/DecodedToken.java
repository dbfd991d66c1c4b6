package io.sigload.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * A compact JWS split into its parts, with header and payload parsed as JSON trees that keep
 * every value's raw JSON type (string, integer, fraction, big number).
 *
 * @param raw the token exactly as received
 * @param headerSegment first segment, as received (base64url text)
 * @param payloadSegment second segment, as received
 * @param signatureSegment third segment, as received
 * @param header parsed header, or {@code null} when it is not a JSON object
 * @param payload parsed claims, or {@code null} when they are not a JSON object
 * @param signature decoded MAC bytes, or {@code null} when the segment cannot be decoded
 * @param strictBase64url whether all three segments were strict unpadded base64url
 * @param headerJson header bytes as UTF-8 text (for display), or {@code null} if undecodable
 * @param payloadJson payload bytes as UTF-8 text (for display), or {@code null} if undecodable
 */
public record DecodedToken(
        String raw,
        String headerSegment,
        String payloadSegment,
        String signatureSegment,
        JsonNode header,
        JsonNode payload,
        byte[] signature,
        boolean strictBase64url,
        String headerJson,
        String payloadJson) {

    /**
     * The bytes the MAC is computed over: {@code headerSegment + "." + payloadSegment} as received,
     * encoded as UTF-8 (ASCII for strict segments; a non-strict segment keeps every character, where
     * ISO-8859-1 would turn a character beyond Latin-1 into {@code '?'}).
     */
    public byte[] signingInput() {
        return (headerSegment + "." + payloadSegment).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether header and payload both parsed as JSON objects. */
    public boolean jsonOk() {
        return header != null && header.isObject() && payload != null && payload.isObject();
    }
}
