package io.sigload.sign.jwtlib;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.FaultySigner;
import io.sigload.sign.LibraryVersions;
import io.sigload.sign.RaceWindow;
import io.sigload.sign.SharedMac;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerFault;
import io.sigload.sign.SignerProvider;
import io.sigload.token.Claim;
import io.sigload.token.Claims;
import io.sigload.token.Secret;
import java.util.Map;
import java.util.Set;

/**
 * The reference signer: auth0 java-jwt's HS256 ({@code Algorithm.HMAC256(secret bytes)}), header
 * {@code {"alg":"HS256","typ":"JWT"}}, claims from a {@link ClaimsRecipe}.
 *
 * <p>Thread-safe: java-jwt's {@link Algorithm} is thread-safe and claims are built per call.
 * Except on purpose: with {@link SignerFault#SHARED_MAC} the HS256 {@link Algorithm} is one that
 * signs with a single shared {@code javax.crypto.Mac} ({@link SharedMac}), the bug of a signer
 * that keeps its Mac in a singleton; without overlap its tokens are the same bytes.
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
    private final boolean sharedMac;

    /**
     * @param sdkKey SDK key written into the claims
     * @param secret SDK secret; its UTF-8 bytes are the HMAC key
     * @param recipe how claims are computed
     */
    public JavaJwtSigner(String sdkKey, Secret secret, ClaimsRecipe recipe) {
        this(sdkKey, secret, recipe, false);
    }

    /**
     * @param sharedMac sign with one shared, unsynchronised {@code Mac} ({@link SignerFault#SHARED_MAC}):
     *     not thread-safe, on purpose
     * @see #JavaJwtSigner(String, Secret, ClaimsRecipe)
     */
    public JavaJwtSigner(String sdkKey, Secret secret, ClaimsRecipe recipe, boolean sharedMac) {
        this.sdkKey = sdkKey;
        this.algorithm = sharedMac ? new SharedMacHs256(new SharedMac(secret, RaceWindow::widen))
                : Algorithm.HMAC256(secret.bytes());
        this.recipe = recipe;
        this.sharedMac = sharedMac;
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        try {
            return sign(recipe.claims(sdkKey, request));
        } catch (RuntimeException e) {
            throw new SignException(FailureCategory.MINT_ERROR, "java-jwt could not mint: " + e.getClass().getSimpleName(), e);
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
                + recipe.expMistake() + (sharedMac ? SignerFault.SHARED_MAC.describeSuffix() : "");
    }

    /**
     * HS256 as java-jwt's {@code HMACAlgorithm} computes it ({@code update(header)},
     * {@code update('.')}, {@code doFinal(payload)}, RFC 7515 §5.1), on one shared Mac: the
     * singleton-bean bug. Signs only (sigload verifies with its own validator).
     */
    private static final class SharedMacHs256 extends Algorithm {
        private final SharedMac mac;

        SharedMacHs256(SharedMac mac) {
            super("HS256", "HmacSHA256");
            this.mac = mac;
        }

        @Override
        public byte[] sign(byte[] headerBytes, byte[] payloadBytes) {
            return mac.mac(m -> {
                m.update(headerBytes);
                m.update((byte) '.');
                m.update(payloadBytes);
            });
        }

        @Override
        public byte[] sign(byte[] contentBytes) {
            return mac.mac(m -> m.update(contentBytes));
        }

        @Override
        public void verify(DecodedJWT jwt) throws SignatureVerificationException {
            throw new UnsupportedOperationException("the shared-Mac fault only signs");
        }
    }

    /** Registers {@code java-jwt} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "java-jwt";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return FaultySigner.wrap(new JavaJwtSigner(config.sdkKey(), config.requireSecret(), config.recipe(),
                    config.fault() == SignerFault.SHARED_MAC), config.fault());
        }

        @Override
        public Set<SignerFault> faults() {
            return Set.of(SignerFault.SHARED_MAC, SignerFault.SHARED_CLAIMS, SignerFault.CACHED_TOKEN);
        }
    }
}
