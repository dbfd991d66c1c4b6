package io.sigload.validate;

import io.sigload.token.DecodedToken;
import java.math.BigDecimal;

/**
 * The language a token was likely minted in, guessed from marks its generator leaves, so a hint's
 * fix can be written in that language. A guess, never evidence for a verdict; neutral without a mark.
 * Marks: a header serialised with spaces after ':' (Python's {@code json.dumps}); a fractional iat with at most 3 decimals ({@code Date.now() / 1000},
 * JavaScript). An iat on the 128 s float grid is no mark: it happens by chance 3 in 128, and taking it for
 * Java would give a JavaScript developer a Java fix.
 *
 * @param language {@code javascript}, {@code java}, {@code python} or {@code neutral} (header order is no
 *     mark: java-jwt writes typ first, like firebase/php-jwt)
 * @param basis the mark, for people
 */
public record TokenLanguage(String language, String basis) {
    /** No mark found. */
    public static final TokenLanguage NEUTRAL = new TokenLanguage("neutral", "no mark of a language");

    static TokenLanguage guess(DecodedToken t, BigDecimal iat) {
        String h = t.headerJson() == null ? "" : t.headerJson();
        if (h.contains("\": ")) {
            return new TokenLanguage("python", "header JSON with a space after ':', as Python's json.dumps writes it");
        }
        if (iat != null) {
            BigDecimal s = iat.stripTrailingZeros();
            if (s.scale() > 0 && s.scale() <= 3) {
                return new TokenLanguage("javascript", "a fractional iat with millisecond digits, as Date.now() / 1000 gives");
            }
        }
        return NEUTRAL;
    }
}
