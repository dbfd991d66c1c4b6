/**
 * {@code sigload serve}: a reference Meeting SDK signature endpoint with the contract of Zoom's
 * sample (github.com/zoom/meetingsdk-auth-endpoint-sample), to drive with the {@code http} signer
 * and to reproduce server-side faults remotely.
 *
 * <p>Start at {@link io.sigload.serve.SignatureServer#start}; the request rules are in
 * {@link io.sigload.serve.SampleRequest}; faults ({@link io.sigload.timing.Latency},
 * {@link io.sigload.timing.Stall}, an error rate) in {@link io.sigload.serve.Faults}; a fast or
 * slow server clock and a buggy {@code iat} formula in {@link io.sigload.serve.Minting}.
 */
package io.sigload.serve;
