package io.sigload.sign.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sigload.sign.RandomClaims;
import io.sigload.token.Claims;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PiecesTest {
    @Test
    void sha256Digest_isCloneableOnThisRuntime() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((byte) 1);
        assertThatCode(md::clone).doesNotThrowAnyException();
        assertThat(((MessageDigest) md.clone()).digest()).isEqualTo(md.digest());
    }

    @Test
    void hmac_equalsJdkMac_forKeysAroundTheBlockSizeAndManyInputs() throws Exception {
        Random r = new Random(42);
        for (int keyLen = 1; keyLen <= 150; keyLen++) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            HmacSha256 ours = new HmacSha256(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int len : new int[] {0, 1, 55, 56, 63, 64, 65, 119, 120, 241, 1000}) {
                byte[] in = new byte[len];
                r.nextBytes(in);
                assertThat(ours.mac(in)).isEqualTo(jdk.doFinal(in));
            }
        }
    }

    @Test
    void hmac_emptyKey_equalsTheDefinition() throws Exception {
        // javax.crypto refuses an empty key; RFC 2104 pads it with zeros, which a 64-zero-byte key equals.
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(new byte[64], "HmacSHA256"));
        assertThat(new HmacSha256(new byte[0]).mac(new byte[] {1, 2, 3})).isEqualTo(jdk.doFinal(new byte[] {1, 2, 3}));
    }

    @Test
    void hmac_toString_neverShowsTheKey() {
        assertThat(new HmacSha256("supersecret".getBytes()).toString()).doesNotContain("supersecret");
    }

    @Test
    void base64url_equalsJdkEncoder_forEveryLengthUpTo200() {
        Random r = new Random(1);
        for (int n = 0; n <= 200; n++) {
            byte[] in = new byte[n];
            r.nextBytes(in);
            byte[] out = new byte[Base64UrlBytes.encodedLength(n)];
            assertThat(Base64UrlBytes.encode(in, 0, n, out, 0)).isEqualTo(out.length);
            assertThat(out).isEqualTo(Base64.getUrlEncoder().withoutPadding().encode(in));
        }
    }

    @Test
    void claimsJson_maxLength_isNeverExceeded() {
        RandomClaims gen = new RandomClaims(99);
        for (int i = 0; i < 2000; i++) {
            Claims c = gen.next();
            assertThat(ClaimsJson.toBytes(c).length).isLessThanOrEqualTo(ClaimsJson.maxLength(c));
        }
    }

    @Test
    void claimsJson_writesZoomClaimsCompactly() {
        Claims c = Claims.builder().put("sdkKey", "k").put("mn", "123").put("role", 1).put("iat", 1.5)
                .put("ok", true).put("s", "a\"\\\n\u0001é").build();
        assertThat(new String(ClaimsJson.toBytes(c), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"sdkKey\":\"k\",\"mn\":\"123\",\"role\":1,\"iat\":1.5,\"ok\":true,\"s\":\"a\\\"\\\\\\n\\u0001é\"}");
    }
}
