/**
 * Thresholds: k6-style pass/fail expressions checked against a run's result, e.g.
 * {@code invalid == 0}, {@code rate(IAT_IN_FUTURE) < 0.01}, {@code p99(total) < 2ms},
 * {@code throughput > 50000/s}. A failed threshold makes {@code sigload run} exit 1; results are
 * also written as JUnit XML and a Markdown summary for CI.
 */
package io.sigload.threshold;
