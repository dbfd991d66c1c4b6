package io.sigload.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.report.Cause;
import io.sigload.report.CauseCode;
import io.sigload.report.Diagnoser;
import io.sigload.report.Diagnosis;
import io.sigload.report.EvidenceRecorder;
import io.sigload.report.MintErrors;
import io.sigload.report.ReplayEvidence;
import io.sigload.report.RunContext;
import io.sigload.report.RunResult;
import io.sigload.report.SkewRange;
import io.sigload.report.Skews;
import io.sigload.report.Timing;
import io.sigload.report.Verdicts;
import io.sigload.token.Secret;
import io.sigload.validate.Fixes;
import io.sigload.validate.Profile;
import io.sigload.validate.ReasonCode;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential tests against tokens minted by the real JavaScript libraries (jsrsasign, jsonwebtoken,
 * from the committed lockfile src/test/js/package-lock.json, installed by {@code npm ci} into
 * target/js-diff: .ci/run does it, or {@code scripts/js-diff-install.sh}). The recipes are the forum's
 * and Zoom's samples ({@code src/test/js/mint.js}). Skipped when node or the packages are absent,
 * except in CI (CI=true), where that is a failure.
 */
class JsLibrariesDifferentialTest {
    static final Path MODULES = Path.of("target", "js-diff", "node_modules");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SDK_KEY = "SIGLOAD_DEMO_SDK_KEY_NOT_REAL";
    static final String SECRET = "js-differential-secret-NOT-A-REAL-ZOOM-SECRET";
    static final String HEX_SECRET = "5f3a9c0b7e2d4816a3c5e7f90b1d2f4a6c8e0a2b4d6f8091a3b5c7d9e1f20314";
    static final long T0 = 1_772_442_000_000L;

