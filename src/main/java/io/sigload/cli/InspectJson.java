package io.sigload.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.TokenFormatException;
import io.sigload.validate.Fixes;
import io.sigload.validate.LegacySignature;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --json} report of {@code sigload inspect}: {@code valid}, {@code errors},
 * {@code warnings}, {@code hints} (code lists) and {@code details} (profile, clock, whether the
 * MAC was checked, header, claims, and each violation with its message, numbers and fix).
 * Never contains the secret. Stateless.
 */
final class InspectJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private InspectJson() {
    }

    static void print(String token, ValidationContext ctx, Verdict v, PrintWriter out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("valid", v.valid());
        root.put("errors", codes(v.errors()));
        root.put("warnings", codes(v.warnings()));
        root.put("hints", codes(v.hints()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("profile", ctx.profile().wireName());
        details.put("at", ctx.now().getEpochSecond());
        details.put("atUtc", ctx.now().toString());
        details.put("iatLeewaySeconds", ctx.iatLeewaySeconds());
        details.put("signatureChecked", ctx.secret() != null);
        if (ctx.secret() != null) {
            details.put("secretSource", ctx.secret().source());
        }
        try {
            DecodedToken t = CompactJws.decode(token);
            details.put("header", t.header());
            details.put("claims", t.payload());
        } catch (TokenFormatException e) {
            details.put("decode", e.getMessage());
            LegacySignature.parse(token).ifPresent(l -> details.put("legacy", Map.of(
                    "apiKey", l.apiKey(), "meetingNumber", l.meetingNumber(), "timestamp", l.timestamp(),
                    "role", l.role(), "wrapped", l.wrapped())));
        }
        details.put("errors", violations(v.errors()));
        details.put("warnings", violations(v.warnings()));
        details.put("hints", violations(v.hints()));
        root.put("details", details);
        try {
            out.println(MAPPER.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the verdict as JSON", e);
        }
    }

    private static List<String> codes(List<Violation> vs) {
        return vs.stream().map(x -> x.code().name()).toList();
    }

    private static List<Map<String, Object>> violations(List<Violation> vs) {
        return vs.stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", x.code().name());
            m.put("message", x.message());
            m.put("details", x.details());
            m.put("fix", Fixes.of(x));
            return m;
        }).toList();
    }
}
