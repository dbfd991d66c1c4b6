/**
 * The {@code fast} signer: sigload's own HS256 for the hot path, byte-identical to java-jwt 4.6.2.
 *
 * <p>Pieces, usable alone in benchmarks: {@link io.sigload.hmac.HmacSha256} (HMAC-SHA256 with
 * the key's inner and outer hash states cached), {@link io.sigload.sign.fast.ClaimsJson} (claims to
 * UTF-8 JSON bytes with java-jwt's member order, escaping and number formats) and
 * {@link io.sigload.sign.fast.Base64UrlBytes} (unpadded base64url from bytes to bytes).
 * {@link io.sigload.sign.fast.FastSigner} puts them together. All are thread-safe and keep no
 * per-thread state.
 */
package io.sigload.sign.fast;
