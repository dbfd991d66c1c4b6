package io.sigload.sign;

import io.sigload.token.Claims;

/**
 * How an in-process signer turns a {@link SignRequest} into Meeting SDK claims: the generator's
 * habits as data, so one scenario line reproduces a known mistake. Immutable.
 *
 * @param iatFormula how {@code iat} is computed from the minting clock
 * @param exp how {@code exp} is computed: {@link ExpUnit#SECONDS} (correct) or a unit mistake
 * @param role the JSON type {@code role} is written as ({@link JsonType#NUMBER} is correct)
 * @param mn the JSON type {@code mn} is written as ({@link JsonType#STRING} is correct)
 * @param tokenExp write {@code tokenExp} equal to {@code exp} (Zoom's sample does)
 * @param appKey also write {@code appKey} (equal to {@code sdkKey}), as Zoom's sample does
 * @param kind which SDK's token: {@link TokenKind#MEETING} (the claims above) or
 *     {@link TokenKind#VIDEO} ({@code app_key}, {@code role_type}, {@code tpc}, {@code version},
 *     {@code iat}, {@code exp}; {@code mn}, {@code tokenExp} and {@code appKey} do not apply)
 */
public record ClaimsRecipe(IatFormula iatFormula, ExpUnit exp, JsonType role, JsonType mn, boolean tokenExp,
        boolean appKey, TokenKind kind) {

    public ClaimsRecipe {
        kind = kind == null ? TokenKind.MEETING : kind;
    }

    /** A Meeting SDK recipe. */
    public ClaimsRecipe(IatFormula iatFormula, ExpUnit exp, JsonType role, JsonType mn, boolean tokenExp,
            boolean appKey) {
        this(iatFormula, exp, role, mn, tokenExp, appKey, TokenKind.MEETING);
    }

    /** Zoom's sample endpoint: {@code iat = floor(now)}, {@code exp = iat + N}, {@code tokenExp = exp}. */
    public static ClaimsRecipe zoomSample() {
        return new ClaimsRecipe(IatFormula.FLOOR, ExpUnit.SECONDS, JsonType.NUMBER, JsonType.STRING, true, true);
    }

    /**
     * How {@code exp} is computed, for {@code describe()}: empty when correct; for a Video SDK
     * recipe preceded by {@code ", Video SDK token"}.
     */
    public String expMistake() {
        return (kind == TokenKind.VIDEO ? ", Video SDK token" : "") + switch (exp) {
            case SECONDS -> "";
            case MILLISECONDS -> ", exp in ms";
            case LIFETIME_TIMES_1000 -> ", exp = iat + lifetime * 1000";
        };
    }

    /** Whether {@code mn} is written as a JSON number. */
    public boolean mnAsNumber() {
        return mn == JsonType.NUMBER;
    }

    /** Whether {@code role} is written as a JSON string. */
    public boolean roleAsString() {
        return role == JsonType.STRING;
    }

    /** The same recipe with another {@code iat} formula. */
    public ClaimsRecipe withIat(IatFormula formula) {
        return new ClaimsRecipe(formula, exp, role, mn, tokenExp, appKey, kind);
    }

    /** The same recipe with another {@code exp} computation. */
    public ClaimsRecipe withExp(ExpUnit unit) {
        return new ClaimsRecipe(iatFormula, unit, role, mn, tokenExp, appKey, kind);
    }

    /** The same recipe writing {@code role} and {@code mn} as these JSON types. */
    public ClaimsRecipe withTypes(JsonType roleType, JsonType mnType) {
        return new ClaimsRecipe(iatFormula, exp, roleType, mnType, tokenExp, appKey, kind);
    }

    /** The same recipe for another SDK's token. */
    public ClaimsRecipe withKind(TokenKind k) {
        return new ClaimsRecipe(iatFormula, exp, role, mn, tokenExp, appKey, k);
    }

    /**
     * Computes the claims for one request, reading the request's clock once.
     *
     * @param sdkKey the SDK key written as {@code sdkKey} (and {@code appKey})
     * @param request participant, meeting number, role, lifetime (seconds), minting clock
     * @return Meeting SDK claims in Zoom's sample order: appKey, sdkKey, mn, role, iat, exp, tokenExp,
     *     video_webrtc_mode; or Video SDK claims in Zoom's Video SDK sample order: app_key, role_type,
     *     tpc (left out when the request names no session), version, iat, exp, video_webrtc_mode
     * @throws NumberFormatException when {@code mnAsNumber} and the meeting number is not digits
     */
    public Claims claims(String sdkKey, SignRequest request) {
        long ms = request.clock().millis();
        Number iat = iatFormula.iat(ms);
        Number expValue;
        long lifetime = exp == ExpUnit.LIFETIME_TIMES_1000 ? request.expirationSeconds() * 1000L
                : request.expirationSeconds();
        if (exp == ExpUnit.MILLISECONDS) {
            expValue = ms + request.expirationSeconds() * 1000L;
        } else if (iat instanceof Double d) {
            expValue = d + lifetime;
        } else {
            expValue = iat.longValue() + lifetime;
        }
        Claims.Builder b = Claims.builder();
        if (kind == TokenKind.VIDEO) {
            return b.put("app_key", sdkKey)
                    .put("role_type", roleAsString() ? (Object) Integer.toString(request.role()) : (Object) request.role())
                    .put("tpc", request.sessionName())
                    .put("version", 1)
                    .put("iat", iat)
                    .put("exp", expValue)
                    .put("video_webrtc_mode", request.videoWebRtcMode())
                    .build();
        }
        if (appKey) {
            b.put("appKey", sdkKey);
        }
        b.put("sdkKey", sdkKey);
        b.put("mn", mnAsNumber() ? (Object) Long.parseLong(request.meetingNumber()) : request.meetingNumber());
        b.put("role", roleAsString() ? (Object) Integer.toString(request.role()) : (Object) request.role());
        b.put("iat", iat);
        b.put("exp", expValue);
        if (tokenExp) {
            b.put("tokenExp", expValue);
        }
        b.put("video_webrtc_mode", request.videoWebRtcMode());
        return b.build();
    }
}
