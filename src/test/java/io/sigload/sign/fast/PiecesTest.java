package io.sigload.sign.fast;

import io.sigload.hmac.HmacSha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.sigload.sign.RandomClaims;
import io.sigload.token.Claims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
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
        assertThat(new String(ClaimsJson.toBytes(c), StandardCharsets.UTF_8))
                .isEqualTo("{\"sdkKey\":\"k\",\"mn\":\"123\",\"role\":1,\"iat\":1.5,\"ok\":true,\"s\":\"a\\\"\\\\\\n\\u0001é\"}");
    }

    @Test
    void writeLong_isLongToString_atEveryDigitBoundaryAndForRandomValues() {
        List<Long> values = new ArrayList<>(List.of(0L, Long.MIN_VALUE, Long.MAX_VALUE,
                (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, 10 * p - 1}) {
                values.add(v);
                values.add(-v);
            }
        }
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            values.add(i % 2 == 0 ? r.nextLong() : (long) r.nextInt() >> r.nextInt(32));
        }
        byte[] buf = new byte[40];
        for (long v : values) {
            int end = ClaimsJson.writeLong(v, buf, 3);
            assertThat(new String(buf, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void withPrefix_isTheMacOfPrefixThenInput_forEveryLengthAroundTheBlockSize() throws Exception {
        Random r = new Random(5);
        for (int keyLen : new int[] {0, 5, 64, 65, 100}) {
            byte[] key = new byte[keyLen];
            r.nextBytes(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(keyLen == 0 ? new byte[1] : key, "HmacSHA256"));
            HmacSha256 plain = new HmacSha256(key);
            for (int prefixLen : new int[] {0, 1, 63, 64, 65, 129, 200}) {
                byte[] prefix = new byte[prefixLen];
                r.nextBytes(prefix);
                HmacSha256 prefixed = plain.withPrefix(prefix);
                assertThat(prefixed.prefixLength()).isEqualTo(prefixLen);
                for (int len : new int[] {0, 1, 55, 56, 64, 119, 120, 300}) {
                    byte[] input = new byte[len + 7];
                    r.nextBytes(input);
                    byte[] out = new byte[40];
                    prefixed.mac(input, 3, len, out, 5);
                    jdk.update(prefix);
                    jdk.update(input, 3, len);
                    assertThat(Arrays.copyOfRange(out, 5, 37)).as("key %d prefix %d input %d", keyLen, prefixLen, len)
                            .isEqualTo(jdk.doFinal());
                }
            }
            assertThat(plain.withPrefix(new byte[] {1, 2}).withPrefix(new byte[] {3}).mac(new byte[] {4}))
                    .isEqualTo(plain.mac(new byte[] {1, 2, 3, 4}));
        }
    }
}
