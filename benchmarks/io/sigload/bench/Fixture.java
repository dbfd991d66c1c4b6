package io.sigload.bench;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.sign.SignRequest;
import io.sigload.sign.SignerConfig;
import io.sigload.token.Claims;
import io.sigload.token.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The one token every benchmark works on: Zoom's sample claims (appKey, sdkKey, mn, role, iat,
 * exp, tokenExp) minted on a FIXED clock, so every signer signs byte-identical claims and the
 * HMAC floor runs over the real signing input (241 bytes).
 */
final class Fixture {
    /** The minting instant of every benchmark token. */
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String SDK_KEY = "sigloadBenchSdkKey01";
    static final String MEETING_NUMBER = "85746065432";

    private Fixture() {
    }

    /** The demo secret (obviously fake; no real secret in benchmarks). */
    static Secret secret() {
        return Secret.demo();
    }

    /** Participant 0 joining as attendee for 2 h, on the fixed clock. */
    static SignRequest request() {
        return new SignRequest(0, MEETING_NUMBER, 0, 7200, null, CLOCK);
    }

    /** The registry config every in-process signer gets. */
    static SignerConfig signerConfig() {
        return new SignerConfig(SDK_KEY, secret(), ClaimsRecipe.zoomSample(), null, null, 1);
    }

    /** Zoom's sample claims on the fixed clock. */
    static Claims claims() {
        return ClaimsRecipe.zoomSample().claims(SDK_KEY, request());
    }

    /** The reference token (java-jwt), the validator's "valid" input. */
    static String token() {
        return new JavaJwtSigner(SDK_KEY, secret(), ClaimsRecipe.zoomSample()).sign(claims());
    }

    /** {@code base64url(header) "." base64url(payload)} of the reference token, ASCII bytes. */
    static byte[] signingInput() {
        String t = token();
        return t.substring(0, t.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }
}
