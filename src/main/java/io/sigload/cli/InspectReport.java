package io.sigload.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.TokenFormatException;
import io.sigload.validate.Fixes;
import io.sigload.validate.PastedToken;
import io.sigload.validate.LegacySignature;
import io.sigload.validate.ProfileRules;
import io.sigload.validate.ReasonCode;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The human report of {@code sigload inspect}: clock, header and claims (times as UTC dates and
 * relative to the validator's clock), each rule passed or broken, warnings, hints with their
 * fixes, and the verdict. Never prints the secret (only where it came from). Stateless.
 */
final class InspectReport {
    private static final Set<String> TIME_CLAIMS = Set.of("iat", "exp", "tokenExp", "nbf");
    private static final int MAX_VALUE_CHARS = 100;

    private InspectReport() {
    }

    static void print(String token, ValidationContext ctx, Verdict v, PrintWriter out) {
        out.println("Profile:   " + ctx.profile().wireName() + "; validator clock " + TimeText.plain(
                BigDecimal.valueOf(ctx.now().getEpochSecond()).add(BigDecimal.valueOf(ctx.now().getNano(), 9)))
                + " (" + ctx.now() + ")" + (ctx.iatLeewaySeconds() > 0 ? ", iat leeway " + ctx.iatLeewaySeconds() + " s" : ""));
        printToken(token, ctx, out);
        out.println(ctx.secret() == null
                ? "Signature: NOT CHECKED: no secret given (use --secret-env VAR or --secret-file FILE); every other rule is checked"
                : "Signature: checked with the secret from " + ctx.secret().source() + " (" + ctx.secret().length()
                        + " bytes)" + (ctx.alternativeSecrets().isEmpty() ? ""
                        : ", " + ctx.alternativeSecrets().size() + " alternative secret(s) to explain a mismatch"));
        out.println("Rules:");
        // a token that could not be read was not checked further: its other rules are not "ok"
        boolean unread = v.hasError(ReasonCode.MALFORMED_TOKEN);
        for (ReasonCode code : ProfileRules.errorRules(ctx.profile())) {
            Optional<Violation> broken = v.errors().stream().filter(x -> x.code() == code).findFirst();
            String state = broken.isPresent() ? "BROKEN " : unread ? "n/a    " : skipped(code, ctx) ? "skipped" : "ok     ";
            String text = broken.map(Violation::message).orElse(unread ? "not checked: the token could not be read"
                    : skipped(code, ctx) ? skipReason(code) : "");
            out.println(("  " + state + "  " + String.format("%-28s", code.name()) + " " + text).stripTrailing());
        }
        for (Violation x : v.errors()) {
            if (!ProfileRules.errorRules(ctx.profile()).contains(x.code())) {
                out.printf("  %s  %-28s %s%n", "BROKEN ", x.code().name(), x.message());
            }
        }
        section("Warnings", v.warnings(), false, out);
        section("Hints", v.hints(), true, out);
        if (!v.errors().isEmpty()) {
            out.println("Fixes:");
            for (Violation x : v.errors()) {
                out.println("  " + x.code().name() + ": " + Fixes.of(x));
            }
        }
        out.println(v.valid() ? "Verdict:   VALID" + (v.warnings().isEmpty() ? "" : " (with " + v.warnings().size()
                + " warning(s))") : "Verdict:   INVALID (" + v.errors().size() + " error(s): "
                + String.join(", ", v.errorCodes().stream().map(Enum::name).toList()) + ")");
    }

    private static boolean skipped(ReasonCode code, ValidationContext ctx) {
        return switch (code) {
            case BAD_SIGNATURE -> ctx.secret() == null;
            case MN_MISMATCH -> ctx.meetingNumber() == null;
            case TPC_MISMATCH -> ctx.sessionName() == null;
            default -> false;
        };
    }

    private static String skipReason(ReasonCode code) {
        return switch (code) {
            case BAD_SIGNATURE -> "no secret given (--secret-env VAR or --secret-file FILE)";
            case MN_MISMATCH -> "no --meeting-number given";
            default -> "no --session-name given";
        };
    }

    private static void section(String title, List<Violation> list, boolean withFix, PrintWriter out) {
        if (list.isEmpty()) {
            out.println(title + ": none");
            return;
        }
        out.println(title + ":");
        for (Violation x : list) {
            out.printf("  %-28s %s%n", x.code().name(), x.message());
            if (withFix) {
                out.println("    fix: " + Fixes.of(x));
            }
        }
    }

    private static void printToken(String token, ValidationContext ctx, PrintWriter out) {
        PastedToken pasted = PastedToken.of(token);
        if (pasted.wrapped()) {
            out.println("Token:     pasted with characters around it; strip " + String.join("; ", pasted.strip()));
            out.println("           Below: the token without them (the verdict is for the token as given).");
            if (pasted.inner().isEmpty() || pasted.inner().startsWith("{")) {
                return;
            }
            token = pasted.inner();
        }
        Optional<LegacySignature> legacy = LegacySignature.parse(token);
        if (legacy.isPresent()) {
            LegacySignature l = legacy.get();
            out.println("Token:     legacy pre-JWT signature (key.mn.ts.role.hash" + (l.wrapped() ? ", base64-wrapped" : "")
                    + "), " + token.length() + " characters");
            out.println("  apiKey         " + cut(l.apiKey()));
            out.println("  meetingNumber  " + cut(l.meetingNumber()));
            String ts = l.timestamp();
            String when = "";
            if (ts.length() <= 11) {
                when = "  (looks like seconds, milliseconds are required: " + TimeText.describe(new BigDecimal(ts), ctx.now())
                        + ")";
            } else if (ts.length() <= 15) {
                when = "  (milliseconds: " + TimeText.describe(new BigDecimal(ts).movePointLeft(3), ctx.now()) + ")";
            }
            out.println("  timestamp      " + cut(ts) + when);
            out.println("  role           " + cut(l.role()));
            return;
        }
        DecodedToken t;
        try {
            t = CompactJws.decode(token);
        } catch (TokenFormatException e) {
            out.println("Token:     cannot be read as a compact JWS: " + e.getMessage());
            return;
        }
        out.println("Token:     compact JWS, " + token.length() + " characters"
                + (t.strictBase64url() ? "" : " (not strict base64url; decoded leniently)"));
        out.println("Header:    " + (t.header() == null ? "not a JSON object: " + cut(String.valueOf(t.headerJson()))
                : cut(t.header().toString())));
        if (t.payload() == null) {
            out.println("Claims:    not a JSON object: " + cut(String.valueOf(t.payloadJson())));
            return;
        }
        out.println("Claims:");
        for (Map.Entry<String, JsonNode> e : t.payload().properties()) {
            JsonNode n = e.getValue();
            String value = n.isBigDecimal() ? n.decimalValue().toString() : n.toString();
            String when = "";
            if (TIME_CLAIMS.contains(e.getKey()) && n.isNumber() && !(n.isDouble() && !Double.isFinite(n.doubleValue()))) {
                String d = TimeText.describe(n.decimalValue(), ctx.now());
                when = d.isEmpty() ? "" : "  " + d;
            }
            out.printf("  %-12s %s%s%n", cut(e.getKey()), cut(value), when);
        }
    }

    private static String cut(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_VALUE_CHARS + 20));
        for (int i = 0; i < s.length() && i < MAX_VALUE_CHARS; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() <= MAX_VALUE_CHARS ? b.toString() : b + "...(" + s.length() + " chars)";
    }
}
