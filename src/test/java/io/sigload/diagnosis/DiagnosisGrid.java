package io.sigload.diagnosis;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sigload.drive.Driver;
import io.sigload.drive.LoadRun;
import io.sigload.drive.Plan;
import io.sigload.hmac.HmacKeys;
import io.sigload.report.Cause;
import io.sigload.report.CauseCode;
import io.sigload.report.Diagnoser;
import io.sigload.report.Diagnosis;
import io.sigload.report.RunContext;
import io.sigload.report.RunRecorder;
import io.sigload.report.RunResult;
import io.sigload.scenario.Scenario;
import io.sigload.scenario.ScenarioLoader;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.token.Base64Url;
import io.sigload.token.Claim;
import io.sigload.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The diagnosis grid (issue #11): every fault sigload can inject, minted on the client, on an
 * in-process server, and blind through sigload's reference endpoint over HTTP, at several sizes and
 * seeds. A cell is right when the top cause is the injected one and no cause is named that was not
 * injected (an alternative that fits the same numbers, {@code alternativeTo}, is allowed: the report
 * says the tokens cannot choose). The diagnosis sees none of the cell's settings: it gets the run's
 * verdicts and evidence, and a neutral fix language.
 *
 * <p>Run in full: {@code mvn -B test -Dtest=DiagnosisGridTest -Dsigload.grid=full} (docs/diagnosis.md);
 * the table lands in {@code target/diagnosis-grid.md}.
 */
final class DiagnosisGrid {
    private DiagnosisGrid() {
    }

    /** Where a cell's tokens are minted. */
    enum Minting {
        CLIENT, SERVER, SERVE
    }

    static final String HEX_SECRET = "5f3a9c0b7e2d4816a3c5e7f90b1d2f4a6c8e0a2b4d6f8091a3b5c7d9e1f20314";
    static final String B64_SECRET = "c2lnbG9hZC1ncmlkLWJhc2U2NC1zZWNyZXQtbm90LXJlYWw";
    static final String OTHER_SECRET = "another-apps-secret-for-the-grid-NOT-REAL";

    /**
     * One injected fault.
     *
     * @param name the row's name in the table
     * @param minting where tokens are minted
     * @param sets scenario overrides that inject it
     * @param top the causes allowed at the top
     * @param allowed further causes that may be named (injected too: e.g. the clock distribution)
     * @param key how the signer mangles the secret's bytes (an in-process test signer), or null
     * @param control a correct setup: no refusal may be diagnosed (fragile-token causes may be)
     */
    record Fault(String name, Minting minting, List<String> sets, Set<CauseCode> top, Set<CauseCode> allowed,
            UnaryOperator<byte[]> key, boolean control) {
        static Fault of(String name, Minting m, List<String> sets, CauseCode top, CauseCode... allowed) {
            EnumSet<CauseCode> a = EnumSet.noneOf(CauseCode.class);
            a.addAll(List.of(allowed));
            return new Fault(name, m, sets, EnumSet.of(top), a, null, false);
        }

        static Fault control(String name, Minting m, List<String> sets, CauseCode... fragile) {
            EnumSet<CauseCode> a = EnumSet.noneOf(CauseCode.class);
            a.addAll(List.of(fragile));
            return new Fault(name, m, sets, a, a, null, true);
        }

        Fault withKey(UnaryOperator<byte[]> k) {
            return new Fault(name, minting, sets, top, allowed, k, control);
        }
    }

    /**
     * One cell's outcome.
     *
     * @param right whether the diagnosis named the injected cause on top and nothing not injected
     * @param top the top cause (or "none")
     * @param named every cause named
     * @param refused refused participants
     */
    record Outcome(Fault fault, int participants, long seed, boolean right, String top, List<String> named,
            long refused, String text) {
    }

    private static final String NTP = "{normal: {mean: 0s, stddev: 300ms}}";
    private static final String MIXTURE = "{mixture: [{weight: 0.70, normal: {mean: 0s, stddev: 500ms}},"
            + " {weight: 0.12, uniform: [-20s, 20s]}, {weight: 0.12, uniform: [-4m, 4m]},"
            + " {weight: 0.06, list: [1h, -3h]}]}";

    /** Every row of the grid. The concurrency bugs come with branch concur: see CONCURRENCY below. */
    static List<Fault> faults() {
        List<Fault> f = new ArrayList<>();
        for (Minting m : List.of(Minting.CLIENT, Minting.SERVER)) {
            f.add(Fault.control("iat floor-minus-30 (correct)", m, List.of("signer.iat=floor-minus-30")));
            f.add(Fault.control("iat js-round-minus-30 (correct)", m, List.of("signer.iat=js-round-minus-30")));
            f.add(Fault.of("iat js-round", m, List.of("signer.iat=js-round"), CauseCode.IAT_ROUNDED_UP,
                    CauseCode.SERVER_CLOCK_OFFSET));
            f.add(Fault.control("iat fractional-minus-30", m, List.of("signer.iat=fractional-minus-30"),
                    CauseCode.FRACTIONAL_IAT));
            f.add(Fault.of("iat java-float-round-minus-30", m, List.of("signer.iat=java-float-round-minus-30"),
                    CauseCode.FLOAT_ROUNDING));
            f.add(Fault.of("iat java-round-long", m, List.of("signer.iat=java-round-long"), CauseCode.FLOAT_ROUNDING));
            f.add(Fault.of("iat java-round-long-minus-30", m, List.of("signer.iat=java-round-long-minus-30"),
                    CauseCode.FLOAT_ROUNDING));
            f.add(Fault.of("exp in milliseconds", m, List.of("signer.exp=milliseconds"), CauseCode.MILLISECONDS));
            f.add(Fault.of("exp lifetime x 1000", m, List.of("signer.exp=lifetime-times-1000"), CauseCode.EXP_LIFETIME));
            f.add(Fault.of("role as a string", m, List.of("signer.role=string"), CauseCode.CLAIM_TYPES));
            f.add(Fault.control("mn as a number", m, List.of("signer.mn=number"), CauseCode.CLAIM_TYPES));
            f.add(Fault.of("wrong secret", m, List.of("credentials.validatorSecretEnv=GRID_OTHER_SECRET"),
                    CauseCode.WRONG_SECRET));
            f.add(Fault.of("secret hex-decoded", m, List.of("credentials.demoSecret=false",
                    "credentials.secretEnv=GRID_HEX_SECRET"), CauseCode.KEY_ENCODING)
                    .withKey(k -> HexFormat.of().parseHex(new String(k, StandardCharsets.UTF_8))));
            f.add(Fault.of("secret base64-decoded", m, List.of("credentials.demoSecret=false",
                    "credentials.secretEnv=GRID_B64_SECRET"), CauseCode.KEY_ENCODING)
                    .withKey(k -> Base64.getUrlDecoder().decode(new String(k, StandardCharsets.UTF_8))));
        }
        f.add(Fault.of("client clocks (real-world mixture)", Minting.CLIENT, List.of("signer.iat=floor-minus-30",
                "clocks.participants=" + MIXTURE), CauseCode.CLIENT_CLOCKS, CauseCode.TIMEZONE));
        f.add(Fault.of("client clocks (uniform +-4 min)", Minting.CLIENT, List.of("signer.iat=floor-minus-30",
                "clocks.participants={uniform: [-4m, 4m]}"), CauseCode.CLIENT_CLOCKS));
        f.add(Fault.of("client clocks (mixture) + js-round", Minting.CLIENT, List.of("signer.iat=js-round",
                "clocks.participants=" + MIXTURE), CauseCode.CLIENT_CLOCKS, CauseCode.TIMEZONE,
                CauseCode.IAT_ROUNDED_UP));
        f.add(Fault.of("server clock +90 s", Minting.SERVER, List.of("clocks.server=90s"), CauseCode.SERVER_CLOCK_OFFSET));
        f.add(Fault.of("server clock +45 s, floor-minus-30", Minting.SERVER, List.of("clocks.server=45s",
                "signer.iat=floor-minus-30"), CauseCode.SERVER_CLOCK_OFFSET));
        f.add(Fault.of("server clock -3 h (a time zone)", Minting.SERVER, List.of("clocks.server=-3h"),
                CauseCode.TIMEZONE, CauseCode.SERVER_CLOCK_OFFSET));
        f.add(Fault.of("server clock +5 h 30 min (a time zone)", Minting.SERVER, List.of("clocks.server=330m"),
                CauseCode.TIMEZONE, CauseCode.SERVER_CLOCK_OFFSET));
        // blind through sigload's reference endpoint over HTTP (server minting only; wall time)
        f.add(Fault.control("serve: iat floor (correct)", Minting.SERVE, List.of("endpoint.iat=floor")));
        f.add(Fault.control("serve: iat floor-minus-30 (correct)", Minting.SERVE, List.of("endpoint.iat=floor-minus-30")));
        f.add(Fault.of("serve: iat js-round", Minting.SERVE, List.of("endpoint.iat=js-round"), CauseCode.IAT_ROUNDED_UP,
                CauseCode.SERVER_CLOCK_OFFSET));
        f.add(Fault.control("serve: iat fractional-minus-30", Minting.SERVE, List.of("endpoint.iat=fractional-minus-30"),
                CauseCode.FRACTIONAL_IAT));
        f.add(Fault.of("serve: --clock-offset 90s", Minting.SERVE, List.of("endpoint.clockOffset=90s"),
                CauseCode.SERVER_CLOCK_OFFSET));
        f.add(Fault.of("serve: --clock-offset 45s --iat floor-minus-30", Minting.SERVE,
                List.of("endpoint.clockOffset=45s", "endpoint.iat=floor-minus-30"), CauseCode.SERVER_CLOCK_OFFSET));
        f.add(Fault.of("serve: --clock-offset -3h", Minting.SERVE, List.of("endpoint.clockOffset=-3h"),
                CauseCode.TIMEZONE, CauseCode.SERVER_CLOCK_OFFSET));
        // CONCURRENCY (branch concur): a shared unsynchronised Mac, a shared mutable claims object and a
        // cached token, in-process and through serve, come here with their signer settings; expected top
        // causes NOT_THREAD_SAFE (Mac, claims: MN_OR_ROLE_MISMATCH allowed beside it) and TOKEN_REUSED.
        // A shared Mac: at 30 participants in a burst every token is refused in most runs (the race is not
        // seeded), with BAD_SIGNATURE; the replay shows them valid alone, so WRONG_SECRET must not be named
        // beside NOT_THREAD_SAFE (it was, when nobody was accepted). Mint errors (the digest throwing)
        // count as SIGNER_FAILING, which judge() allows.
        f.add(Fault.of("shared Mac (a race; often every token refused)", Minting.SERVER,
                List.of("signer.fault=shared-mac"), CauseCode.NOT_THREAD_SAFE));
        return f;
    }

    static final Map<String, String> ENV = Map.of("GRID_HEX_SECRET", HEX_SECRET, "GRID_B64_SECRET", B64_SECRET,
            "GRID_OTHER_SECRET", OTHER_SECRET);

    /** Runs one cell. */
    static Outcome run(Fault fault, int participants, long seed, Path dir) throws Exception {
        Path file = dir.resolve(fault.minting().name().toLowerCase() + ".yaml");
        if (!Files.exists(file)) {
            Files.writeString(file, base(fault.minting()));
        }
        List<String> sets = new ArrayList<>(fault.sets());
        sets.add("participants=" + participants);
        sets.add("seed=" + seed);
        Scenario s = ScenarioLoader.load(file, sets);
        RunResult r;
        try (LoadRun run = LoadRun.prepare(s, ENV)) {
            if (fault.key() == null) {
                r = run.run(null);
            } else {
                byte[] key = fault.key().apply(secretOf(fault).getBytes(StandardCharsets.UTF_8));
                Signer signer = new MangledKeySigner(s.credentials().sdkKey(), key, s.signer().recipe());
                RunRecorder rec = new RunRecorder(20);
                Plan plan = new Plan(s);
                long elapsed = new Driver(plan, signer, Validator.zoom(), run.template(), rec).run();
                r = rec.result(new RunContext(s.name(), s.source(), seed, participants, signer.describe(), "", "", "",
                        "", "", ""), elapsed);
            }
        }
        // blind: the diagnosis gets the result and a neutral language, nothing of the scenario
        Diagnosis d = Diagnoser.explain(r, Diagnosis.FixLanguage.NEUTRAL_HINT);
        return judge(fault, participants, seed, r, d);
    }

    private static String secretOf(Fault f) {
        return f.sets().contains("credentials.secretEnv=GRID_HEX_SECRET") ? HEX_SECRET : B64_SECRET;
    }

    static Outcome judge(Fault f, int n, long seed, RunResult r, Diagnosis d) {
        List<String> named = new ArrayList<>();
        Set<CauseCode> codes = EnumSet.noneOf(CauseCode.class);
        for (Cause c : d.causes()) {
            named.add(c.code().name() + (c.alternativeTo() == null ? "" : "(alt)"));
            codes.add(c.code());
        }
        boolean right;
        String top = d.causes().isEmpty() ? "none" : d.causes().get(0).code().name();
        // participants that really got no token (an endpoint timing out on a loaded machine) are a real
        // cause the diagnosis must name, injected by the environment rather than the cell
        boolean noToken = !r.mintErrors().byCategory().isEmpty();
        if (noToken) {
            codes.remove(CauseCode.SIGNER_FAILING);
        }
        if (f.control()) {
            long refused = r.verdicts().invalid() - r.mintErrors().byCategory().values().stream()
                    .mapToLong(Long::longValue).sum();
            right = refused == 0 && f.allowed().containsAll(codes);
        } else {
            List<Cause> main = d.causes().stream().filter(c -> !(noToken && c.code() == CauseCode.SIGNER_FAILING)).toList();
            boolean topOk = !main.isEmpty() && f.top().contains(main.get(0).code());
            boolean noneOther = true;
            for (Cause c : d.causes()) {
                boolean ok = f.top().contains(c.code()) || f.allowed().contains(c.code())
                        || (noToken && c.code() == CauseCode.SIGNER_FAILING)
                        || (c.alternativeTo() != null && codes.contains(c.alternativeTo()));
                noneOther &= ok;
            }
            right = topOk && noneOther;
        }
        return new Outcome(f, n, seed, right, top, named, r.verdicts().invalid(), d.text());
    }

    static String base(Minting m) {
        String common = """
                name: grid
                participants: 30
                seed: 1
                meeting: {number: "85746065432", hosts: 1, expirationSeconds: 7200}
                credentials: {sdkKey: SIGLOAD_DEMO_SDK_KEY_NOT_REAL, demoSecret: true}
                validator: {profile: meeting-web}
                """;
        return switch (m) {
            case CLIENT, SERVER -> common + """
                    signer: {type: fast, mintedOn: %s, iat: %s}
                    clocks: {participants: %s, server: 0s, validator: 0s}
                    join: {window: 15m, deliveryDelay: {uniform: [200ms, 2s]}}
                    load: {model: burst}
                    """.formatted(m == Minting.CLIENT ? "client" : "server", m == Minting.CLIENT ? "floor-minus-30" : "floor", NTP);
            case SERVE -> common + """
                    signer: {type: http, mintedOn: server, headers: {Content-Type: application/json},
                             connectTimeout: 2s, readTimeout: 5s, retries: 0}
                    endpoint: {clockOffset: 0s, iat: floor}
                    clocks: {participants: real-world-clients}
                    join: {window: 3s}
                    time: {mode: wall}
                    load: {model: burst, maxInFlight: 64}
                    """;
        };
    }

    /** The grid's table: fault x participants, right/total. */
    static String table(List<Outcome> outcomes, List<Integer> sizes) {
        Map<String, Map<Integer, int[]>> t = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            String row = o.fault().name() + " | " + o.fault().minting().name().toLowerCase();
            expected.putIfAbsent(row, o.fault().control() ? "no refusal" + (o.fault().allowed().isEmpty() ? ""
                    : " (" + String.join(", ", o.fault().allowed().stream().map(Enum::name).toList()) + ")")
                    : String.join(" or ", o.fault().top().stream().map(Enum::name).toList()));
            int[] c = t.computeIfAbsent(row, k -> new TreeMap<>()).computeIfAbsent(o.participants(), k -> new int[2]);
            c[0] += o.right() ? 1 : 0;
            c[1]++;
        }
        StringBuilder b = new StringBuilder("| fault | minted | expected top cause |");
        sizes.forEach(n -> b.append(' ').append(String.format("%,d", n)).append(" |"));
        b.append("\n|---|---|---|");
        sizes.forEach(n -> b.append("---|"));
        b.append('\n');
        int right = 0;
        int total = 0;
        for (var e : t.entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(expected.get(e.getKey())).append(" |");
            for (int n : sizes) {
                int[] c = e.getValue().get(n);
                b.append(' ').append(c == null ? "-" : c[0] + "/" + c[1]).append(" |");
                if (c != null) {
                    right += c[0];
                    total += c[1];
                }
            }
            b.append('\n');
        }
        b.append("\n").append(right).append(" of ").append(total).append(" cells right.\n");
        return b.toString();
    }

    /** An in-process signer whose HMAC key is the secret's bytes mangled (decoded as hex or base64). */
    static final class MangledKeySigner implements Signer {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String sdkKey;
        private final byte[] key;
        private final ClaimsRecipe recipe;

        MangledKeySigner(String sdkKey, byte[] key, ClaimsRecipe recipe) {
            this.sdkKey = sdkKey;
            this.key = key.clone();
            this.recipe = recipe;
        }

        @Override
        public String sign(SignRequest request) {
            try {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Claim c : recipe.claims(sdkKey, request).entries()) {
                    m.put(c.name(), c.value());
                }
                String input = Base64Url.encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                        + "." + Base64Url.encode(JSON.writeValueAsBytes(m));
                return input + "." + Base64Url.encode(HmacKeys.mac(key, input.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String describe() {
            return "grid signer with a mangled key";
        }
    }
}
