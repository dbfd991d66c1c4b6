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
 */
public record ClaimsRecipe(
        IatFormula iatFormula,
        boolean expInMilliseconds,
        boolean roleAsString,
        boolean mnAsNumber,
        boolean tokenExp,
        boolean appKey) {

    /** Zoom's sample endpoint: {@code iat = floor(now)}, {@code exp = iat + N}, {@code tokenExp = exp}. */
    public static ClaimsRecipe zoomSample() {
        return new ClaimsRecipe(IatFormula.FLOOR, false, false, false, true, true);
    }

    /** The same recipe with another {@code iat} formula. */
    public ClaimsRecipe withIat(IatFormula formula) {
        return new ClaimsRecipe(formula, expInMilliseconds, roleAsString, mnAsNumber, tokenExp, appKey);
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
        if (expInMilliseconds) {
            exp = ms + request.expirationSeconds() * 1000L;
        } else if (iat instanceof Double d) {
            exp = d + request.expirationSeconds();
        } else {
            exp = iat.longValue() + request.expirationSeconds();
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
