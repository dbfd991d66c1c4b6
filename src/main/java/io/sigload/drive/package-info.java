/**
 * The driver: a {@link io.sigload.drive.Plan} of participants (seeded), run on one virtual thread
 * per participant, in a closed model (burst: everyone waits at a start gate and goes at once) or
 * an open model (arrival rate: starts on a schedule, latency measured from each intended start,
 * so there is no coordinated omission). Results stream into a
 * {@link io.sigload.report.RunRecorder}; nothing grows with the participant count but counters.
 */
package io.sigload.drive;
