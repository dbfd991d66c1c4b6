package io.sigload.sign;

import static io.sigload.sign.TokenAssertions.assertHs256;
import static io.sigload.sign.TokenAssertions.canonicalClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.sign.jwtlib.JjwtSigner;
import io.sigload.sign.jwtlib.NimbusSigner;
import io.sigload.token.DecodedToken;
import io.sigload.token.Secret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LibrarySignersTest {
    private static final Secret SECRET = Secret.of("0123456789abcdef0123456789abcdef", "test");
    private static final Secret SHORT = Secret.of("short-secret-24-bytes-ab", "test");
    private static final String KEY = "sdkKeyABC";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_460_123_456L), ZoneOffset.UTC);

    private static SignRequest request() {
        return new SignRequest(3, "8765432109", 1, 7200, 1, CLOCK);
    }

    private static Map<String, String> claimsOf(Signer s, Secret secret) throws Exception {
        DecodedToken t = assertHs256(s.sign(request()), secret);
        return canonicalClaims(t.payload());
    }

    @ParameterizedTest
    @EnumSource(IatFormula.class)
    void nimbus_writesTheSameClaimsAsJavaJwt(IatFormula f) throws Exception {
        ClaimsRecipe r = ClaimsRecipe.zoomSample().withIat(f);
        assertThat(claimsOf(new NimbusSigner(KEY, SECRET, r), SECRET))
                .isEqualTo(claimsOf(new JavaJwtSigner(KEY, SECRET, r), SECRET));
    }

    @ParameterizedTest
    @EnumSource(value = IatFormula.class, names = "FRACTIONAL_MINUS_30", mode = EnumSource.Mode.EXCLUDE)
    void jjwt_writesTheSameClaimsAsJavaJwt_forIntegerNumericDates(IatFormula f) throws Exception {
        ClaimsRecipe r = ClaimsRecipe.zoomSample().withIat(f);
        assertThat(claimsOf(new JjwtSigner(KEY, SECRET, r), SECRET))
                .isEqualTo(claimsOf(new JavaJwtSigner(KEY, SECRET, r), SECRET));
    }

    @Test
    void jjwt_truncatesAFractionalIat_toWholeSeconds() throws Exception {
        ClaimsRecipe r = ClaimsRecipe.zoomSample().withIat(IatFormula.FRACTIONAL_MINUS_30);
        Map<String, String> claims = claimsOf(new JjwtSigner(KEY, SECRET, r), SECRET);
        assertThat(claims.get("iat")).isEqualTo("int 1764460093");
        assertThat(claimsOf(new JavaJwtSigner(KEY, SECRET, r), SECRET).get("iat")).isEqualTo("frac 1764460093.456");
    }

    @Test
    void jjwt_withSecretUnder256Bits_countsAMintErrorPerToken() {
        JjwtSigner s = new JjwtSigner(KEY, SHORT, ClaimsRecipe.zoomSample());
        assertThatThrownBy(() -> s.sign(request())).isInstanceOfSatisfying(SignException.class, e -> {
            assertThat(e.category().name()).isEqualTo("MINT_ERROR");
            assertThat(e.getMessage()).contains("192 bits").doesNotContain(SHORT.text());
        });
        assertThat(s.describe()).contains("refused").doesNotContain(SHORT.text());
    }

    @Test
    void nimbus_withSecretUnder256Bits_countsAMintErrorPerToken() {
        NimbusSigner s = new NimbusSigner(KEY, SHORT, ClaimsRecipe.zoomSample());
        assertThatThrownBy(() -> s.sign(request())).isInstanceOfSatisfying(SignException.class, e -> {
            assertThat(e.category().name()).isEqualTo("MINT_ERROR");
            assertThat(e.getMessage()).contains("192 bits").doesNotContain(SHORT.text());
        });
    }

    @Test
    void javaJwtLibraryVersion_matchesTheJarOnTheClassPath() {
        String jar = JWT.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertThat(jar).endsWith("java-jwt-" + JavaJwtSigner.LIBRARY_VERSION + ".jar");
    }

    @Test
    void describe_namesLibraryAndVersion() {
        assertThat(new NimbusSigner(KEY, SECRET, ClaimsRecipe.zoomSample()).describe()).startsWith("nimbus-jose-jwt 10.10");
        assertThat(new JjwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample()).describe()).startsWith("jjwt 0.13.0");
        assertThat(new JavaJwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample()).describe()).startsWith("java-jwt 4.6.2");
    }
}
