package io.sigload.threshold;

/**
 * A threshold checked against a run.
 *
 * @param threshold the threshold
 * @param passed whether it held
 * @param actual the metric's value, in the threshold's unit
 * @param detail "required p99(total) < 2000 µs, actual 3412 µs (1.71x the limit)"
 */
public record ThresholdResult(Threshold threshold, boolean passed, double actual, String detail) {
}
