/**
 * Shapes in time that several layers read, as immutable values: the open model's arrival
 * schedule ({@link io.sigload.timing.ArrivalSchedule}, built from {@link io.sigload.timing.RateStage}s),
 * and an endpoint's injected faults ({@link io.sigload.timing.Latency}, {@link io.sigload.timing.Stall}).
 *
 * <p>Depends on {@code clock} only, so the scenario reader, the driver and the reference endpoint
 * can all use it without depending on each other.
 */
package io.sigload.timing;
