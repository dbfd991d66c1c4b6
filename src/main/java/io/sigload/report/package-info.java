/**
 * Recording and reporting a run: {@link io.sigload.report.RunRecorder} accumulates latencies
 * (HdrHistogram {@code Recorder}s, nanoseconds) and counters while participants run;
 * {@link io.sigload.report.RunResult} is the immutable outcome, printed for people by
 * {@link io.sigload.report.ConsoleReport} and written for machines by {@link io.sigload.report.JsonReport}.
 * Latencies in reports are microseconds ({@code latencyMicros}). The diagnosis is blind to the signer's
 * settings (this package uses neither {@code sign} nor {@code scenario}): {@link io.sigload.report.EvidenceRecorder}
 * fills the mergeable {@link io.sigload.report.Evidence} while participants run, and
 * {@link io.sigload.report.Diagnoser} turns verdicts, evidence and the replay's
 * {@link io.sigload.report.ReplayEvidence} into {@link io.sigload.report.Cause}s (docs/diagnosis.md).
 */
package io.sigload.report;
