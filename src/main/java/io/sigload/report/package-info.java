/**
 * Recording and reporting a run: {@link io.sigload.report.RunRecorder} accumulates latencies
 * (HdrHistogram {@code Recorder}s, nanoseconds) and counters while participants run;
 * {@link io.sigload.report.RunResult} is the immutable outcome, printed for people by
 * {@link io.sigload.report.ConsoleReport} and written for machines by {@link io.sigload.report.JsonReport}.
 * Latencies in reports are microseconds ({@code latencyMicros}).
 */
package io.sigload.report;
