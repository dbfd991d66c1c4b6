package io.sigload.sign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.Secret;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks on tokens that do not depend on the validator: decode with CompactJws, MAC with javax.crypto. */
public final class TokenAssertions {
    private TokenAssertions() {
    }

    /** Decodes a compact JWS and checks its HS256 MAC with the JDK; returns the decoded token. */
    public static DecodedToken assertHs256(String token, Secret secret) throws Exception {
        DecodedToken t = CompactJws.decode(token);
        assertThat(t.strictBase64url()).as("strict base64url").isTrue();
        assertThat(t.header().path("alg").asText()).isEqualTo("HS256");
        assertThat(t.header().path("typ").asText()).isEqualTo("JWT");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.bytes(), "HmacSHA256"));
        assertThat(t.signature()).as("HS256 MAC").isEqualTo(mac.doFinal(t.signingInput()));
        return t;
    }

    /**
     * The claims as name -> canonical text: numbers by value and integral-ness ({@code 1.5},
     * {@code 7}), strings quoted, so two libraries' payloads compare regardless of member order
     * and number spelling.
     */
    public static Map<String, String> canonicalClaims(JsonNode payload) {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : payload.properties()) {
            JsonNode v = e.getValue();
            String text;
            if (v.isIntegralNumber()) {
                text = "int " + v.bigIntegerValue();
            } else if (v.isNumber()) {
                text = "frac " + v.decimalValue().stripTrailingZeros().toPlainString();
            } else {
                text = v.toString();
            }
            m.put(e.getKey(), text);
        }
        return m;
    }
}
