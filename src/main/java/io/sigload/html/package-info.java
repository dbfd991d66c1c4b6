/**
 * Self-contained HTML reports ({@code --html FILE} on run, compare and skew): one file with the
 * data as embedded JSON, chart.js (bundled from npm at build time by {@code build/fetch-chartjs.sh})
 * and a small script drawing four charts: latency percentiles per signer (log scale), failures by
 * reason, participant clock skew vs verdict, and the skew window. Opens without a network.
 */
package io.sigload.html;
