package io.sigload.validate;

/**
 * Stable reason codes of the validator. Names and meanings follow the field cases' table
 * (docs/field-cases.md); never rename one: reports, thresholds and baselines use them.
 */
public enum ReasonCode {
    MALFORMED_TOKEN(Severity.ERROR, "not a compact JWS, nor a legacy signature"),
    NON_BASE64URL(Severity.ERROR, "a segment is not strict unpadded base64url (RFC 7515 §2)"),
    MALFORMED_JSON(Severity.ERROR, "header or payload is not a JSON object"),
    ALG_NOT_HS256(Severity.ERROR, "alg is missing or not HS256"),
    LEGACY_FORMAT(Severity.ERROR, "a pre-JWT Web SDK signature where a JWT is required"),
    WRONG_TOKEN_KIND(Severity.ERROR, "another kind of JWT (REST API, Video SDK vs Meeting SDK)"),
    BAD_SIGNATURE(Severity.ERROR, "HMAC-SHA256 with the secret does not match the signature"),
    MISSING_CLAIM(Severity.ERROR, "a required claim is absent"),
    NON_NUMERIC_CLAIM(Severity.ERROR, "a numeric claim is not a JSON number"),
    NUMERIC_DATE_IN_MILLISECONDS(Severity.ERROR, "a NumericDate above 10^11 (milliseconds)"),
    ROLE_NOT_NUMBER(Severity.ERROR, "role is not a JSON number"),
    ROLE_OUT_OF_RANGE(Severity.ERROR, "role is not 0 or 1"),
    MN_TYPE(Severity.ERROR, "mn is neither a digit string nor a non-negative JSON integer"),
    KEY_MISMATCH(Severity.ERROR, "appKey and sdkKey differ"),
    IAT_IN_FUTURE(Severity.ERROR, "iat is after the validator's clock (plus leeway)"),
    EXPIRED(Severity.ERROR, "the validator's clock is at or past exp"),
    EXP_TOO_SOON(Severity.ERROR, "exp - iat < 1800 s"),
    EXP_TOO_FAR(Severity.ERROR, "exp - iat > 172800 s (48 h)"),
    TOKENEXP_TOO_SOON(Severity.ERROR, "tokenExp < max(iat, now) + 1800 s"),
    MN_MISMATCH(Severity.ERROR, "mn differs from the meeting number joined"),
    TPC_MISMATCH(Severity.ERROR, "tpc differs from the session name joined"),
    LEGACY_EXPIRED(Severity.ERROR, "legacy timestamp older than 24 h"),
    LEGACY_TS_IN_FUTURE(Severity.ERROR, "legacy timestamp ahead of the validator's clock"),

    EXP_AT_MIN_BOUNDARY(Severity.WARNING, "exp - iat is exactly 1800 s"),
    FRACTIONAL_NUMERIC_DATE(Severity.WARNING, "a NumericDate with a fraction"),
    MN_IS_NUMBER(Severity.WARNING, "mn is a JSON number, not a string"),
    TOKENEXP_AFTER_EXP(Severity.WARNING, "tokenExp is after exp"),
    TYP_NOT_JWT(Severity.WARNING, "typ is not JWT"),

    FLOAT_PRECISION_TIME(Severity.HINT, "iat sits on a float-precision multiple of 128 s"),
    TIMEZONE_AS_UTC(Severity.HINT, "a time off by whole quarter hours: local time taken as UTC"),
    CLIENT_CLOCK_SKEW(Severity.HINT, "the minting clock is off"),
    ROUNDED_SECONDS(Severity.HINT, "iat less than a second ahead: the seconds were rounded up"),
    WRONG_SECRET(Severity.HINT, "the MAC matches another secret you own"),
    KEY_ENCODING(Severity.HINT, "the MAC matches the secret decoded or trimmed"),
    HEX_ENCODED_MAC(Severity.HINT, "the signature segment is the MAC in hex");

    private final Severity severity;
    private final String summary;

    ReasonCode(Severity severity, String summary) {
        this.severity = severity;
        this.summary = summary;
    }

    /** Error, warning or hint. */
    public Severity severity() {
        return severity;
    }

    /** One line on when the code is given. */
    public String summary() {
        return summary;
    }
}
