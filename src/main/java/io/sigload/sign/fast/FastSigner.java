package io.sigload.sign.fast;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerProvider;
import io.sigload.token.Claims;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;

/**
 * sigload's own HS256 signer for the hot path. Its tokens are byte-identical to
 * {@link io.sigload.sign.JavaJwtSigner#sign(Claims)} for the same claims: header
 * {@value #HEADER_JSON} (java-jwt writes {@code typ} before {@code alg}), claims as
 * {@link ClaimsJson} writes them, MAC by {@link HmacSha256}.
 *
 * <p>Per token it allocates one {@code byte[]} sized for that token (about the token's length
 * plus 80 bytes), two digest clones and the result {@code String}; no thread-locals, so 100k
 * virtual threads cost nothing extra. The claims JSON is written at the end of the array and
 * base64url-encoded forward, in place, behind the precomputed header segment; the MAC is
 * written in the slack at the end and encoded after the second dot.
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class FastSigner implements Signer {
    /** The header java-jwt 4.6.2 writes for {@code withHeader(Map.of("typ", "JWT"))} and HS256. */
    public static final String HEADER_JSON = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    private static final int MAC_SEGMENT = Base64UrlBytes.encodedLength(HmacSha256.MAC_LENGTH);

    private final String sdkKey;
    private final ClaimsRecipe recipe;
    private final HmacSha256 hmac;
    /** base64url(HEADER_JSON) followed by '.', ASCII. */
    private final byte[] headerSegment;

    /**
     * @param sdkKey SDK key written into the claims
     * @param secret SDK secret; its UTF-8 bytes are the HMAC key
     * @param recipe how claims are computed from a {@link SignRequest}
     */
    public FastSigner(String sdkKey, Secret secret, ClaimsRecipe recipe) {
        this.sdkKey = sdkKey;
        this.recipe = recipe;
        this.hmac = new HmacSha256(secret.bytes());
        byte[] h = HEADER_JSON.getBytes(StandardCharsets.UTF_8);
        byte[] seg = new byte[Base64UrlBytes.encodedLength(h.length) + 1];
        int p = Base64UrlBytes.encode(h, 0, h.length, seg, 0);
        seg[p] = '.';
        this.headerSegment = seg;
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        Claims claims;
        try {
            claims = recipe.claims(sdkKey, request);
        } catch (RuntimeException e) {
            throw new SignException("MINT_ERROR", "fast signer could not build the claims: "
                    + e.getClass().getSimpleName(), e);
        }
        return sign(claims);
    }

    /**
     * Signs ready-made claims.
     *
     * @return a compact JWS: three base64url segments, no padding, ASCII
     */
    public String sign(Claims claims) {
        int bound = ClaimsJson.maxLength(claims);
        int h = headerSegment.length;
        // [header.][payload b64 ...][.][mac b64][slack for the raw MAC]; JSON sits at the end first.
        int capacity = h + Base64UrlBytes.encodedLength(bound) + 1 + MAC_SEGMENT + HmacSha256.MAC_LENGTH;
        byte[] buf = new byte[capacity];
        System.arraycopy(headerSegment, 0, buf, 0, h);
        int jsonStart = capacity - bound;
        int jsonEnd = ClaimsJson.write(claims, buf, jsonStart);
        int p = Base64UrlBytes.encode(buf, jsonStart, jsonEnd - jsonStart, buf, h);
        int macAt = capacity - HmacSha256.MAC_LENGTH;
        hmac.mac(buf, 0, p, buf, macAt);
        buf[p++] = '.';
        p = Base64UrlBytes.encode(buf, macAt, HmacSha256.MAC_LENGTH, buf, p);
        return new String(buf, 0, p, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes the MAC is computed over, {@code base64url(header) "." base64url(claims)}, for
     * benchmarks that compare with a raw HMAC over the same input.
     */
    public byte[] signingInput(Claims claims) {
        byte[] json = ClaimsJson.toBytes(claims);
        byte[] out = new byte[headerSegment.length + Base64UrlBytes.encodedLength(json.length)];
        System.arraycopy(headerSegment, 0, out, 0, headerSegment.length);
        Base64UrlBytes.encode(json, 0, json.length, out, headerSegment.length);
        return out;
    }

    @Override
    public String describe() {
        return "fast (sigload HS256, cached HMAC states, java-jwt 4.6.2 byte layout), iat="
                + recipe.iatFormula().wireName() + recipe.expMistake();
    }

    /** Registers {@code fast} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "fast";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return new FastSigner(config.sdkKey(), config.requireSecret(), config.recipe());
        }
    }
}
