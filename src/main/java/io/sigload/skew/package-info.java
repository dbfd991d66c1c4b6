/**
 * Clock-skew proof: how far the clock a token is minted on may be from the validator's clock
 * before tokens are refused.
 *
 * <p>Skew is always <em>minting clock minus validator clock</em>, in whole seconds: {@code +30}
 * means the minting clock is 30 s fast. A {@link io.sigload.skew.SkewProbe} mints and validates
 * a set of tokens at one skew ({@link io.sigload.skew.SkewStep}); {@link io.sigload.skew.SkewSweep}
 * walks a range with a coarse grid, then bisects every change of outcome down to 1 s, and returns
 * a {@link io.sigload.skew.SkewReport}: the window in which every token validates, the rule
 * ({@link io.sigload.validate.ReasonCode}) that closes each edge, and the bands where acceptance is
 * probabilistic (some tokens pass, some fail, as with the float-rounding {@code iat} bugs).
 *
 * <p>For users' own tests: {@link io.sigload.skew.SkewAssertions#assertValidUnderSkew} and the
 * JUnit 5 {@link io.sigload.skew.SkewExtension}, which injects a {@link io.sigload.skew.SkewChecker}.
 */
package io.sigload.skew;
