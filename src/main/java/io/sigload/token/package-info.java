/**
 * Tokens: compact JWS (RFC 7515 §7.1) encoding and decoding for HS256 signatures.
 *
 * <p>{@link io.sigload.token.CompactJws#decode} keeps the raw JSON type of every claim (a string
 * {@code iat}, a fractional {@code iat}, an {@code mn} number stay visible), because the type is
 * often the bug. {@link io.sigload.token.Base64Url} decodes strictly (RFC 7515 §2: unpadded
 * base64url) and, for diagnosis only, leniently.
 */
package io.sigload.token;
