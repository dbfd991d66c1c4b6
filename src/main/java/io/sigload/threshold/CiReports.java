package io.sigload.threshold;

import io.sigload.guard.Redactor;
import io.sigload.guard.ReportFiles;
import io.sigload.report.Completion;
import io.sigload.report.LatencySummary;
import io.sigload.report.RunContext;
import io.sigload.report.RunResult;
import io.sigload.report.Units;
import io.sigload.report.Verdicts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * CI outputs of a run's thresholds: JUnit XML (one test case per threshold, a failure element with
 * the detail when it broke; the schema Surefire and GitHub/GitLab test reporters read) and a
 * Markdown summary fit for a CI job summary ({@code $GITHUB_STEP_SUMMARY}).
 */
public final class CiReports {
    private CiReports() {
    }

    /** Prints the thresholds' lines of the console report (nothing when there are none). */
    public static void printConsole(List<ThresholdResult> results, PrintWriter out) {
        if (results.isEmpty()) {
            return;
        }
        out.printf("%nthresholds%n");
        for (ThresholdResult c : results) {
            out.printf(Locale.ROOT, "  %-4s %-32s %s%n", c.passed() ? "ok" : "FAIL", c.threshold().expression(), c.detail());
        }
    }

    /** Writes JUnit XML through the run's redactor; {@code suite} names the test suite (the scenario). */
    public static void writeJunit(Path file, String suite, List<ThresholdResult> results, Completion completion,
            Redactor redactor) throws IOException {
        ReportFiles.write(file, junit(suite, results, completion), redactor);
    }

    /**
     * JUnit XML: one test case per threshold; a run stopped early also has the properties
     * {@code interrupted} and {@code stoppedBy} and a failing test case {@code run completed}, so a
     * CI test reporter shows that the numbers are partial.
     */
    public static String junit(String suite, List<ThresholdResult> results, Completion completion) {
        long failures = results.stream().filter(r -> !r.passed()).count() + (completion.interrupted() ? 1 : 0);
        long tests = results.size() + (completion.interrupted() ? 1 : 0);
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"sigload.").append(esc(suite)).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
        if (completion.interrupted()) {
            x.append("  <properties>\n    <property name=\"interrupted\" value=\"true\"/>\n")
                    .append("    <property name=\"stoppedBy\" value=\"").append(esc(completion.stoppedBy()))
                    .append("\"/>\n  </properties>\n");
            String detail = stopDetail(completion);
            x.append("  <testcase classname=\"sigload.run.").append(esc(suite)).append("\" name=\"run completed\">\n")
                    .append("    <failure message=\"").append(esc(detail)).append("\" type=\"interrupted\">")
                    .append(esc(detail)).append("</failure>\n  </testcase>\n");
        }
        for (ThresholdResult r : results) {
            x.append("  <testcase classname=\"sigload.thresholds.").append(esc(suite)).append("\" name=\"")
                    .append(esc(r.threshold().expression())).append("\"");
            if (r.passed()) {
                x.append("/>\n");
            } else {
                x.append(">\n    <failure message=\"").append(esc(r.detail())).append("\" type=\"threshold\">")
                        .append(esc(r.detail())).append("</failure>\n  </testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        return x.toString();
    }

    /** {@code stopped by SIGINT (Ctrl-C): 12 participants not started, 3 in flight not measured (grace 2000 ms)}. */
    public static String stopDetail(Completion c) {
        return String.format(Locale.ROOT, "stopped by %s: %,d participants not started, %,d in flight not measured"
                + " (grace %d ms); the counts are what was measured until then", c.reason(), c.notStarted(), c.abandoned(),
                c.graceMillis());
    }

    /** Writes the Markdown summary through the run's redactor. */
    public static void writeSummary(Path file, RunResult run, List<ThresholdResult> results, Redactor redactor)
            throws IOException {
        ReportFiles.write(file, summary(run, results), redactor);
    }

    /** A Markdown summary: verdicts, reasons, latency percentiles and the thresholds table. */
    public static String summary(RunResult run, List<ThresholdResult> results) {
        RunContext c = run.context();
        Verdicts verdicts = run.verdicts();
        StringBuilder m = new StringBuilder();
        boolean ok = results.stream().allMatch(ThresholdResult::passed) && !run.completion().interrupted();
        m.append("## sigload run: ").append(c.scenario()).append(results.isEmpty() && ok ? "" : ok ? " ✅" : " ❌").append("\n\n");
        if (run.completion().interrupted()) {
            m.append("**Interrupted**: ").append(stopDetail(run.completion())).append(".\n\n");
        }
        m.append(String.format(Locale.ROOT, "%d participants (seed %d, %s): **%d valid, %d invalid**%n%n",
                c.participants(), c.seed(), c.loadModel(), verdicts.valid(), verdicts.invalid()));
        if (!verdicts.byReason().isEmpty() || !run.mintErrors().byCategory().isEmpty()) {
            m.append("| reason | participants |\n|---|---:|\n");
            verdicts.byReason().forEach((k, v) -> m.append("| `").append(k).append("` | ").append(v).append(" |\n"));
            run.mintErrors().byCategory().forEach((k, v) -> m.append("| `").append(k).append("` (no token) | ").append(v).append(" |\n"));
            m.append('\n');
        }
        m.append("| latency | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|\n");
        run.timing().latency().forEach((phase, s) -> m.append(row(phase.wireName(), s)));
        m.append(String.format(Locale.ROOT, "%nthroughput: %.0f participants/s%n%n", run.timing().throughputPerSec()));
        if (!results.isEmpty()) {
            m.append("| threshold | result | detail |\n|---|---|---|\n");
            for (ThresholdResult r : results) {
                m.append("| `").append(r.threshold().expression()).append("` | ").append(r.passed() ? "pass" : "**FAIL**")
                        .append(" | ").append(r.detail()).append(" |\n");
            }
        }
        if (!run.diagnosis().isEmpty()) {
            m.append("\n> ").append(run.diagnosis().text()).append('\n');
        }
        return m.toString();
    }

    private static String row(String phase, LatencySummary s) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", phase, Units.micros(s.p50()), Units.micros(s.p90()),
                Units.micros(s.p99()), Units.micros(s.max()));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
