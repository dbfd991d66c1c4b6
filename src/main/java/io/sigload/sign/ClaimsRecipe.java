package io.sigload.sign;

import io.sigload.token.Claims;

/**
 * How an in-process signer turns a {@link SignRequest} into Meeting SDK claims: the generator's
 * habits as data, so one scenario line reproduces a known mistake.
 *
 * @param iatFormula how {@code iat} is computed from the minting clock
 * @param expInMilliseconds {@code false}: {@code exp = iat + expirationSeconds} (correct);
 *     {@code true}: the milliseconds mistake, {@code exp = ms + expirationSeconds * 1000}
 * @param roleAsString write {@code role} as a JSON string ({@code "0"}) instead of a number
 * @param mnAsNumber write {@code mn} as a JSON number instead of a digit string
 * @param tokenExp write {@code tokenExp} equal to {@code exp} (Zoom's sample does)
 * @param appKey also write {@code appKey} (equal to {@code sdkKey}), as Zoom's sample does
 * @param lifetimeTimes1000 the other unit mistake: {@code exp = iat + expirationSeconds * 1000},
 *     a lifetime in seconds multiplied as if it were milliseconds (an {@code exp} 83 days out:
 *     {@code EXP_TOO_FAR}; field case ORIG-2). Ignored when {@code expInMilliseconds}
 */
public record ClaimsRecipe(
        IatFormula iatFormula,
        boolean expInMilliseconds,
        boolean roleAsString,
        boolean mnAsNumber,
        boolean tokenExp,
        boolean appKey,
        boolean lifetimeTimes1000) {

    /** A recipe without the lifetime-times-1000 mistake. */
    public ClaimsRecipe(IatFormula iatFormula, boolean expInMilliseconds, boolean roleAsString, boolean mnAsNumber,
            boolean tokenExp, boolean appKey) {
        this(iatFormula, expInMilliseconds, roleAsString, mnAsNumber, tokenExp, appKey, false);
    }

    /** Zoom's sample endpoint: {@code iat = floor(now)}, {@code exp = iat + N}, {@code tokenExp = exp}. */
    public static ClaimsRecipe zoomSample() {
        return new ClaimsRecipe(IatFormula.FLOOR, false, false, false, true, true);
    }

    /** How {@code exp} is computed, for {@code describe()}: empty when correct. */
    public String expMistake() {
        return expInMilliseconds ? ", exp in ms" : lifetimeTimes1000 ? ", exp = iat + lifetime * 1000" : "";
    }

    /** The same recipe with another {@code iat} formula. */
    public ClaimsRecipe withIat(IatFormula formula) {
        return new ClaimsRecipe(formula, expInMilliseconds, roleAsString, mnAsNumber, tokenExp, appKey, lifetimeTimes1000);
    }

    /**
     * Computes the claims for one request, reading the request's clock once.
     *
     * @param sdkKey the SDK key written as {@code sdkKey} (and {@code appKey})
     * @param request participant, meeting number, role, lifetime (seconds), minting clock
     * @return claims in Zoom's sample order: appKey, sdkKey, mn, role, iat, exp, tokenExp, video_webrtc_mode
     * @throws NumberFormatException when {@code mnAsNumber} and the meeting number is not digits
     */
    public Claims claims(String sdkKey, SignRequest request) {
        long ms = request.clock().millis();
        Number iat = iatFormula.iat(ms);
        Number exp;
        long lifetime = lifetimeTimes1000 ? request.expirationSeconds() * 1000L : request.expirationSeconds();
        if (expInMilliseconds) {
            exp = ms + request.expirationSeconds() * 1000L;
        } else if (iat instanceof Double d) {
            exp = d + lifetime;
        } else {
            exp = iat.longValue() + lifetime;
        }
        Claims.Builder b = Claims.builder();
        if (appKey) {
            b.put("appKey", sdkKey);
        }
        b.put("sdkKey", sdkKey);
        b.put("mn", mnAsNumber ? (Object) Long.parseLong(request.meetingNumber()) : request.meetingNumber());
        b.put("role", roleAsString ? (Object) Integer.toString(request.role()) : (Object) request.role());
        b.put("iat", iat);
        b.put("exp", exp);
        if (tokenExp) {
            b.put("tokenExp", exp);
        }
        b.put("video_webrtc_mode", request.videoWebRtcMode());
        return b.build();
    }
}
