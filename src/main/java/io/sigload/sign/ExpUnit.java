package io.sigload.sign;

/**
 * How a generator computes {@code exp} (RFC 7519 §4.1.4, a NumericDate in seconds) from the minting
 * instant and the requested lifetime: correctly, or with one of the two unit mistakes seen in the
 * field. The scenario's {@code signer.exp} names them by {@link #wireName()}.
 */
public enum ExpUnit {
    /** {@code exp = iat + expirationSeconds}: correct. */
    SECONDS("seconds"),
    /** {@code exp = nowMillis + expirationSeconds * 1000}: a NumericDate in milliseconds. */
    MILLISECONDS("milliseconds"),
    /**
     * {@code exp = iat + expirationSeconds * 1000}: a lifetime in seconds multiplied as if it were
     * milliseconds (an {@code exp} 83 days out: {@code EXP_TOO_FAR}; field case ORIG-2).
     */
    LIFETIME_TIMES_1000("lifetime-times-1000");

    private final String wireName;

    ExpUnit(String wireName) {
        this.wireName = wireName;
    }

    /** The scenario's spelling, e.g. {@code lifetime-times-1000}. */
    public String wireName() {
        return wireName;
    }
}
