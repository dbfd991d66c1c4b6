/**
 * {@code sigload compare}: one seeded plan against several signers, each in its own JVM (a child
 * process running this same program's {@code run --json}; secrets travel in the environment, never
 * on the command line) or, with {@code --in-process}, in this JVM after a warm-up run of its own;
 * then one table: validity by reason, latency percentiles, throughput, mint and transport errors,
 * and each signer's clock-skew window.
 */
package io.sigload.compare;
