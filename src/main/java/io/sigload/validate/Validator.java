package io.sigload.validate;

/**
 * Judges a token the way Zoom would.
 *
 * <p>Implementations are thread-safe and never throw on any input: a token that cannot be read
 * gets a verdict with {@link ReasonCode#MALFORMED_TOKEN}.
 */
public interface Validator {
    /**
     * Validates one token.
     *
     * @param token the exact string the client sent (compact JWS, or a legacy signature)
     * @param context profile, secret, the validator's clock and the join parameters
     * @return every broken rule, warning and hint; never {@code null}
     */
    Verdict validate(String token, ValidationContext context);

    /** The validator for all profiles ({@code meeting-web}, {@code meeting-native}, {@code video}, {@code legacy}). */
    static Validator zoom() {
        return ZoomValidator.INSTANCE;
    }
}
