package io.sigload.serve;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.jwtlib.JavaJwtSigner;
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
 * <p>Thread-safe.
 */
final class SampleMinter {
    private final String sdkKey;
    private final JavaJwtSigner signer;
    private final Minting minting;

    SampleMinter(String sdkKey, Secret secret, Minting minting) {
        this.sdkKey = sdkKey;
        this.signer = new JavaJwtSigner(sdkKey, secret, ClaimsRecipe.zoomSample().withIat(minting.iat()));
        this.minting = minting;
    }

    /** The compact JWS for one valid request, {@code iat} read from the server's clock now. */
    String mint(SampleRequest r) {
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
