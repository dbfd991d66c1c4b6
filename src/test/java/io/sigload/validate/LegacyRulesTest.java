package io.sigload.validate;

import static io.sigload.validate.TestTokens.NOW;
import static io.sigload.validate.TestTokens.SECRET_TEXT;
import static io.sigload.validate.TestTokens.check;
import static io.sigload.validate.TestTokens.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The legacy profile: detection under every profile, full check under {@code legacy} (cases README). */
class LegacyRulesTest {
    /** The pre-JWT Web SDK generateSignature, written from its description. */
    static String legacy(String key, String mn, long tsMillis, String role, String secret) {
        String msg = Base64.getEncoder().encodeToString((key + mn + tsMillis + role).getBytes(StandardCharsets.UTF_8));
        String hash = Base64.getEncoder().encodeToString(TestTokens.mac(secret.getBytes(StandardCharsets.UTF_8), msg));
        String sig = key + "." + mn + "." + tsMillis + "." + role + "." + hash;
        return Base64.getEncoder().encodeToString(sig.getBytes(StandardCharsets.UTF_8)).replace("=", "");
    }

    private static ValidationContext legacyAt(long nowSeconds) {
        return new ValidationContext(Profile.LEGACY, TestTokens.SECRET, List.of(), Instant.ofEpochSecond(nowSeconds),
                0, "98765432101", null, null);
    }

    @Test
    void legacySignature_isValidUnderLegacy() {
        String t = legacy("KeyAbc01", "98765432101", (NOW - 30) * 1000, "0", SECRET_TEXT);
        assertThat(check(t, legacyAt(NOW)).valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Profile.class, names = {"MEETING_WEB", "MEETING_NATIVE", "VIDEO"})
    void legacyFormat_underEveryJwtProfile(Profile p) {
        String t = legacy("KeyAbc01", "98765432101", NOW * 1000, "0", SECRET_TEXT);
        assertThat(errors(t, TestTokens.ctx(p))).containsExactly(ReasonCode.LEGACY_FORMAT);
    }

    @ParameterizedTest(name = "age 24 h {0} s: expired {1}")
    @CsvSource({"-1,false", "0,false", "1,true"})
    void legacyExpired_after24Hours(long delta, boolean expired) {
        String t = legacy("KeyAbc01", "98765432101", NOW * 1000, "1", SECRET_TEXT);
        assertThat(check(t, legacyAt(NOW + 86_400 + delta)).hasError(ReasonCode.LEGACY_EXPIRED)).isEqualTo(expired);
    }

    @ParameterizedTest(name = "ts = now {0} ms: in future {1}")
    @CsvSource({"-1,false", "0,false", "1,true"})
    void legacyTsInFuture(long deltaMillis, boolean future) {
        String t = legacy("KeyAbc01", "98765432101", NOW * 1000 + deltaMillis, "0", SECRET_TEXT);
        assertThat(errors(t, legacyAt(NOW))).isEqualTo(future ? List.of(ReasonCode.LEGACY_TS_IN_FUTURE) : List.of());
    }

    @Test
    void legacyBadSignature_withWrongSecret() {
        String t = legacy("KeyAbc01", "98765432101", NOW * 1000, "0", "another-secret");
        assertThat(errors(t, legacyAt(NOW))).containsExactly(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void legacyRoleOutOfRange_andMnMismatch() {
        String t = legacy("KeyAbc01", "111", NOW * 1000, "5", SECRET_TEXT);
        assertThat(errors(t, legacyAt(NOW))).containsExactlyInAnyOrder(ReasonCode.ROLE_OUT_OF_RANGE,
                ReasonCode.MN_MISMATCH);
    }

    @Test
    void malformedToken_underLegacy_whenNeitherLegacyNorJwt() {
        assertThat(errors("hello world", legacyAt(NOW))).containsExactly(ReasonCode.MALFORMED_TOKEN);
    }
}
