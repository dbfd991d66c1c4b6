package io.sigload.sign;

import static io.sigload.sign.TokenAssertions.assertHs256;
import static io.sigload.sign.TokenAssertions.canonicalClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.serve.ServeConfig;
import io.sigload.serve.SignatureServer;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link Signer} contract, run over every built-in signer; {@code http} runs against the
 * reference endpoint ({@code sigload serve}'s server) started for this class on 127.0.0.1.
 */
@Timeout(300)
class SignerContractTest {
    private static SignatureServer endpoint;

    private static final Secret SECRET = Secret.of("contract-secret-0123456789abcdef-XYZ", "test");
    private static final String KEY = "contractSdkKey";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_764_460_123_456L), ZoneOffset.UTC);
    private static final int THREADS = 1000;

    /**
     * @param jwt mints HS256 compact JWS with the reference's claims for {@link ClaimsRecipe#zoomSample()}
     * @param byteIdentical tokens equal java-jwt's byte for byte
     * @param recipes honours every {@link ClaimsRecipe} (claims equal the reference's)
     * @param requestClock mints on the request's clock (a remote endpoint reads its own: its time
     *     claims are compared for sanity only)
     */
    record Case(String name, ObjectNode options, boolean jwt, boolean byteIdentical, boolean recipes,
            boolean requestClock) {
        @Override
        public String toString() {
            return name;
        }

        Signer create(ClaimsRecipe recipe) throws SignerConfigException {
            return Signers.create(name, new SignerConfig(KEY, SECRET, recipe, options, Map.of(), THREADS));
        }
    }

    static Stream<Case> signers() {
        ObjectNode process = JsonNodeFactory.instance.objectNode();
        process.putArray("command").add("python3").add("examples/process-signer/zoom_signer.py");
        process.put("instances", 2);
        process.put("timeout", "60s"); // thread-safety is the subject here; the machine may be loaded
        ObjectNode http = JsonNodeFactory.instance.objectNode();
        http.put("url", endpoint.uri().toString());
        http.put("callTimeout", "60s");
        http.put("readTimeout", "60s");
        return Stream.of(
                new Case("java-jwt", null, true, true, true, true),
                new Case("fast", null, true, true, true, true),
                new Case("nimbus", null, true, false, true, true),
                new Case("jjwt", null, true, false, false, true),
                new Case("legacy", null, false, false, false, true),
                new Case("process", process, true, false, false, true),
                new Case("http", http, true, false, false, false));
    }

    static Stream<Case> recipeSigners() {
        return signers().filter(Case::recipes);
    }

    private static SignRequest request(int i) {
        return new SignRequest(i, Long.toString(9_000_000_000L + i * 7919L), i % 2, 1800 + i * 37,
                i % 3 == 0 ? null : i % 2, Clock.offset(CLOCK, Duration.ofMillis(i * 1_013L)));
    }

    @BeforeAll
    static void startEndpoint() throws Exception {
        endpoint = SignatureServer.start(ServeConfig.loopback(KEY, SECRET));
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    /** The claims without the time claims, for signers that mint on their own clock. */
    private static Map<String, String> untimed(Map<String, String> claims) {
        Map<String, String> m = new TreeMap<>(claims);
        m.keySet().removeAll(List.of("iat", "exp", "tokenExp"));
        return m;
    }

    @Test
    void registry_findsEveryBuiltInSigner() {
        assertThat(Signers.names()).containsAll(signers().map(Case::name).toList());
    }

    @ParameterizedTest
    @MethodSource("signers")
    void concurrentUseFromVirtualThreads_givesTheSameTokensAsOneThread(Case c) throws Exception {
        JavaJwtSigner reference = new JavaJwtSigner(KEY, SECRET, ClaimsRecipe.zoomSample());
        try (Signer s = c.create(ClaimsRecipe.zoomSample()); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>(THREADS);
            for (int i = 0; i < THREADS; i++) {
                SignRequest r = request(i);
                futures.add(pool.submit(() -> s.sign(r)));
            }
            for (int i = 0; i < THREADS; i++) {
                String token = futures.get(i).get();
                String expected = reference.sign(request(i));
                if (c.requestClock()) {
                    assertThat(token).as("participant %d", i).isEqualTo(s.sign(request(i)));
                }
                if (c.byteIdentical()) {
                    assertThat(token).as("participant %d", i).isEqualTo(expected);
                }
                if (c.jwt()) {
                    Map<String, String> claims = canonicalClaims(assertHs256(token, SECRET).payload());
                    Map<String, String> want = canonicalClaims(assertHs256(expected, SECRET).payload());
                    if (c.requestClock()) {
                        assertThat(claims).as("participant %d", i).isEqualTo(want);
                    } else {
                        assertThat(untimed(claims)).as("participant %d", i).isEqualTo(untimed(want));
                        assertThat(claims).as("participant %d", i).containsKeys("iat", "exp");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("recipeSigners")
    void everyRecipe_givesTheReferenceClaims(Case c) throws Exception {
        for (IatFormula f : IatFormula.values()) {
            for (int flags = 0; flags < 32; flags += 5) {
                ClaimsRecipe recipe = new ClaimsRecipe(f, (flags & 1) != 0 ? ExpUnit.MILLISECONDS : ExpUnit.SECONDS,
                        (flags & 2) != 0 ? JsonType.STRING : JsonType.NUMBER,
                        (flags & 4) != 0 ? JsonType.NUMBER : JsonType.STRING, (flags & 8) != 0, (flags & 16) != 0);
                try (Signer s = c.create(recipe)) {
                    String expected = new JavaJwtSigner(KEY, SECRET, recipe).sign(request(flags));
                    assertThat(canonicalClaims(assertHs256(s.sign(request(flags)), SECRET).payload()))
                            .as("%s %s", f, recipe).isEqualTo(canonicalClaims(assertHs256(expected, SECRET).payload()));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("signers")
    void describe_namesTheSignerAndNeverTheSecret(Case c) throws Exception {
        try (Signer s = c.create(ClaimsRecipe.zoomSample())) {
            assertThat(s.describe()).isNotBlank().doesNotContain(SECRET.text());
        }
    }

    @ParameterizedTest
    @MethodSource("signers")
    void anOddRequest_neverCarriesTheSecret_whetherItFailsOrNot(Case c) throws Exception {
        ClaimsRecipe mnAsNumber = new ClaimsRecipe(IatFormula.FLOOR, ExpUnit.SECONDS, JsonType.NUMBER,
                JsonType.NUMBER, true, true);
        try (Signer s = c.create(mnAsNumber)) {
            String token = null;
            SignException failure = null;
            try {
                token = s.sign(new SignRequest(0, "12ab", 0, 7200, null, CLOCK));
            } catch (SignException e) {
                failure = e;
            }
            if (c.recipes()) {
                assertThat(failure).as("mn '12ab' cannot be written as a JSON number: a mint error").isNotNull();
            }
            if (failure != null) {
                assertThat(failure.category().name()).matches("[A-Z_]+");
                for (Throwable t = failure; t != null; t = t.getCause()) {
                    assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET.text());
                }
            } else {
                assertThat(token).isNotBlank().doesNotContain(SECRET.text());
                for (String segment : token.split("\\.")) { // decoded too: a segment is base64(url) of something
                    String decoded = new String(Base64.getMimeDecoder().decode(segment.replace('-', '+').replace('_', '/')),
                            StandardCharsets.ISO_8859_1);
                    assertThat(decoded).doesNotContain(SECRET.text());
                }
            }
        }
    }
}
