package io.sigload.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;

class RedactorTest {
    private static final String SECRET = SecretForms.randomSecret(7);
    private final Redactor r = Redactor.of(SECRET);

    @Test
    void wholeSecret_isMasked() {
        assertThat(r.mask("key=" + SECRET + ".")).isEqualTo("key=[secret].");
    }

    @Test
    void anyPieceOfEightCharacters_isMasked_sevenAreNot() {
        assertThat(r.mask("x" + SECRET.substring(10, 18) + "y")).isEqualTo("x[secret]y");
        assertThat(r.mask("x" + SECRET.substring(10, 17) + "y")).isEqualTo("x" + SECRET.substring(10, 17) + "y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "upper", "base64", "base64url", "base64url+1", "base64url+2", "hex", "HEX",
        "percent", "json-u", "html-dec", "html-hex"})
    void everyEncoding_isMasked(String encoding) {
        String form = SecretForms.encodings(SECRET).get(encoding);
        String masked = r.mask("before " + form + " after");
        assertThat(SecretForms.leaks(SECRET, masked)).isEmpty();
        assertThat(masked).startsWith("before ").endsWith(" after").contains(Redactor.MASK);
    }

    @Test
    void aTokenWithTheSecretInAClaim_losesEveryPieceOfIt_atEveryAlignment() {
        for (int pad = 0; pad < 6; pad++) {
            String payload = "{\"role\":\"" + "x".repeat(pad) + SECRET + "\",\"iat\":1}";
            String token = "eyJhbGciOiJIUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
            String masked = r.mask(token);
            assertThat(masked).as("pad " + pad).contains(Redactor.MASK);
            // decode what is left of the payload leniently: no piece of the secret survives
            assertThat(SecretForms.leaks(SECRET, masked)).isEmpty();
        }
    }

    @Test
    void quote_masksBeforeItCuts() {
        String body = "x".repeat(170) + SECRET + " trailing";
        String q = r.quote(body, 200);
        assertThat(SecretForms.leaks(SECRET, q)).isEmpty();
        assertThat(q).startsWith("x".repeat(170) + "[secret]");
        for (int cut = 160; cut < 230; cut++) {
            assertThat(SecretForms.leaks(SECRET, r.quote(body, cut))).as("cut at " + cut).isEmpty();
            assertThat(r.quote(body, cut)).doesNotContain("[secr...").doesNotContain("[secret...");
        }
    }

    @Test
    void quote_escapesControlCharacters() {
        assertThat(Redactor.NONE.quote("ok\u001b]0;PWNED\u0007\r0 invalid\n", 100))
                .isEqualTo("ok\\x1b]0;PWNED\\x07\\r0 invalid\\n");
    }

    @Test
    void maskedJson_staysValidJson_withTheSecretInEveryEscapedForm() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            String secret = trial % 2 == 0 ? SECRET : "q\"u\\o/te&<>" + SecretForms.randomSecret(trial);
            Redactor red = Redactor.of(secret);
            StringBuilder value = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                var forms = SecretForms.encodings(secret).values().toArray(String[]::new);
                String f = forms[rnd.nextInt(forms.length)];
                int a = rnd.nextInt(f.length() - 8);
                value.append(rnd.nextBoolean() ? "\\\"" : "\"\\").append(f, a, a + 8 + rnd.nextInt(f.length() - a - 8 + 1));
            }
            String doc = json.writeValueAsString(Map.of("message", value.toString(), "n", 1));
            String masked = red.mask(doc);
            assertThatCode(() -> json.readTree(masked)).as(doc + " -> " + masked).doesNotThrowAnyException();
            assertThat(SecretForms.leaks(secret, json.readTree(masked).get("message").asText())).as(masked).isEmpty();
        }
    }

    @Test
    void maskedXml_staysWellFormed() throws Exception {
        String secret = "a&b<c>\"d" + SecretForms.randomSecret(11);
        String esc = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        String xml = "<t a=\"" + esc + "\">" + esc + "</t>";
        String masked = Redactor.of(secret).mask(xml);
        assertThatCode(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(masked)))).as(masked).doesNotThrowAnyException();
        assertThat(masked).doesNotContain(secret.substring(8, 20));
    }

    @Test
    void shortSecret_isMaskedWhereItOccursWhole() {
        Redactor s = Redactor.of("s3cr");
        assertThat(s.mask("a s3cr b S3CR c s3c")).isEqualTo("a [secret] b [secret] c s3c");
        assertThat(Redactor.of("abc").mask("abc")).isEqualTo("abc"); // under MIN_SECRET: not registered
    }

    @Test
    void ordinaryText_isLeftAlone() {
        String report = "sigload run: thirty-users  (seed 42, 30 participants, burst, simulated time)";
        assertThat(r.mask(report)).isEqualTo(report);
        assertThat(Redactor.NONE.mask(SECRET)).isEqualTo(SECRET);
    }

    @Test
    void addedLater_isMaskedFromThen() {
        Redactor x = Redactor.create();
        assertThat(x.mask(SECRET)).isEqualTo(SECRET);
        x.add(SECRET);
        assertThat(x.mask(SECRET)).isEqualTo("[secret]");
    }

    @Test
    void maskIsLinear_inTheTextLength() {
        // 4 MB of near-misses: every 7-character run is a piece of the secret
        StringBuilder b = new StringBuilder();
        while (b.length() < 4_000_000) {
            b.append(SECRET, 0, 7).append(' ');
        }
        String t = b.toString();
        assertThat(r.mask(t)).isEqualTo(t);
    }
}