    @BeforeAll
    static void needsNodeAndThePackages() {
        boolean ready = Files.isDirectory(MODULES.resolve("jsrsasign")) && Files.isDirectory(MODULES.resolve("jsonwebtoken"))
                && node();
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI: node and target/js-diff/node_modules are required (.ci/run installs"
                    + " them with npm ci)");
        }
        assumeTrue(ready, "node or target/js-diff/node_modules missing: run scripts/js-diff-install.sh");
    }

    static boolean node() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** One token request: the minting clock (ms) and the recipe. */
    record Mint(long nowMs, String iat) {
    }

    static List<String> mint(String lib, String key, String secret, List<Mint> mints) throws Exception {
        ObjectNode req = JSON.createObjectNode();
        req.put("lib", lib).put("key", key).put("sdkKey", SDK_KEY);
        ArrayNode tokens = req.putArray("tokens");
        for (Mint m : mints) {
            tokens.addObject().put("nowMs", m.nowMs()).put("iat", m.iat()).put("mn", "85746065432").put("role", 0);
        }
        ProcessBuilder pb = new ProcessBuilder("node", Path.of("src", "test", "js", "mint.js").toString());
        pb.environment().put("NODE_PATH", MODULES.toAbsolutePath().toString());
        pb.environment().put("SIGLOAD_JS_SECRET", secret); // never on the command line
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(req));
        }
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        List<String> list = new ArrayList<>();
        for (JsonNode t : JSON.readTree(out)) {
            list.add(t.asText());
        }
        return list;
    }

    static ValidationContext ctx(String secret, long nowMs) {
        return new ValidationContext(Profile.MEETING_WEB, Secret.of(secret, "test"), List.of(),
                Instant.ofEpochSecond(Math.floorDiv(nowMs, 1000)), 0, "85746065432", 0, null);
    }

    @Test
    void jsrsasign_floorMinus30_onATrueClock_isValid() throws Exception {
        String t = mint("jsrsasign", "string", SECRET, List.of(new Mint(T0 + 123, "floor-minus-30"))).get(0);
        assertThat(Validator.zoom().validate(t, ctx(SECRET, T0 + 900)).valid()).isTrue();
    }

    @Test
    void jsonwebtoken_floorMinus30_onATrueClock_isValid() throws Exception {
        String t = mint("jsonwebtoken", "string", SECRET, List.of(new Mint(T0 + 123, "floor-minus-30"))).get(0);
        assertThat(Validator.zoom().validate(t, ctx(SECRET, T0 + 900)).valid()).isTrue();
    }

    /**
     * The forum's code on a clock 90 s fast, at 300 instants: every token says CLIENT_CLOCK_SKEW with
     * 90 s under the usual -30 s; the ~2% whose iat lands on the float grid by chance keep the clock
     * hint, say the grid is weak evidence, and get no Java-flavoured language guess.
     */
    @Test
    void jsrsasign_roundMinus30_onAClock90sFast_isTheClock_evenOnTheFloatGrid() throws Exception {
        List<Mint> mints = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            mints.add(new Mint(T0 + i * 7_919L + 90_000, "round-minus-30"));
        }
        List<String> tokens = mint("jsrsasign", "string", SECRET, mints);
        int onGrid = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Verdict v = Validator.zoom().validate(tokens.get(i), ctx(SECRET, mints.get(i).nowMs() - 90_000));
            assertThat(v.errorCodes()).containsExactly(ReasonCode.IAT_IN_FUTURE);
            Violation skew = v.hints().stream().filter(h -> h.code() == ReasonCode.CLIENT_CLOCK_SKEW).findFirst()
                    .orElseThrow();
            long ifMinus30 = ((Number) skew.details().get("skewSecondsIfMinus30")).longValue();
            assertThat(ifMinus30).isBetween(89L, 91L);
            if (v.hints().stream().anyMatch(h -> h.code() == ReasonCode.FLOAT_PRECISION_TIME)) {
                onGrid++;
                assertThat(skew.details()).doesNotContainKey("fixLanguage");
            }
        }
        assertThat(onGrid).isLessThan(30); // chance: about 3 in 128
    }

    @Test
    void jsrsasign_withAnAllHexSecretAsAString_decodesItAsHex_andTheFixIsUtf8() throws Exception {
        String t = mint("jsrsasign", "string", HEX_SECRET, List.of(new Mint(T0, "floor-minus-30"))).get(0);
        Verdict v = Validator.zoom().validate(t, ctx(HEX_SECRET, T0 + 500));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.BAD_SIGNATURE);
        Violation k = v.hints().stream().filter(h -> h.code() == ReasonCode.KEY_ENCODING).findFirst().orElseThrow();
        assertThat(k.details()).containsEntry("keyVariant", "hex-decoded");
        assertThat(Fixes.of(k)).contains("KJUR.jws.JWS.sign('HS256', header, payload, {utf8: secret})");
        String fixed = mint("jsrsasign", "utf8", HEX_SECRET, List.of(new Mint(T0, "floor-minus-30"))).get(0);
        assertThat(Validator.zoom().validate(fixed, ctx(HEX_SECRET, T0 + 500)).valid()).isTrue();
    }

    @Test
    void jsonwebtoken_mathRoundWithoutMargin_getsRoundedSeconds() throws Exception {
        long now = T0 + 700; // .700 rounds up
        String t = mint("jsonwebtoken", "string", SECRET, List.of(new Mint(now, "round"))).get(0);
        Verdict v = Validator.zoom().validate(t, ctx(SECRET, now + 100));
        assertThat(v.errorCodes()).containsExactly(ReasonCode.IAT_IN_FUTURE);
        assertThat(v.hints()).extracting(Violation::code).contains(ReasonCode.ROUNDED_SECONDS);
    }

    @Test
    void jsonwebtoken_fractionalIat_isJavaScript_andItsFixIsJavaScript() throws Exception {
        String t = mint("jsonwebtoken", "string", SECRET, List.of(new Mint(T0 + 123 + 60_000, "fractional"))).get(0);
        Verdict v = Validator.zoom().validate(t, ctx(SECRET, T0));
        Violation skew = v.hints().stream().filter(h -> h.code() == ReasonCode.CLIENT_CLOCK_SKEW).findFirst().orElseThrow();
        assertThat((String) skew.details().get("fixLanguage")).startsWith("javascript");
        assertThat((String) skew.details().get("fix")).contains("Math.floor(Date.now() / 1000) - 30");
    }

    /** A whole run of browser-minted jsrsasign tokens on real-world clocks: the diagnosis names the clocks. */
    @Test
    void aRunOfJsrsasignTokensOnParticipantsClocks_isDiagnosedAsClientClocks() throws Exception {
        Diagnosis d = diagnoseRun("floor-minus-30", 600, true);
        assertThat(d.top()).isEqualTo(CauseCode.CLIENT_CLOCKS);
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.FLOAT_ROUNDING);
    }

    /** Math.round without the margin on synced clocks: IAT_ROUNDED_UP, not the clocks. */
    @Test
    void aRunOfMathRoundTokens_isDiagnosedAsRoundedUp() throws Exception {
        Diagnosis d = diagnoseRun("round", 600, false);
        assertThat(d.top()).isEqualTo(CauseCode.IAT_ROUNDED_UP);
        assertThat(d.causes()).extracting(Cause::code).doesNotContain(CauseCode.CLIENT_CLOCKS, CauseCode.FLOAT_ROUNDING);
    }

    private static Diagnosis diagnoseRun(String recipe, int n, boolean realWorldClocks) throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] skew = new long[n];
        long[] at = new long[n];
        long[] delay = new long[n];
        List<Mint> mints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            skew[i] = !realWorldClocks ? Math.round(rnd.nextGaussian() * 300)
                    : u < 0.7 ? Math.round(rnd.nextGaussian() * 500) : u < 0.85 ? rnd.nextLong(-20_000, 20_000)
                    : rnd.nextLong(-240_000, 240_000);
            at[i] = T0 + rnd.nextLong(600_000);
            delay[i] = rnd.nextLong(200, 2000);
            mints.add(new Mint(at[i] + skew[i], recipe));
        }
        List<String> tokens = mint("jsrsasign", "string", SECRET, mints);
        EvidenceRecorder rec = new EvidenceRecorder();
        long valid = 0;
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> hints = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            long now = Math.floorDiv(at[i] + delay[i], 1000) * 1000;
            Verdict v = Validator.zoom().validate(tokens.get(i), ctx(SECRET, now));
            rec.record(skew[i], at[i], now, v);
            if (v.valid()) {
                valid++;
            }
            v.errorCodes().forEach(c -> byReason.merge(c.name(), 1L, Long::sum));
            v.hints().forEach(h -> hints.merge(h.code().name(), 1L, Long::sum));
        }
        RunResult r = new RunResult(new RunContext("js", "js", 42, n, "jsrsasign", "client", "meeting-web", "burst",
                "simulated", "85746065432", ""), new Verdicts(n, valid, n - valid, byReason, Map.of(), hints),
                MintErrors.NONE, new Timing(Map.of(), 1, 1, 0, 0), new Skews(SkewRange.EMPTY, Map.of(), List.of()),
                rec.snapshot(), List.of(), ReplayEvidence.NONE, Diagnosis.NONE);
        return Diagnoser.explain(r, Diagnosis.FixLanguage.NEUTRAL_HINT);
    }
}
