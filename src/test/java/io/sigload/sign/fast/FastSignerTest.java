package io.sigload.sign.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.ExpUnit;
import io.sigload.sign.IatFormula;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.sign.JsonType;
import io.sigload.sign.RandomClaims;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.token.Claims;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FastSignerTest {
    private static final Secret SECRET = Secret.of("0123456789abcdefghijklmnopqrstuvwxyz-sigload", "test");
    private static final String KEY = "abcDEF123ghiJKL456";

    @Test
    void randomClaims_areByteIdenticalToJavaJwt() throws Exception {
        RandomClaims gen = new RandomClaims(20261130L);
        JavaJwtSigner reference = new JavaJwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        FastSigner fast = new FastSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        for (int i = 0; i < 5000; i++) {
            Claims claims = gen.next();
            assertThat(fast.sign(claims)).as("claim set %d: %s", i, claims).isEqualTo(reference.sign(claims));
        }
    }

    @Test
    void randomSecrets_giveTheSameTokensAsJavaJwt() {
        Random r = new Random(7);
        Claims claims = Claims.builder().put("sdkKey", KEY).put("iat", 1_700_000_000L).build();
        for (int len = 1; len <= 140; len++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < len; i++) {
                sb.append((char) (0x21 + r.nextInt(0x5e)));
            }
            Secret s = Secret.of(sb.toString(), "test");
            assertThat(new FastSigner(KEY, s, ClaimsRecipe.zoomSample()).sign(claims))
                    .isEqualTo(new JavaJwtSigner(KEY, s, ClaimsRecipe.zoomSample()).sign(claims));
        }
    }

    /** SDK keys whose JSON head leaves 0, 1 and 2 bytes after the last whole base64 group, and escapes. */
    private static final String[] KEYS = {KEY, "k", "ab", "abc", "q\"uote\\back", "caf\u00e9-\u65e5\u672c", "tab\there\u0001"};

    @ParameterizedTest
    @EnumSource(IatFormula.class)
    void everyRecipe_isByteIdenticalToJavaJwt(IatFormula formula) throws Exception {
        Random r = new Random(formula.ordinal());
        for (int i = 0; i < 400; i++) {
            boolean ms = r.nextBoolean();
            JsonType role = r.nextBoolean() ? JsonType.STRING : JsonType.NUMBER;
            JsonType mnType = r.nextBoolean() ? JsonType.NUMBER : JsonType.STRING;
            boolean tokenExp = r.nextBoolean();
            boolean appKey = r.nextBoolean();
            ExpUnit exp = ms ? ExpUnit.MILLISECONDS : r.nextBoolean() ? ExpUnit.LIFETIME_TIMES_1000 : ExpUnit.SECONDS;
            ClaimsRecipe recipe = new ClaimsRecipe(formula, exp, role, mnType, tokenExp, appKey);
            String key = KEYS[r.nextInt(KEYS.length)];
            Clock clock = Clock.fixed(Instant.ofEpochMilli(1_764_460_000_000L + r.nextInt(1_000_000_000)), ZoneOffset.UTC);
            String mn = r.nextInt(10) == 0 ? "" : Long.toString(r.nextBoolean() ? r.nextInt(1000) : 1_000_000_000L + r.nextInt(1_000_000_000));
            SignRequest req = new SignRequest(i, mn, r.nextInt(3) - 1 + r.nextInt(2),
                    r.nextInt(10) == 0 ? 0 : 1800 + r.nextInt(171_000), r.nextBoolean() ? null : r.nextInt(2), clock);
            if (recipe.mnAsNumber() && mn.isEmpty()) {
                continue;
            }
            assertThat(new FastSigner(key, SECRET, recipe).sign(req)).as("%s key %s %s", recipe, key, req)
                    .isEqualTo(new JavaJwtSigner(key, SECRET, recipe).sign(req));
        }
    }

    @Test
    void meetingNumberThatIsNotDigits_isAMintErrorWhenWrittenAsANumber() {
        ClaimsRecipe recipe = new ClaimsRecipe(IatFormula.FLOOR, ExpUnit.SECONDS, JsonType.NUMBER, JsonType.NUMBER, true, true);
        SignRequest req = new SignRequest(0, "85 7460", 0, 7200, null, Clock.systemUTC());
        assertThatThrownBy(() -> new FastSigner(KEY, SECRET, recipe).sign(req))
                .isInstanceOfSatisfying(SignException.class, e -> assertThat(e.category().name()).isEqualTo("MINT_ERROR"))
                .hasMessageContaining("NumberFormatException");
    }

    @Test
    void manyThreadsAtOnce_getTheirOwnCorrectTokens() throws Exception {
        FastSigner fast = new FastSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        JavaJwtSigner reference = new JavaJwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        int n = 4000;
        String[] got = new String[n];
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                int id = i;
                pool.submit(() -> {
                    // meeting numbers of different lengths, so tokens need different buffer sizes
                    got[id] = fast.sign(request(id));
                    return null;
                });
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(got[i]).as("participant %d", i).isEqualTo(reference.sign(request(i)));
        }
    }

    private static SignRequest request(int i) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_764_460_000L + i), ZoneOffset.UTC);
        return new SignRequest(i, "8".repeat(1 + i % 300), i % 2, 1800 + i, i % 3 == 0 ? null : i % 2, clock);
    }

    @Test
    void header_isWhatJavaJwtWrites() {
        String token = new JavaJwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample()).sign(Claims.builder().build());
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(header).isEqualTo(FastSigner.HEADER_JSON);
    }

    @Test
    void signingInput_isTheTokenWithoutItsSignature() {
        FastSigner fast = new FastSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        Claims claims = new RandomClaims(3).next();
        String token = fast.sign(claims);
        assertThat(new String(fast.signingInput(claims), StandardCharsets.US_ASCII))
                .isEqualTo(token.substring(0, token.lastIndexOf('.')));
    }

    @Test
    void describe_neverContainsTheSecret() {
        assertThat(new FastSigner(KEY, SECRET, ClaimsRecipe.zoomSample()).describe())
                .startsWith("fast").doesNotContain(SECRET.text());
    }
}
