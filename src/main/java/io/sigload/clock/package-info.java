/**
 * Clocks and clock skew. A participant's clock is {@code Clock.offset(trueClock, skew)}; skews are
 * drawn from a seeded {@link io.sigload.clock.SkewDistribution}. Clock skew is always the minting
 * (or participant's) clock minus the true clock: positive means fast.
 */
package io.sigload.clock;
