package io.sigload.validate;

import io.sigload.token.CompactJws;
import io.sigload.token.DecodedToken;
import io.sigload.token.TokenFormatException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Zoom's rules for every profile, in the order a token is read: size and form, legacy
 * detection, base64url and JSON ({@link EncodingRules}), the MAC ({@link SignatureRules}, only
 * when {@code alg} is HS256), the kind of JWT ({@link TokenKindRules}), claim types
 * ({@link ClaimRules}), time ({@link TimeRules}, {@link TimeHints}) and join context
 * ({@link ContextRules}). A claim that fails a type or unit rule takes part in no later rule.
 *
 * <p>Never throws: tokens over {@link CompactJws#MAX_TOKEN_CHARS} characters get
 * {@code MALFORMED_TOKEN} without being decoded. Thread-safe, stateless.
 */
final class ZoomValidator implements Validator {
    static final ZoomValidator INSTANCE = new ZoomValidator();

    private ZoomValidator() {
    }

    @Override
    public Verdict validate(String token, ValidationContext context) {
        try {
            return validateUnguarded(token, context);
        } catch (RuntimeException | StackOverflowError e) {
            Findings f = new Findings();
            f.add(ReasonCode.MALFORMED_TOKEN, "the token could not be read (" + e.getClass().getSimpleName() + ")");
            return f.verdict();
        }
    }

    /**
     * The rules without the last-resort guard of {@link #validate}; tests call it to find bugs.
     * A clean valid Meeting SDK token is recognised by {@link FastPath} in one pass; every other
     * token goes through {@link #validateFull}.
     */
    Verdict validateUnguarded(String token, ValidationContext ctx) {
        if (FastPath.accepts(token, ctx)) {
            return FastPath.valid();
        }
        return validateFull(token, ctx);
    }

    /** Every rule, in order, on the decoded JSON trees: the reference that {@link FastPath} must agree with. */
    Verdict validateFull(String token, ValidationContext ctx) {
        Findings f = new Findings();
        if (token == null || token.isEmpty()) {
            f.add(ReasonCode.MALFORMED_TOKEN, "the token is empty");
            return f.verdict();
        }
        if (token.length() > CompactJws.MAX_TOKEN_CHARS) {
            f.add(ReasonCode.MALFORMED_TOKEN, "the token is " + token.length() + " characters, over the limit of "
                    + CompactJws.MAX_TOKEN_CHARS + "; not decoded", "length", token.length());
            return f.verdict();
        }
        PastedToken pasted = PastedToken.of(token);
        if (pasted.wrapped()) {
            String what = String.join("; ", pasted.strip());
            f.add(ReasonCode.MALFORMED_TOKEN, "the token was pasted with characters around it: strip " + what,
                    "strip", pasted.strip(), "fix", "Send the token alone: strip " + what + ".");
            f.add(ReasonCode.NON_BASE64URL, "characters that are not base64url surround the token (strip " + what + ")",
                    "segment", "around the token");
            return f.verdict();
        }
        Optional<LegacySignature> legacy = LegacySignature.parse(token);
        if (legacy.isPresent()) {
            if (ctx.profile() == Profile.LEGACY) {
                LegacyRules.check(legacy.get(), ctx, f);
            } else {
                f.add(ReasonCode.LEGACY_FORMAT, "a pre-JWT Web SDK signature (key.mn.ts.role.hash"
                        + (legacy.get().wrapped() ? ", base64-wrapped" : "") + ") where " + ctx.profile().wireName()
                        + " requires a JWT");
            }
            return f.verdict();
        }
        DecodedToken t;
        try {
            t = CompactJws.decode(token);
        } catch (TokenFormatException e) {
            String what = ctx.profile() == Profile.LEGACY ? "neither a legacy signature nor a JWT: " : "";
            f.add(ReasonCode.MALFORMED_TOKEN, what + e.getMessage());
            EncodingRules.undecodable(token, f);
            return f.verdict();
        }
        boolean macCheckable = EncodingRules.check(t, f);
        if (macCheckable) {
            // Under legacy too: a JWT there is WRONG_TOKEN_KIND, and its MAC is still checked.
            SignatureRules.check(t.signingInput(), t.signature(), t.signatureSegment(), ctx, f, "the signature");
        }
        if (t.payload() != null && !TokenKindRules.check(t.payload(), ctx.profile(), f)) {
            TypedClaims claims = ClaimRules.check(t.payload(), t.payloadJson(), ctx.profile(), f);
            BigDecimal now = NumericDates.seconds(ctx.now());
            f.language(TokenLanguage.guess(t, claims.iat()));
            f.times(new TokenTimes(claims.iat() == null ? Double.NaN : claims.iat().doubleValue(),
                    claims.exp() == null ? Double.NaN : claims.exp().doubleValue()));
            TimeRules.check(claims, now, ctx, f);
            ContextRules.check(claims, ctx, f);
            TimeHints.check(claims, now, f);
        }
        return f.verdict();
    }
}
