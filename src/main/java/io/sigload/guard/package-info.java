/**
 * Guards at the edges: what comes from outside (endpoint bodies, child output, scenario and secret
 * files, claim values) and what goes out (console, report files).
 *
 * <p>{@link io.sigload.guard.Redactor} is the one masking function: every report path goes through
 * it ({@link io.sigload.guard.GuardedPrintWriter} for stdout and stderr,
 * {@link io.sigload.guard.ReportFiles} for files), and text from outside is masked with it before
 * it is cut ({@link io.sigload.guard.Redactor#quote}). {@link io.sigload.guard.Controls} escapes
 * control characters. {@link io.sigload.guard.BoundedRead} reads files from outside with a size
 * limit enforced while reading. This package uses nothing else of sigload's.
 */
package io.sigload.guard;
