package io.sigload.sign;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.hmac.HmacSha256;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/**
 * The pre-JWT Web SDK signature, for reproducing old incidents:
 * {@code base64(apiKey "." meetingNumber "." timestampMillis "." role "." hash)} where
 * {@code hash = base64(HMAC-SHA256(secret, base64(apiKey + meetingNumber + timestampMillis + role)))},
 * standard base64 with padding throughout, as Zoom's old Node sample ({@code Buffer.toString('base64')}).
 *
 * <p>{@code timestampMillis} is the minting clock's milliseconds since the epoch plus
 * {@code timestampOffsetMillis} (scenario option; default {@value #DEFAULT_OFFSET_MILLIS}, the old
 * sample's {@code new Date().getTime() - 30000}). The claims recipe does not apply (there are no
 * claims); {@code expirationSeconds} and {@code videoWebRtcMode} are ignored.
 *
 * <p>Thread-safe: immutable.
 */
public final class LegacySigner implements Signer {
    /** The old sample's offset: 30 s in the past. */
    public static final long DEFAULT_OFFSET_MILLIS = -30_000L;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final String apiKey;
    private final HmacSha256 hmac;
    private final Duration timestampOffset;

    /**
     * @param apiKey the API (SDK) key, written in clear into the signature
     * @param secret the API secret; its UTF-8 bytes are the HMAC key
     * @param timestampOffset added to the minting clock, e.g. {@code -30s}
     */
    public LegacySigner(String apiKey, Secret secret, Duration timestampOffset) {
        this.apiKey = apiKey;
        this.hmac = new HmacSha256(secret.bytes());
        this.timestampOffset = timestampOffset;
    }

    @Override
    public String sign(SignRequest request) {
        long ts = request.clock().millis() + timestampOffset.toMillis();
        String head = apiKey + request.meetingNumber() + ts + request.role();
        byte[] msg = B64.encode(head.getBytes(StandardCharsets.UTF_8));
        String hash = B64.encodeToString(hmac.mac(msg));
        String plain = apiKey + "." + request.meetingNumber() + "." + ts + "." + request.role() + "." + hash;
        return B64.encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "legacy (pre-JWT Web SDK signature, HMAC-SHA256), timestampOffsetMillis=" + timestampOffset.toMillis();
    }

    /** Registers {@code legacy}; option {@code timestampOffsetMillis} (integer, default -30000). */
    public static final class Provider implements SignerProvider {
        @Override
        public String name() {
            return "legacy";
        }

        @Override
        public Set<String> options() {
            return Set.of("timestampOffsetMillis");
        }

        @Override
        public Signer create(SignerConfig config) throws SignerConfigException {
            JsonNode off = config.options().get("timestampOffsetMillis");
            long millis = DEFAULT_OFFSET_MILLIS;
            if (off != null && !off.isNull()) {
                if (!off.canConvertToLong() || !off.isIntegralNumber()) {
                    throw new SignerConfigException("timestampOffsetMillis",
                            "signer.timestampOffsetMillis must be an integer number of milliseconds (e.g. -30000), found "
                                    + off.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                millis = off.longValue();
            }
            return new LegacySigner(config.sdkKey(), config.requireSecret(), Duration.ofMillis(millis));
        }
    }
}
