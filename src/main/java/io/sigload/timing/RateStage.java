package io.sigload.timing;

import java.time.Duration;

/**
 * One stage of an arrival-rate schedule (the open model): the rate goes linearly from
 * {@code fromPerSec} to {@code toPerSec} (arrivals per second, {@code >= 0}) over {@code duration}
 * (positive); equal rates make a constant stage. Immutable.
 *
 * @param fromPerSec rate at the stage's start, arrivals per second
 * @param toPerSec rate at the stage's end, arrivals per second
 * @param duration how long the stage lasts
 */
public record RateStage(double fromPerSec, double toPerSec, Duration duration) {
}
