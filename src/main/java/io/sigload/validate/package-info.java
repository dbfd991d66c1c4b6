/**
 * The validator: Zoom's documented rules for Meeting SDK JWTs (web and native), Video SDK JWTs
 * and the legacy pre-JWT signature, each with a stable {@link io.sigload.validate.ReasonCode}.
 *
 * <p>A {@link io.sigload.validate.Verdict} lists every broken rule, not just the first, each as a
 * {@link io.sigload.validate.Violation} with the numbers behind it. Rules are checked against the
 * validator's own clock ({@link io.sigload.validate.ValidationContext#now()}). The rule set and
 * its sources are listed in {@code docs/validator.md}.
 */
package io.sigload.validate;
