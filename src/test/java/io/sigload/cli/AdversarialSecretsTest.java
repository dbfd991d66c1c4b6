package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.cli.HostileEndpoint.Answer;
import io.sigload.guard.Redactor;
import io.sigload.guard.SecretForms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adversarial suite, secrets part: every subcommand and every report format, run against
 * endpoints and child signers that echo a random secret in every form they can (error bodies cut
 * near the secret, HTML, headers, member names, the token itself, a claim, base64, hex, percent,
 * {@code \}{@code u} escapes, HTML entities, upper case, a long stderr line), and every byte
 * written (stdout, stderr, each file) searched for any 8-character piece of the secret in any of
 * those encodings ({@link SecretForms#leaks}). Also: no raw control character from outside
 * reaches the console.
 */
class AdversarialSecretsTest {
    /** Random per run; the seed is in every failure message. */
    static final long SEED = System.nanoTime();
    static final String SECRET = SecretForms.randomSecret(SEED);

    @TempDir
    static Path dir;
    static Path secretFile;

    @BeforeAll
    static void writeSecret() throws Exception {
        secretFile = Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
    }

    /** What a hostile endpoint answers, by name. */
    static Map<String, Function<String, Answer>> endpoints() {
        Map<String, Function<String, Answer>> m = new LinkedHashMap<>();
        Map<String, String> forms = SecretForms.encodings(SECRET);
        m.put("400 body cut near the secret", b -> Answer.of(400, "text/plain", "x".repeat(170) + SECRET + " trailing"));
        m.put("400 Zoom shape with the secret", b -> Answer.of(400, "application/json",
                "{\"errors\":[{\"property\":\"" + SECRET + "\",\"reason\":\"" + "y".repeat(190) + SECRET + "\"}]}"));
        m.put("HTML page with the secret in its head", b -> Answer.of(200, "text/html",
                "<html><head><title>" + "t".repeat(50) + SECRET + "</title></head></html>"));
        m.put("the secret as the signature", b -> Answer.of(200, "application/json", "{\"signature\":\"" + SECRET + "\"}"));
        m.put("a token with the secret in role", b -> Answer.of(200, "application/json",
                "{\"signature\":\"" + token("\"role\":\"" + SECRET + "\"") + "\"}"));
        m.put("a token with the secret in a claim, misaligned", b -> Answer.of(200, "application/json",
                "{\"signature\":\"" + token("\"mn\":\"1" + SECRET + "\",\"role\":0") + "\"}"));
        m.put("every encoding in a 400 body", b -> Answer.of(400, "text/plain", String.join(" | ", forms.values())));
        m.put("every encoding in a 500 JSON body", b -> Answer.of(500, "application/json",
                "{\"error\":\"" + String.join(" ", forms.values()).replace("\\", "\\\\") + "\"}"));
        m.put("redirect to the secret", b -> new Answer(302, "text/plain", Map.of("Location", "http://x/" + SECRET), ""));
        m.put("secret in the Content-Type", b -> Answer.of(200, "text/" + SECRET.toLowerCase(), "{\"signature\":\"a\"}"));
        m.put("secret as a JSON member name", b -> Answer.of(200, "application/json", "{\"" + SECRET + "\":1}"));
        m.put("escape sequences and the secret", b -> Answer.of(400, "text/plain",
                "ok\u001b]0;PWNED\u0007\u001b[2J\r0 invalid \u001b[1A " + SECRET.substring(3, 30)));
        return m;
    }

    static Stream<String> endpointNames() {
        return endpoints().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpointNames")
    void run_everyReportFormat_againstAHostileEndpoint(String name) throws Exception {
        try (HostileEndpoint e = HostileEndpoint.start(endpoints().get(name))) {
            Path scenario = httpScenario("run-" + slug(name), e.url(), "burst");
            Outputs o = run(slug(name), "run", scenario.toString(), "--assert", "invalid == 0");
            o.assertClean(name);
        }
    }

    /**
     * {@code run --shard} and {@code merge}: every file the shards write (report and histogram log)
     * and every report the merge writes, against endpoints that echo the secret in error bodies
     * and inside the tokens. The merge never loads the secret, so the shards' own masking is what
     * keeps it out of the merged result.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"400 Zoom shape with the secret", "a token with the secret in role"})
    void shardsAndTheirMerge_everyFileWritten_againstAHostileEndpoint(String name) throws Exception {
        try (HostileEndpoint e = HostileEndpoint.start(endpoints().get(name))) {
            Path scenario = httpScenario("shards-" + slug(name), e.url(), "burst");
            Path d = Files.createDirectories(dir.resolve("out-shards-" + slug(name)));
            StringBuilder out = new StringBuilder();
            StringBuilder err = new StringBuilder();
            List<String> shards = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String json = d.resolve("shard-" + i + ".json").toString();
                CliRun r = CliRun.of("run", scenario.toString(), "--shard", i + "/2", "--json", json);
                assertThat(r.exitCode()).as(r.err()).isNotEqualTo(2);
                out.append(r.out());
                err.append(r.err());
                shards.add(json);
            }
            List<String> merge = new ArrayList<>(List.of("merge"));
            merge.addAll(shards);
            for (String f : List.of("json", "html", "hlog", "junit", "summary")) {
                merge.add("--" + f);
                merge.add(d.resolve("merged." + f).toString());
            }
            CliRun m = CliRun.of(merge.toArray(String[]::new));
            assertThat(m.exitCode()).as(m.err()).isNotEqualTo(2);
            out.append(m.out());
            err.append(m.err());
            Map<String, String> files = new LinkedHashMap<>();
            try (Stream<Path> written = Files.list(d)) {
                for (Path f : written.sorted().toList()) {
                    files.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(files).containsKeys("shard-0.json", "shard-1.json", "merged.json", "merged.html", "merged.hlog",
                    "merged.junit", "merged.summary");
            assertThat(files.keySet()).as("each shard's histogram log").filteredOn(f -> f.startsWith("shard-")
                    && f.endsWith(".hlog")).hasSize(2);
            assertThat(files.get("shard-0.json") + files.get("merged.json")).as("the echo reached the reports, masked")
                    .contains(Redactor.MASK);
            new Outputs(m.exitCode(), out.toString(), err.toString(), files).assertClean("shards and merge: " + name);
        }
    }

    /** Child signers (python3) that echo the secret they get in ZOOM_MEETING_SDK_SECRET. */
    static Map<String, String> children() {
        String head = "import sys, os, json, base64, hmac, hashlib, binascii\n"
                + "s = os.environ['ZOOM_MEETING_SDK_SECRET']\n"
                + "def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()\n"
                + "def jwt(claims):\n"
                + "    h = b64(b'{\"alg\":\"HS256\",\"typ\":\"JWT\"}'); p = b64(json.dumps(claims).encode())\n"
                + "    return h + '.' + p + '.' + b64(hmac.new(s.encode(), (h + '.' + p).encode(), hashlib.sha256).digest())\n"
                + "def answer(o): print(json.dumps(o), flush=True)\n";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stderr line cut at 8 KiB across the secret", head
                + "sys.stderr.write('x' * 8170 + s + ' end\\n'); sys.stderr.flush(); sys.exit(3)\n");
        m.put("error naming the secret", head + "for line in sys.stdin: answer({'error': 'bad key ' + 'e' * 180 + s})\n");
        m.put("bad output with the secret escaped", head
                + "for line in sys.stdin: print('{\"oops\": \"' + ''.join('\\\\u%04x' % ord(c) for c in s) + '\"}', flush=True)\n");
        m.put("the secret as the signature", head + "for line in sys.stdin: answer({'signature': s})\n");
        m.put("a token with the secret in role", head + "import time\n"
                + "for line in sys.stdin:\n"
                + "    r = json.loads(line); n = r['nowMillis'] // 1000\n"
                + "    answer({'signature': jwt({'appKey': 'k', 'sdkKey': 'k', 'mn': r['meetingNumber'], 'role': s,"
                + " 'iat': n - 30, 'exp': n + 7200, 'tokenExp': n + 7200})})\n");
        m.put("base64 and hex in an error", head + "for line in sys.stdin: answer({'error': base64.b64encode(s.encode()).decode()"
                + " + ' ' + binascii.hexlify(s.encode()).decode().upper() + ' ' + s.upper()})\n");
        m.put("escape sequences on stderr", head
                + "sys.stderr.write('\\x1b]0;PWNED\\x07\\x1b[2J\\r0 invalid ' + s[5:20] + '\\n'); sys.stderr.flush(); sys.exit(1)\n");
        return m;
    }

    static Stream<String> childNames() {
        return children().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("childNames")
    void run_everyReportFormat_againstAHostileChild(String name) throws Exception {
        Path script = Files.writeString(dir.resolve("child-" + slug(name) + ".py"), children().get(name));
        Path scenario = Files.writeString(dir.resolve("run-child-" + slug(name) + ".yaml"), """
                participants: 3
                credentials: {secretFile: %s}
                signer: {type: process, command: [python3, %s], instances: 1, restarts: 0, timeout: 3s}
                """.formatted(secretFile, script));
        Outputs o = run("child-" + slug(name), "run", scenario.toString());
        o.assertClean(name);
    }

    @Test
    void skew_jsonAndHtml_againstAHostileEndpointAndChild() throws Exception {
        try (HostileEndpoint e = HostileEndpoint.start(endpoints().get("a token with the secret in role"))) {
            Outputs o = run("skew-http", "skew", httpScenario("skew-http", e.url(), "burst").toString(), "--from", "-1h",
                    "--to", "1h");
            o.assertClean("skew against an endpoint");
        }
        Path script = Files.writeString(dir.resolve("skew-child.py"), children().get("a token with the secret in role"));
        Path scenario = Files.writeString(dir.resolve("skew-child.yaml"), """
                participants: 1
                credentials: {secretFile: %s}
                signer: {type: process, command: [python3, %s], instances: 2, timeout: 3s}
                """.formatted(secretFile, script));
        run("skew-child", "skew", scenario.toString(), "--from", "-10m", "--to", "10m").assertClean("skew against a child");
    }

    @Test
    void compare_jsonAndHtml_againstAHostileEndpoint() throws Exception {
        try (HostileEndpoint e = HostileEndpoint.start(endpoints().get("every encoding in a 400 body"))) {
            Path s = Files.writeString(dir.resolve("compare.yaml"), """
                    participants: 3
                    credentials: {secretFile: %s}
                    signer: {type: http, url: "%s", connectTimeout: 1s, readTimeout: 1s, retries: 0}
                    time: {mode: wall}
                    join: {window: 0s}
                    compare: [http, {type: http, label: again}]
                    """.formatted(secretFile, e.url()));
            run("compare", "compare", s.toString(), "--in-process", "--no-skew").assertClean("compare");
        }
    }

    @Test
    void inspect_aTokenHoldingTheSecret_printsNoPieceOfIt() throws Exception {
        String t = token("\"role\":\"" + SECRET + "\",\"mn\":\"" + SECRET.toUpperCase() + "\"");
        Outputs text = run("inspect", "inspect", "--secret-file", secretFile.toString(), t);
        text.assertClean("inspect");
        Outputs json = run("inspect-json", "inspect", "--secret-file", secretFile.toString(), "--json", t);
        json.assertClean("inspect --json");
    }

    @Test
    void setCredentialsSecret_isRefused_withoutPrintingTheValue() throws Exception {
        Outputs o = run("set-secret", "run", "scenarios/thirty-users.yaml", "--set", "credentials.secret=" + SECRET);
        assertThat(o.code).isEqualTo(2);
        assertThat(o.err).contains("credentials.secret").contains("never written in a scenario");
        o.assertClean("--set credentials.secret");
    }

    @Test
    void childJvm_serveAndAHeaderFromTheEnvironment_printNoPieceOfEither(@TempDir Path here) throws Exception {
        String apiKey = SecretForms.randomSecret(SEED + 1);
        try (HostileEndpoint e = HostileEndpoint.start(b -> Answer.of(400, "text/plain", "you sent " + b))) {
            Path s = Files.writeString(here.resolve("headers.yaml"), """
                    participants: 2
                    credentials: {secretEnv: ADV_SECRET}
                    signer:
                      type: http
                      url: "%s"
                      headers: {X-Api-Key: {env: ADV_API_KEY}}
                      retries: 0
                    time: {mode: wall}
                    join: {window: 0s}
                    """.formatted(e.url()));
            try (ChildSigload c = ChildSigload.start(here, Map.of("ADV_SECRET", SECRET, "ADV_API_KEY", apiKey),
                    "run", s.toString(), "--json", here.resolve("h.json").toString())) {
                int code = c.exitCode(Duration.ofSeconds(120));
                String all = c.stdout() + c.stderr() + Files.readString(here.resolve("h.json"));
                assertThat(code).as(all).isIn(0, 2);
                assertThat(SecretForms.leaks(apiKey, all)).as("seed " + SEED + ": " + all).isEmpty();
                assertThat(SecretForms.leaks(SECRET, all)).as("seed " + SEED + ": " + all).isEmpty();
            }
        }
        try (ChildSigload c = ChildSigload.start(here, Map.of("ZOOM_MEETING_SDK_KEY", "k", "ZOOM_MEETING_SDK_SECRET", SECRET),
                "serve", "--port", "0", "--stop-after", "2s", "--latency", "uniform:" + SECRET)) {
            int code = c.exitCode(Duration.ofSeconds(60));
            String all = c.stdout() + c.stderr();
            assertThat(code).as(all).isEqualTo(2);
            assertThat(SecretForms.leaks(SECRET, all)).as("seed " + SEED + ": " + all).isEmpty();
        }
    }

    // --- helpers ---

    /** A compact JWS with these claim members (plus iat/exp now), signed with the secret. */
    static String token(String members) {
        long now = System.currentTimeMillis() / 1000;
        String payload = "{\"appKey\":\"k\",\"sdkKey\":\"k\"," + members + ",\"iat\":" + (now - 30) + ",\"exp\":"
                + (now + 7200) + ",\"tokenExp\":" + (now + 7200) + "}";
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        String input = b.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + b.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path httpScenario(String name, String url, String model) throws Exception {
        return Files.writeString(dir.resolve(name + ".yaml"), """
                participants: 4
                credentials: {secretFile: %s}
                signer: {type: http, url: "%s", connectTimeout: 1s, readTimeout: 1s, retries: 0}
                time: {mode: wall}
                join: {window: 0s}
                load: {model: %s}
                """.formatted(secretFile, url, model));
    }

    static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
    }

    /** One command's exit code, stdout, stderr and report files. */
    record Outputs(int code, String out, String err, Map<String, String> files) {
        void assertClean(String what) {
            List<String> problems = new ArrayList<>();
            Map<String, String> all = new LinkedHashMap<>(files);
            all.put("stdout", out);
            all.put("stderr", err);
            all.forEach((where, text) -> SecretForms.leaks(SECRET, text).forEach(l -> problems.add(where + ": " + l)));
            for (String console : List.of(out, err)) {
                if (console.chars().anyMatch(c -> c == 0x1b || c == '\r' || c == 0x07 || (c >= 0x80 && c <= 0x9f))) {
                    problems.add("a raw control character on the console");
                }
            }
            assertThat(problems).as("%s (secret seed %d):%nstdout: %s%nstderr: %s", what, SEED, out, err).isEmpty();
        }
    }

    /** Runs a command with every report file it can write (by subcommand), reading them all back. */
    static Outputs run(String name, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        Map<String, Path> files = new LinkedHashMap<>();
        Path d = Files.createDirectories(dir.resolve("out-" + name));
        switch (args[0]) {
            case "run" -> {
                for (String f : List.of("json", "junit", "summary", "html")) {
                    files.put(f, d.resolve("report." + f));
                    a.add("--" + f);
                    a.add(d.resolve("report." + f).toString());
                }
            }
            case "skew", "compare" -> {
                for (String f : List.of("json", "html")) {
                    files.put(f, d.resolve("report." + f));
                    a.add("--" + f);
                    a.add(d.resolve("report." + f).toString());
                }
            }
            default -> {
            }
        }
        CliRun r = CliRun.of(a.toArray(String[]::new));
        Map<String, String> read = new LinkedHashMap<>();
        for (var e : files.entrySet()) {
            if (Files.exists(e.getValue())) {
                read.put(e.getKey(), Files.readString(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        if (args[0].equals("run") && r.exitCode() != 2) {
            assertThat(read.keySet()).as("every report written: " + r.err()).containsAll(files.keySet());
        }
        return new Outputs(r.exitCode(), r.out(), r.err(), read);
    }
}
