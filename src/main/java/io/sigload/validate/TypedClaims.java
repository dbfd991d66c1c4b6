package io.sigload.validate;

import java.math.BigDecimal;

/**
 * The claims that passed their type and unit rules, ready for the time and context rules; a
 * claim that is absent or failed is {@code null} and takes part in no further rule.
 *
 * @param iat issued-at, seconds since the epoch (RFC 7519 §4.1.6)
 * @param exp expiry, seconds since the epoch (RFC 7519 §4.1.4)
 * @param tokenExp Meeting SDK {@code tokenExp}, seconds since the epoch
 * @param mn the meeting number as a digit string
 * @param tpc the Video SDK session name
 */
record TypedClaims(BigDecimal iat, BigDecimal exp, BigDecimal tokenExp, String mn, String tpc) {
}
