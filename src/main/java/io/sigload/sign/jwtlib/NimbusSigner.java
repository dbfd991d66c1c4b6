package io.sigload.sign.jwtlib;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.FailureCategory;
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

/**
 * HS256 with Connect2id's nimbus-jose-jwt ({@code MACSigner} over the secret's UTF-8 bytes),
 * header {@code {"typ":"JWT","alg":"HS256"}}, claims from a {@link ClaimsRecipe}.
 *
 * <p>Same claims as {@link JavaJwtSigner} (names, JSON types and values, fractional NumericDates
 * kept), but not the same bytes: nimbus writes claims in hash order and escapes U+2028/U+2029
 * and {@code /} differently, so the payload segment and MAC differ. Compare decoded claims.
 *
 * <p>Errors: nimbus refuses HMAC keys shorter than 256 bits (RFC 7518 §3.2); such a secret gives
 * a signer whose every {@link #sign} throws {@link SignException} {@code MINT_ERROR}, so a run
 * counts the refusal instead of crashing.
 *
 * <p>Thread-safe: {@link MACSigner} is thread-safe and claims are built per call.
 */
public final class NimbusSigner implements Signer {
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();
    private final String sdkKey;
    private final ClaimsRecipe recipe;
    private final MACSigner macSigner;
    private final String refusal;

    /**
     * @param sdkKey SDK key written into the claims
     * @param secret SDK secret; its UTF-8 bytes are the HMAC key
     * @param recipe how claims are computed
     */
    public NimbusSigner(String sdkKey, Secret secret, ClaimsRecipe recipe) {
        this.sdkKey = sdkKey;
        this.recipe = recipe;
        MACSigner m = null;
        String why = null;
        try {
            m = new MACSigner(secret.bytes());
        } catch (KeyLengthException e) {
            why = "nimbus-jose-jwt refuses the secret: " + secret.length() * 8
                    + " bits, HS256 needs at least 256 (RFC 7518 §3.2)";
        }
        this.macSigner = m;
        this.refusal = why;
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        if (refusal != null) {
            throw new SignException(FailureCategory.MINT_ERROR, refusal);
        }
        try {
            return sign(recipe.claims(sdkKey, request));
        } catch (JOSEException | RuntimeException e) {
            throw new SignException(FailureCategory.MINT_ERROR, "nimbus-jose-jwt could not mint: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Signs ready-made claims.
     *
     * @throws JOSEException when nimbus refuses to sign
     * @throws IllegalStateException when the secret was refused at construction
     */
    public String sign(Claims claims) throws JOSEException {
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder();
        for (Claim c : claims.entries()) {
            b.claim(c.name(), c.value());
        }
        SignedJWT jwt = new SignedJWT(HEADER, b.build());
        jwt.sign(macSigner);
        return jwt.serialize();
    }

    @Override
    public String describe() {
        return "nimbus-jose-jwt " + LibraryVersions.of("nimbus-jose-jwt") + " HS256, iat="
                + recipe.iatFormula().wireName() + recipe.expMistake()
                + (refusal != null ? ", secret refused (< 256 bits)" : "");
    }

    /** Registers {@code nimbus} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "nimbus";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return new NimbusSigner(config.sdkKey(), config.requireSecret(), config.recipe());
        }
    }
}
