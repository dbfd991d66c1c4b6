package io.sigload.sign.fast;

import io.sigload.hmac.HmacSha256;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.FaultySigner;
import io.sigload.sign.IatFormula;
import io.sigload.sign.RaceWindow;
import io.sigload.sign.SharedMac;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.SignerFault;
import io.sigload.sign.SignerProvider;
import io.sigload.sign.TokenKind;
import io.sigload.token.Claims;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * sigload's own HS256 signer for the hot path. Its tokens are byte-identical to
 * {@link io.sigload.sign.jwtlib.JavaJwtSigner} for the same claims: header {@value #HEADER_JSON}
 * (java-jwt writes {@code typ} before {@code alg}), claims as {@link ClaimsJson} writes them, MAC by
 * {@link HmacSha256}.
 *
 * <p>{@link #sign(SignRequest)} does not build a {@link Claims} object for a Meeting SDK token whose
 * {@code iat} is a whole number (every {@link IatFormula} but {@link IatFormula#FRACTIONAL_MINUS_30}): it writes the
 * claims' JSON bytes straight from the request in the recipe's order. Everything that does not
 * depend on the request, {@code base64url(header) "." } and the base64url of the claims' constant
 * head (<code>&#123;"appKey":"…","sdkKey":"…","mn":</code>, up to a multiple of 3 bytes), is encoded
 * once per signer, and absorbed once into the HMAC's inner state
 * ({@link HmacSha256#withPrefix(byte[])}). Per token it then writes the rest of the JSON,
 * base64url-encodes it in a pooled scratch buffer, hashes only those bytes (3 SHA-256
 * compressions for Zoom's sample claims) and allocates the two digest clones and the result
 * {@code String}. No thread-locals: 100k virtual threads cost nothing extra ({@link StripedPool}).
 *
 * <p>Thread-safe: immutable after construction; scratch space is borrowed per token. Except on
 * purpose: with {@link SignerFault#SHARED_MAC} the MAC of the whole signing input comes from one
 * shared {@code javax.crypto.Mac} ({@link SharedMac}) instead of the cached states (the same bytes
 * without overlap).
 */
public final class FastSigner implements Signer {
    /** The header java-jwt 4.6.2 writes for {@code withHeader(Map.of("typ", "JWT"))} and HS256. */
    public static final String HEADER_JSON = "{\"typ\":\"JWT\",\"alg\":\"HS256\"}";
    private static final int MAC_SEGMENT = Base64UrlBytes.encodedLength(HmacSha256.MAC_LENGTH);
    private static final StripedPool<Scratch> SCRATCH = new StripedPool<>(Scratch::new);
    private static final byte[] ROLE = ascii(",\"role\":");
    private static final byte[] IAT = ascii(",\"iat\":");
    private static final byte[] EXP = ascii(",\"exp\":");
    private static final byte[] TOKEN_EXP = ascii(",\"tokenExp\":");
    private static final byte[] VIDEO = ascii(",\"video_webrtc_mode\":");
    /** Longest decimal {@code long}. */
    private static final int LONG_CHARS = 20;

    private final String sdkKey;
    private final ClaimsRecipe recipe;
    /** The key with {@link #headerSegment} absorbed, for {@link #sign(Claims)}. */
    private final HmacSha256 hmacAfterHeader;
    /** The key with {@link #requestPrefix} absorbed, for {@link #sign(SignRequest)}. */
    private final HmacSha256 hmacAfterPrefix;
    /** base64url(HEADER_JSON) followed by '.', ASCII. */
    private final byte[] headerSegment;
    /** headerSegment followed by base64url of the claims' constant head, cut at a multiple of 3 bytes. */
    private final byte[] requestPrefix;
    /** The 0-2 bytes of the constant head left over after that cut. */
    private final byte[] headTail;
    /** The injected {@link SignerFault#SHARED_MAC}, or {@code null} (the normal case). */
    private final SharedMac sharedMac;

    /**
     * @param sdkKey SDK key written into the claims
     * @param secret SDK secret; its UTF-8 bytes are the HMAC key
     * @param recipe how claims are computed from a {@link SignRequest}
     */
    public FastSigner(String sdkKey, Secret secret, ClaimsRecipe recipe) {
        this(sdkKey, secret, recipe, false);
    }

    /**
     * @param sharedMac MAC every token with one shared, unsynchronised {@code Mac}
     *     ({@link SignerFault#SHARED_MAC}): not thread-safe, on purpose
     * @see #FastSigner(String, Secret, ClaimsRecipe)
     */
    public FastSigner(String sdkKey, Secret secret, ClaimsRecipe recipe, boolean sharedMac) {
        this.sharedMac = sharedMac ? new SharedMac(secret, RaceWindow::widen) : null;
        this.sdkKey = sdkKey;
        this.recipe = recipe;
        byte[] h = HEADER_JSON.getBytes(StandardCharsets.UTF_8);
        byte[] seg = new byte[Base64UrlBytes.encodedLength(h.length) + 1];
        int p = Base64UrlBytes.encode(h, 0, h.length, seg, 0);
        seg[p] = '.';
        this.headerSegment = seg;
        byte[] head = constantHead(sdkKey, recipe);
        int cut = head.length / 3 * 3;
        byte[] prefix = Arrays.copyOf(seg, seg.length + Base64UrlBytes.encodedLength(cut));
        Base64UrlBytes.encode(head, 0, cut, prefix, seg.length);
        this.requestPrefix = prefix;
        this.headTail = Arrays.copyOfRange(head, cut, head.length);
        HmacSha256 keyed = new HmacSha256(secret.bytes());
        this.hmacAfterHeader = keyed.withPrefix(headerSegment);
        this.hmacAfterPrefix = keyed.withPrefix(requestPrefix);
    }

    /** <code>&#123;"appKey":"K","sdkKey":"K","mn":</code> (appKey only when the recipe writes it), UTF-8. */
    private static byte[] constantHead(String sdkKey, ClaimsRecipe recipe) {
        String key = new String(ClaimsJson.toBytes(Claims.builder().put("k", sdkKey).build()), StandardCharsets.UTF_8);
        String quotedKey = key.substring("{\"k\":".length(), key.length() - 1);
        String head = "{" + (recipe.appKey() ? "\"appKey\":" + quotedKey + "," : "") + "\"sdkKey\":" + quotedKey + ",\"mn\":";
        return head.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String sign(SignRequest request) throws SignException {
        if (recipe.iatFormula() == IatFormula.FRACTIONAL_MINUS_30 || recipe.kind() == TokenKind.VIDEO) {
            return sign(claims(request));
        }
        long mn = 0;
        if (recipe.mnAsNumber()) {
            try {
                mn = Long.parseLong(request.meetingNumber());
            } catch (RuntimeException e) {
                throw new SignException(FailureCategory.MINT_ERROR, "fast signer could not build the claims: "
                        + e.getClass().getSimpleName(), e);
            }
        }
        long ms = request.clock().millis();
        long iat = recipe.iatFormula().wholeSeconds(ms);
        int seconds = request.expirationSeconds();
        long exp = switch (recipe.exp()) {
            case SECONDS -> iat + seconds;
            case MILLISECONDS -> ms + seconds * 1000L;
            case LIFETIME_TIMES_1000 -> iat + seconds * 1000L;
        };
        String meeting = request.meetingNumber();
        int bound = headTail.length + (recipe.mnAsNumber() ? LONG_CHARS : ClaimsJson.stringLength(meeting))
                + ROLE.length + LONG_CHARS + 2 + IAT.length + EXP.length + TOKEN_EXP.length + VIDEO.length
                + 4 * LONG_CHARS + 1;
        Scratch s = SCRATCH.take();
        try {
            byte[] buf = s.reserve(requestPrefix.length, bound);
            int at = s.jsonAt;
            int p = at;
            for (byte b : headTail) {
                buf[p++] = b;
            }
            p = recipe.mnAsNumber() ? ClaimsJson.writeLong(mn, buf, p) : ClaimsJson.writeString(meeting, buf, p);
            p = put(ROLE, buf, p);
            if (recipe.roleAsString()) {
                buf[p++] = '"';
                p = ClaimsJson.writeLong(request.role(), buf, p);
                buf[p++] = '"';
            } else {
                p = ClaimsJson.writeLong(request.role(), buf, p);
            }
            p = ClaimsJson.writeLong(iat, buf, put(IAT, buf, p));
            p = ClaimsJson.writeLong(exp, buf, put(EXP, buf, p));
            if (recipe.tokenExp()) {
                p = ClaimsJson.writeLong(exp, buf, put(TOKEN_EXP, buf, p));
            }
            Integer video = request.videoWebRtcMode();
            if (video != null) {
                p = ClaimsJson.writeLong(video, buf, put(VIDEO, buf, p));
            }
            buf[p++] = '}';
            return finish(s, requestPrefix, hmacAfterPrefix, sharedMac, at, p);
        } finally {
            SCRATCH.give(s);
        }
    }

    private Claims claims(SignRequest request) throws SignException {
        try {
            return recipe.claims(sdkKey, request);
        } catch (RuntimeException e) {
            throw new SignException(FailureCategory.MINT_ERROR, "fast signer could not build the claims: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Signs ready-made claims.
     *
     * @return a compact JWS: three base64url segments, no padding, ASCII
     * @throws IllegalArgumentException when a claim's value is not a String, Integer, Long,
     *     Boolean or Double
     */
    public String sign(Claims claims) {
        Scratch s = SCRATCH.take();
        try {
            byte[] buf = s.reserve(headerSegment.length, ClaimsJson.maxLength(claims));
            int end = ClaimsJson.write(claims, buf, s.jsonAt);
            return finish(s, headerSegment, hmacAfterHeader, sharedMac, s.jsonAt, end);
        } finally {
            SCRATCH.give(s);
        }
    }

    /**
     * Completes a token in {@code s.buf}: the JSON at {@code [jsonAt, jsonEnd)} is base64url-encoded
     * behind {@code prefix}, the MAC of that signing input is written after the JSON and encoded
     * after a dot. {@code hmac} has the prefix already absorbed, so only the bytes after it are hashed;
     * a {@code shared} Mac (the injected fault, else {@code null}) hashes the whole signing input instead.
     */
    private static String finish(Scratch s, byte[] prefix, HmacSha256 hmac, SharedMac shared, int jsonAt,
            int jsonEnd) {
        byte[] buf = s.buf;
        System.arraycopy(prefix, 0, buf, 0, prefix.length);
        int p = Base64UrlBytes.encode(buf, jsonAt, jsonEnd - jsonAt, buf, prefix.length);
        if (shared == null) {
            hmac.mac(buf, prefix.length, p - prefix.length, buf, jsonEnd);
        } else {
            int end = p;
            System.arraycopy(shared.mac(m -> m.update(buf, 0, end)), 0, buf, jsonEnd, HmacSha256.MAC_LENGTH);
        }
        buf[p++] = '.';
        p = Base64UrlBytes.encode(buf, jsonEnd, HmacSha256.MAC_LENGTH, buf, p);
        return new String(buf, 0, p, StandardCharsets.ISO_8859_1);
    }

    private static int put(byte[] bytes, byte[] dst, int p) {
        System.arraycopy(bytes, 0, dst, p, bytes.length);
        return p + bytes.length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Per-token work space, pooled: one buffer laid out as
     * {@code [signing input and signature ...][JSON][raw MAC]}, grown when a token needs more.
     */
    private static final class Scratch {
        byte[] buf = new byte[1024];
        /** Where the JSON starts in {@link #buf} for the current token. */
        int jsonAt;

        /** Makes room for a prefix and up to {@code jsonBound} JSON bytes; returns the buffer. */
        byte[] reserve(int prefixLength, int jsonBound) {
            jsonAt = prefixLength + Base64UrlBytes.encodedLength(jsonBound) + 1 + MAC_SEGMENT;
            int need = jsonAt + jsonBound + HmacSha256.MAC_LENGTH;
            if (buf.length < need) {
                buf = new byte[Math.max(need, buf.length * 2)];
            }
            return buf;
        }
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
                + recipe.iatFormula().wireName() + recipe.expMistake()
                + (sharedMac == null ? "" : SignerFault.SHARED_MAC.describeSuffix());
    }

    /** Registers {@code fast} with {@link java.util.ServiceLoader}. */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "fast";
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            return FaultySigner.wrap(new FastSigner(config.sdkKey(), config.requireSecret(), config.recipe(),
                    config.fault() == SignerFault.SHARED_MAC), config.fault());
        }

        @Override
        public Set<SignerFault> faults() {
            return Set.of(SignerFault.SHARED_MAC, SignerFault.SHARED_CLAIMS, SignerFault.CACHED_TOKEN);
        }
    }
}
