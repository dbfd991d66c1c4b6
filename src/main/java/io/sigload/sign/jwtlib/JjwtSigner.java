package io.sigload.sign.jwtlib;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.WeakKeyException;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.IatFormula;
import io.sigload.sign.LibraryVersions;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import io.sigload.token.Claim;
import io.sigload.token.Claims;
import io.sigload.token.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * HS256 with jjwt ({@code Keys.hmacShaKeyFor(secret UTF-8 bytes)}, {@code Jwts.SIG.HS256}),
 * header {@code {"typ":"JWT","alg":"HS256"}}, claims from a {@link ClaimsRecipe} in the
 * recipe's order.
 *
 * <p>Differences from {@link JavaJwtSigner}, all jjwt's own behaviour:
 * <ol>
 *   <li>jjwt converts the registered claims {@code iat}, {@code exp} and {@code nbf} to
 *       {@code java.util.Date} and writes whole seconds, so a fractional NumericDate
 *       ({@link IatFormula#FRACTIONAL_MINUS_30}) comes out truncated to an integer;
 *   <li>it writes U+2028/U+2029 raw; bytes and MAC therefore differ, the claims do not (apart
 *       from 1).
 * </ol>
 *
 * <p>Errors: jjwt refuses HMAC keys shorter than 256 bits (RFC 7518 §3.2) with a
 * {@link WeakKeyException}. Such a secret gives a signer whose every {@link #sign} throws
 * {@link SignException} {@code MINT_ERROR} (chosen over a config error so that a run reproduces
 * what a user of jjwt sees, counted per token, and never crashes).
 *
 * <p>Trap (docs/sources.md): jjwt's deprecated {@code signWith(SignatureAlgorithm, String)} treats
 * the string as <em>base64</em> and decodes it, so a Zoom secret passed that way signs with the
 * wrong key bytes (Zoom's key is the secret's UTF-8 bytes) and Zoom answers "Signature invalid".
 * This class never uses it.
 *
 * <p>Thread-safe: the key is immutable and a builder is created per call.
 */
public final class JjwtSigner implements Signer {
    private final String sdkKey;
    private final ClaimsRecipe recipe;
    private final SecretKey key;
    private final String refusal;

    /**
     * @param sdkKey SDK key written into the claims
     * @param secret SDK secret; its UTF-8 bytes are the HMAC key
     * @param recipe how claims are computed
     */
    public JjwtSigner(String sdkKey, Secret secret, ClaimsRecipe recipe) {
        this.sdkKey = sdkKey;
        this.recipe = recipe;
        SecretKey k = null;
        String why = null;
        try {
            k = Keys.hmacShaKeyFor(secret.bytes());
        } catch (WeakKeyException e) {
            why = "jjwt refuses the secret: " + secret.length() * 8 + " bits, HS256 needs at least 256 (RFC 7518 §3.2)";
        }
        this.key = k;
        this.refusal = why;
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        if (refusal != null) {
            throw new SignException(FailureCategory.MINT_ERROR, refusal);
        }
        try {
            return sign(recipe.claims(sdkKey, request));
        } catch (RuntimeException e) {
            throw new SignException(FailureCategory.MINT_ERROR, "jjwt could not mint: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Signs ready-made claims.
     *
     * @throws IllegalStateException when the secret was refused at construction
     * @throws io.jsonwebtoken.JwtException when jjwt refuses a claim value
     */
    public String sign(Claims claims) {
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Claim c : claims.entries()) {
            map.put(c.name(), c.value());
        }
        return Jwts.builder().header().type("JWT").and().claims(map).signWith(key, Jwts.SIG.HS256).compact();
    }

    @Override
    public String describe() {
        return "jjwt " + LibraryVersions.of("jjwt") + " HS256, iat="
                + recipe.iatFormula().wireName() + recipe.expMistake()
                + ", NumericDates truncated to seconds" + (refusal != null ? ", secret refused (< 256 bits)" : "");
    }

    /** Registers {@code jjwt} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "jjwt";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return new JjwtSigner(config.sdkKey(), config.requireSecret(), config.recipe());
        }
    }
}
