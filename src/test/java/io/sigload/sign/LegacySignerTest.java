package io.sigload.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LegacySignerTest {
    private static final Secret SECRET = Secret.of("legacy-api-secret", "test");
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_500_000_000_123L), ZoneOffset.UTC);

    private static SignerConfig config(ObjectNode options) {
        return new SignerConfig("apiKeyXYZ", SECRET, ClaimsRecipe.zoomSample(), options, Map.of(), 1);
    }

    @Test
    void signature_isTheOldSampleFormula_withTimestamp30SecondsBack() throws Exception {
        Signer s = Signers.create("legacy", config(null));
        String sig = s.sign(new SignRequest(0, "123456789", 1, 7200, null, CLOCK));

        String plain = new String(Base64.getDecoder().decode(sig), StandardCharsets.UTF_8);
        String[] parts = plain.split("\\.", 5);
        assertThat(parts).hasSize(5);
        assertThat(parts[0]).isEqualTo("apiKeyXYZ");
        assertThat(parts[1]).isEqualTo("123456789");
        assertThat(parts[2]).isEqualTo("1499999970123");
        assertThat(parts[3]).isEqualTo("1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.bytes(), "HmacSHA256"));
        String msg = Base64.getEncoder().encodeToString("apiKeyXYZ12345678914999999701231".getBytes(StandardCharsets.UTF_8));
        assertThat(parts[4]).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(msg.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void timestampOffsetMillis_option_movesTheTimestamp() throws Exception {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("timestampOffsetMillis", 120_000);
        Signer s = Signers.create("legacy", config(o));
        String plain = new String(Base64.getDecoder().decode(s.sign(new SignRequest(0, "1", 0, 7200, null, CLOCK))),
                StandardCharsets.UTF_8);
        assertThat(plain.split("\\.")[2]).isEqualTo("1500000120123");
        assertThat(s.describe()).contains("timestampOffsetMillis=120000").doesNotContain(SECRET.text());
    }

    @Test
    void timestampOffsetMillis_notAnInteger_isAConfigErrorNamingTheOption() {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("timestampOffsetMillis", "30s");
        assertThatThrownBy(() -> Signers.create("legacy", config(o)))
                .isInstanceOfSatisfying(SignerConfigException.class, e -> {
                    assertThat(e.field()).isEqualTo("timestampOffsetMillis");
                    assertThat(e.getMessage()).contains("integer").contains("-30000");
                });
    }
}
