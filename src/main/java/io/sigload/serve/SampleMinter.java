package io.sigload.serve;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.JavaJwtSigner;
import io.sigload.sign.RaceWindow;
import io.sigload.sign.SignerFault;
import io.sigload.token.Claims;
import io.sigload.token.Secret;

/**
 * Mints what Zoom's sample endpoint mints (github.com/zoom/meetingsdk-auth-endpoint-sample):
 * claims {@code appKey}, {@code sdkKey}, {@code mn}, {@code role}, {@code iat}, {@code exp},
 * {@code tokenExp}, {@code video_webrtc_mode}, with {@code iat} from the server's clock and
 * formula (the sample: {@code Math.floor(Date.now() / 1000)}), {@code exp = iat + expirationSeconds},
 * {@code tokenExp = exp}; HS256 with the secret's UTF-8 bytes (java-jwt). {@code mn}, {@code role}
 * and {@code video_webrtc_mode} are left out when absent, as JSON drops {@code undefined}.
 *
 * <p>Thread-safe, unless a thread-safety bug is injected ({@link Faults#race()}), as a server
 * would have it: {@link SignerFault#SHARED_MAC} signs with one shared {@code Mac};
 * {@link SignerFault#SHARED_CLAIMS} copies each request into one shared object and mints from
 * it; {@link SignerFault#CACHED_TOKEN} keeps the token in a shared field and answers from it.
 */
final class SampleMinter {
    private final String sdkKey;
    private final JavaJwtSigner signer;
    private final Minting minting;
    private final SignerFault fault;
    /** {@link SignerFault#SHARED_CLAIMS}: the shared request object, plain fields, no lock. */
    private Object meetingNumber;
    private Integer role;
    private int expirationSeconds;
    private Integer videoWebRtcMode;
    /** {@link SignerFault#CACHED_TOKEN}: the shared field. */
    private String token;

    SampleMinter(String sdkKey, Secret secret, Minting minting, SignerFault fault) {
        this.sdkKey = sdkKey;
        this.fault = fault;
        this.signer = new JavaJwtSigner(sdkKey, secret, ClaimsRecipe.zoomSample().withIat(minting.iat()),
                fault == SignerFault.SHARED_MAC);
        this.minting = minting;
    }

    /**
     * The compact JWS for one valid request, {@code iat} read from the server's clock now.
     *
     * @throws RuntimeException when an injected race breaks the shared Mac (the handler answers 500)
     */
    String mint(SampleRequest r) {
        return switch (fault) {
            case CACHED_TOKEN -> {
                token = mintAlone(r);
                RaceWindow.widen();
                yield token;
            }
            case SHARED_CLAIMS -> {
                meetingNumber = r.meetingNumber();
                role = r.role();
                RaceWindow.widen();
                expirationSeconds = r.expirationSeconds();
                videoWebRtcMode = r.videoWebRtcMode();
                RaceWindow.widen();
                yield mintAlone(new SampleRequest(meetingNumber, role, expirationSeconds, videoWebRtcMode));
            }
            default -> mintAlone(r);
        };
    }

    private String mintAlone(SampleRequest r) {
        Number iat = minting.iat().iat(minting.clock().millis());
        Number exp = iat instanceof Double d ? (Number) (d + r.expirationSeconds())
                : (Number) (iat.longValue() + r.expirationSeconds());
        Claims claims = Claims.builder()
                .put("appKey", sdkKey)
                .put("sdkKey", sdkKey)
                .put("mn", r.meetingNumber())
                .put("role", r.role())
                .put("iat", iat)
                .put("exp", exp)
                .put("tokenExp", exp)
                .put("video_webrtc_mode", r.videoWebRtcMode())
                .build();
        return signer.sign(claims);
    }
}
