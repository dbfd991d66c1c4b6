package io.sigload.sign.jwtlib;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import io.sigload.sign.ClaimsRecipe;
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
import java.util.Map;

/**
 * The reference signer: auth0 java-jwt's HS256 ({@code Algorithm.HMAC256(secret bytes)}), header
 * {@code {"alg":"HS256","typ":"JWT"}}, claims from a {@link ClaimsRecipe}.
 *
 * <p>Thread-safe: java-jwt's {@link Algorithm} is thread-safe and claims are built per call.
 */
public final class JavaJwtSigner implements Signer {
    /**
     * The java-jwt version this build depends on. java-jwt's jar carries no version (no
     * {@code Implementation-Version}, no {@code pom.properties}), so the build writes the pom's
     * version into {@link LibraryVersions}; a test checks it against the jar on the class path.
     */
    public static final String LIBRARY_VERSION = LibraryVersions.of("java-jwt");
    private static final Map<String, Object> HEADER = Map.of("typ", "JWT");
    private final String sdkKey;
    private final Algorithm algorithm;
    private final ClaimsRecipe recipe;

    /**
     * @param sdkKey SDK key written into the claims
     * @param secret SDK secret; its UTF-8 bytes are the HMAC key
     * @param recipe how claims are computed
     */
    public JavaJwtSigner(String sdkKey, Secret secret, ClaimsRecipe recipe) {
        this.sdkKey = sdkKey;
        this.algorithm = Algorithm.HMAC256(secret.bytes());
        this.recipe = recipe;
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        try {
            return sign(recipe.claims(sdkKey, request));
        } catch (RuntimeException e) {
            throw new SignException("MINT_ERROR", "java-jwt could not mint: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Signs ready-made claims; the header is {@code {"alg":"HS256","typ":"JWT"}}. */
    public String sign(Claims claims) {
        JWTCreator.Builder b = JWT.create().withHeader(HEADER);
        for (Claim c : claims.entries()) {
            switch (c.value()) {
                case String s -> b.withClaim(c.name(), s);
                case Integer i -> b.withClaim(c.name(), i);
                case Long l -> b.withClaim(c.name(), l);
                case Double d -> b.withClaim(c.name(), d);
                case Boolean z -> b.withClaim(c.name(), z);
                default -> throw new IllegalArgumentException("unsupported claim type for " + c.name());
            }
        }
        return b.sign(algorithm);
    }

    @Override
    public String describe() {
        return "java-jwt " + LIBRARY_VERSION + " HS256, iat=" + recipe.iatFormula().wireName()
                + recipe.expMistake();
    }

    /** Registers {@code java-jwt} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "java-jwt";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return new JavaJwtSigner(config.sdkKey(), config.requireSecret(), config.recipe());
        }
    }
}
