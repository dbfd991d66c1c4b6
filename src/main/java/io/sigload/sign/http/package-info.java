/**
 * The {@code http} signer: a remote signature endpoint driven over Netty ({@code client: netty},
 * the default, epoll where available; {@code helidon} and {@code okhttp} on request), by default
 * with Zoom's sample contract (github.com/zoom/meetingsdk-auth-endpoint-sample).
 *
 * <p>Start at {@link io.sigload.sign.http.HttpSigner}; its options are
 * {@link io.sigload.sign.http.HttpSignerOptions}, the request body is a
 * {@link io.sigload.sign.http.BodyTemplate}, and every failure is a
 * {@link io.sigload.sign.SignException} in one of the categories of
 * {@link io.sigload.sign.http.Failures}, so transport failures are counted apart from token
 * failures and the run goes on.
 */
package io.sigload.sign.http;
