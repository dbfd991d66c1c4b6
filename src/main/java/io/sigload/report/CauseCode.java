package io.sigload.report;

import java.util.List;

/**
 * The stable codes of a run's diagnosed causes ({@code diagnosis.causes[].code} in the JSON report),
 * documented in docs/diagnosis.md. Never rename one: CI checks and hooks read them.
 *
 * <p>Relation to the validator's hint codes ({@code ReasonCode} with severity HINT): a hint is one
 * token's likely cause, a cause is the run's conclusion from all tokens, verdicts and clocks. A cause
 * cites the hints it agrees with ({@link #hints()}, counted in {@link Cause#hints()}), but never rests
 * on a hint count alone: its statistic is computed from {@link Evidence}.
 */
public enum CauseCode {
    /** Failures follow the participants' own clocks: tokens minted on the participants' devices. */
    CLIENT_CLOCKS("the participants' own clocks", List.of("CLIENT_CLOCK_SKEW")),
    /** iat is a constant offset from the request instants: the minting server's clock is off. */
    SERVER_CLOCK_OFFSET("the minting server's clock is off", List.of("CLIENT_CLOCK_SKEW")),
    /** Clocks or iat off by a whole number of quarter hours: a local time read as UTC, a wrong zone. */
    TIMEZONE("a time zone: local time taken as UTC", List.of("TIMEZONE_AS_UTC")),
    /** iat up to 0.5 s ahead of the minting instant: Math.round instead of Math.floor. */
    IAT_ROUNDED_UP("iat rounded up (Math.round)", List.of()),
    /** iat concentrated on a float grid (multiples of 128 s near 1.7e9): float arithmetic. */
    FLOAT_ROUNDING("iat computed through a float", List.of("FLOAT_PRECISION_TIME")),
    /** iat with a fraction (accepted, fragile). */
    FRACTIONAL_IAT("a fractional iat", List.of()),
    /** A NumericDate in milliseconds. */
    MILLISECONDS("a NumericDate in milliseconds", List.of()),
    /** exp - iat outside Zoom's 1800 s .. 48 h: the lifetime's unit or value. */
    EXP_LIFETIME("the token's lifetime (exp - iat)", List.of()),
    /** role or mn of the wrong JSON type (refused), or mn as a number (accepted, fragile). */
    CLAIM_TYPES("a claim of the wrong JSON type", List.of()),
    /** A required claim is absent. */
    CLAIMS_INCOMPLETE("a required claim is absent", List.of()),
    /** The token's mn (or tpc) is not the meeting (session) joined. */
    MN_OR_ROLE_MISMATCH("the token was signed for another meeting or role", List.of()),
    /** The MAC matches no form of the validator's secret, or another secret the user owns. */
    WRONG_SECRET("another secret signed the tokens", List.of("WRONG_SECRET")),
    /** The MAC matches the secret decoded (hex, base64), trimmed or with a newline. */
    KEY_ENCODING("the secret's bytes were changed before signing", List.of("KEY_ENCODING")),
    /** The signature segment is the MAC written in hex. */
    MAC_ENCODING("the MAC is encoded wrongly", List.of("HEX_ENCODED_MAC")),
    /** The token is not a Meeting SDK JWT in compact form (encoding, JSON, alg, kind, legacy). */
    TOKEN_FORMAT("the token's form", List.of()),
    /** Tokens refused in the burst validate when minted one at a time: a signer that is not thread-safe. */
    NOT_THREAD_SAFE("a signer that is not thread-safe", List.of()),
    /** The same token handed to several participants: a cached token reused. */
    TOKEN_REUSED("a token cached and reused", List.of()),
    /** Participants got no token: the signer or its endpoint failed. */
    SIGNER_FAILING("the signer or its endpoint failed", List.of()),
    /** Refusals the evidence cannot attribute yet: too thin, or several causes at once. */
    INCONCLUSIVE("not enough evidence to choose", List.of());

    private final String summary;
    private final List<String> hints;

    CauseCode(String summary, List<String> hints) {
        this.summary = summary;
        this.hints = hints;
    }

    /** A few words on what the code means. */
    public String summary() {
        return summary;
    }

    /** The validator's hint codes this cause agrees with (cited with their counts). */
    public List<String> hints() {
        return hints;
    }
}
