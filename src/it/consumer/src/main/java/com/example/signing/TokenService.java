package com.example.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The team's own signature code (Zoom's sample recipe: iat = now - 30 s, exp = iat + 2 h), with
 * its own Jackson. Nothing here knows sigload.
 */
public final class TokenService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String sdkKey;
    private final byte[] secret;

    public TokenService(String sdkKey, byte[] secret) {
        this.sdkKey = sdkKey;
        this.secret = secret.clone();
    }

    /** A Meeting SDK signature for one participant, minted at {@code now}. */
    public String mint(String meetingNumber, int role, Instant now) {
        long iat = now.getEpochSecond() - 30;
        long exp = iat + 7200;
        ObjectNode claims = JSON.createObjectNode()
                .put("appKey", sdkKey).put("sdkKey", sdkKey).put("mn", meetingNumber).put("role", role)
                .put("iat", iat).put("exp", exp).put("tokenExp", exp);
        String input = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + part(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + part(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(byte[] bytes) {
        return B64.encodeToString(bytes);
    }
}
