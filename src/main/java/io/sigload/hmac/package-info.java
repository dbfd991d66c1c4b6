/**
 * The one HMAC-SHA256 core (RFC 2104; HS256 is RFC 7518 §3.2) that the {@code fast} and
 * {@code legacy} signers and the validator share: key states (the inner and outer pads absorbed
 * once) cloned per MAC, an optional constant prefix absorbed once ({@link io.sigload.hmac.HmacSha256#withPrefix}),
 * and a per-secret cache of key states for verification ({@link io.sigload.hmac.HmacKeys}).
 *
 * <p>Depends on {@code token} only; everything that computes a MAC depends on this package.
 */
package io.sigload.hmac;
