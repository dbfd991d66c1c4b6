package io.sigload.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.ExpUnit;
import io.sigload.sign.IatFormula;
import io.sigload.sign.JavaJwtSigner;
import io.sigload.sign.JsonType;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.fast.FastSigner;
import io.sigload.token.Base64Url;
import io.sigload.token.Secret;
import io.sigload.validate.cases.CaseFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hot path ({@link FastPath}) and the full rules ({@link ZoomValidator#validateFull}) give the
 * same verdict, message for message, on: the 120,000 tokens of the fuzz corpus, every field case,
 * a grid of claims recipes, signers, clocks and profiles around the time bounds, and single-byte
 * edits of valid claims. Each part also checks the hot path really accepted tokens (a hot path
 * that declined everything would agree trivially).
 */
class FastPathDifferentialTest {
    private static final ZoomValidator V = ZoomValidator.INSTANCE;

    /** Same verdict both ways; returns whether the hot path accepted the token. */
    private static boolean same(String token, ValidationContext ctx, String what) {
        Verdict full = V.validateFull(token, ctx);
        Verdict fast = V.validateUnguarded(token, ctx);
        assertThat(fast).as("%s: %s under %s", what, token, ctx.profile()).isEqualTo(full);
        boolean accepted = FastPath.accepts(token, ctx); // the hot path took it (its verdict carries the times)
        if (accepted) {
            assertThat(full.errors()).as(what).isEmpty();
            assertThat(full.warnings()).as(what).isEmpty();
            assertThat(full.hints()).as(what).isEmpty();
        }
        return accepted;
    }

    @Test
    void fuzzCorpus_sameVerdicts() {
        SplittableRandom rnd = new SplittableRandom(0x5EED_2026L);
        List<String> seeds = ValidatorFuzzTest.seeds();
        int accepted = 0;
        for (int i = 0; i < 120_000; i++) {
            String token = ValidatorFuzzTest.token(rnd, seeds);
            ValidationContext ctx = ValidatorFuzzTest.context(rnd);
            same(token, ctx, "fuzz token #" + i);
            // Again at the instant the seeds were minted for, where an unbroken seed is valid.
            Profile p = (i & 1) == 0 ? Profile.MEETING_WEB : Profile.MEETING_NATIVE;
            if (same(token, TestTokens.ctx(p), "fuzz token #" + i + " at NOW")) {
                accepted++;
            }
        }
        assertThat(accepted).as("unbroken seeds take the hot path").isPositive();
    }

    @Test
    void fieldCases_sameVerdicts() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/cases").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        Path shared = Path.of("..", "shared", "cases");
        if (Files.isDirectory(shared)) {
            try (Stream<Path> s = Files.list(shared)) {
                s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        int accepted = 0;
        for (Path f : files) {
            CaseFile c = CaseFile.read(f);
            if (same(c.token(), c.context(), f.getFileName().toString())) {
                accepted++;
                assertThat(c.expect().valid()).as(f.toString()).isTrue();
            }
        }
        assertThat(accepted).as("valid field cases take the hot path").isPositive();
    }

    @Test
    void recipeGrid_sameVerdicts() throws SignException {
        Secret secret = TestTokens.SECRET;
        long base = 1_700_000_000L;
        long[] skews = {-7200_000, -1_800_000, -61_000, -30_000, -1000, 0, 500, 1000, 29_000, 31_000, 90_000, 3_600_000};
        int[] lifetimes = {1799, 1800, 1801, 7200, 172_800, 172_801};
        long[] nanos = {0, 1, 999_999_999};
        List<Profile> profiles = List.of(Profile.MEETING_WEB, Profile.MEETING_NATIVE, Profile.VIDEO, Profile.LEGACY);
        int accepted = 0;
        int total = 0;
        for (IatFormula formula : IatFormula.values()) {
            for (int bits = 0; bits < 48; bits++) {
                ClaimsRecipe recipe = new ClaimsRecipe(formula, ExpUnit.values()[bits % 3],
                        (bits & 4) != 0 ? JsonType.STRING : JsonType.NUMBER,
                        (bits & 8) != 0 ? JsonType.NUMBER : JsonType.STRING, (bits & 16) != 0, (bits & 32) == 0);
                FastSigner fast = new FastSigner("KeyAbc01", secret, recipe);
                JavaJwtSigner jwt = new JavaJwtSigner("KeyAbc01", secret, recipe);
                for (int k = 0; k < skews.length; k++) {
                    long mintMs = base * 1000 + skews[k] + 123;
                    int life = lifetimes[(k + bits) % lifetimes.length];
                    Clock clock = Clock.fixed(Instant.ofEpochMilli(mintMs), ZoneOffset.UTC);
                    SignRequest req = new SignRequest(k, "98765432101", (bits + k) % 2, life, k % 3 == 0 ? 1 : null,
                            clock);
                    String[] tokens = {fast.sign(req), jwt.sign(req)};
                    for (String token : tokens) {
                        Profile profile = profiles.get((k + bits) % profiles.size());
                        for (long leeway : new long[] {0, 30}) {
                            ValidationContext ctx = new ValidationContext(profile, secret, List.of(),
                                    Instant.ofEpochSecond(base + 5, nanos[(k + bits) % nanos.length]), leeway,
                                    k % 4 == 3 ? "12345678901" : "98765432101", null, null);
                            total++;
                            if (same(token, ctx, recipe + " skew " + skews[k])) {
                                accepted++;
                            }
                            ValidationContext web = new ValidationContext(Profile.MEETING_WEB, k % 5 == 0 ? null : secret,
                                    List.of(), ctx.now(), leeway, null, null, null);
                            total++;
                            if (same(token, web, recipe + " web, skew " + skews[k])) {
                                accepted++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(accepted).as("of %d", total).isGreaterThan(total / 100);
        assertThat(accepted).isLessThan(total);
    }

    /** Every single-character edit of clean claims JSON (replaced by a few bytes that matter to JSON), re-signed. */
    @Test
    void editedClaims_sameVerdicts() {
        String[] claims = {
            "{\"appKey\":\"KeyAbc01\",\"sdkKey\":\"KeyAbc01\",\"mn\":\"98765432101\",\"role\":0,\"iat\":1699999970,"
                + "\"exp\":1700007170,\"tokenExp\":1700007170}",
            "{ \"sdkKey\" : \"KeyAbc01\" , \"mn\" : \"98765432101\" , \"role\" : 1 , \"iat\" : 1699999990 ,"
                + " \"exp\" : 1700003600 , \"video_webrtc_mode\" : 0 , \"userIdentity\" : \"u-1\" }",
            "{\"appKey\":\"KeyAbc01\",\"iat\":1699999970,\"exp\":1700007170,\"tokenExp\":1700007170,\"mn\":\"98765432101\"}",
        };
        String replacements = "0 9\"\\,:{}[]-.eE+nt\u00e9\u0000\t";
        List<Profile> profiles = List.of(Profile.MEETING_WEB, Profile.MEETING_NATIVE);
        int accepted = 0;
        for (String json : claims) {
            List<String> variants = new ArrayList<>();
            variants.add(json);
            for (int i = 0; i < json.length(); i++) {
                for (int r = 0; r < replacements.length(); r++) {
                    variants.add(json.substring(0, i) + replacements.charAt(r) + json.substring(i + 1));
                }
                variants.add(json.substring(0, i) + json.substring(i + 1));
                variants.add(json.substring(0, i) + json.charAt(i) + json.substring(i));
            }
            variants.add(json.replace("\"KeyAbc01\"", "\"Key\\u0041bc01\""));
            variants.add(json.replace("}", ",\"iat\":1699999970}"));
            variants.add(json.replace("}", ",\"app_key\":\"x\"}"));
            variants.add(json.replace("}", ",\"version\":\"1\"}"));
            variants.add(json.replace("}", ",\"x\":{\"a\":[1,2]}}"));
            variants.add(json.replace("}", ",\"x\":true}"));
            variants.add(json + " ");
            for (String v : variants) {
                String[] headers = {TestTokens.HS256, "{\"typ\":\"JWT\",\"alg\":\"HS256\"}",
                    "{\"alg\":\"HS256\"}", "{\"alg\":\"HS256\",\"typ\":\"jwt\"}"};
                for (String header : headers) {
                    String token = TestTokens.sign(header, v, TestTokens.SECRET_TEXT.getBytes(StandardCharsets.UTF_8));
                    for (Profile p : profiles) {
                        for (long now : new long[] {1_700_000_000L, 1_699_999_960L, 1_700_005_371L, 1_700_007_170L}) {
                            if (same(token, TestTokens.ctx(p, now), v)) {
                                accepted++;
                            }
                        }
                    }
                }
            }
            String good = TestTokens.sign(json);
            String bad = good.substring(0, good.length() - 1) + (good.endsWith("A") ? "B" : "A");
            same(bad, TestTokens.web(), "flipped signature");
            same(good.substring(0, good.lastIndexOf('.') + 1) + Base64Url.encode(new byte[31]), TestTokens.web(), "short MAC");
        }
        assertThat(accepted).isPositive();
    }
}
