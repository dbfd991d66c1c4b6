package io.sigload.report;

import io.sigload.clock.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The run report for people: counts, reasons, latency percentiles (in µs, ms or s), failing participants, diagnosis. */
public final class ConsoleReport {
    private ConsoleReport() {
    }

    /** Prints the report. */
    public static void print(RunResult r, PrintWriter out) {
        RunContext c = r.context();
        Verdicts verdicts = r.verdicts();
        out.printf(Locale.ROOT, "sigload run: %s  (seed %d, %d participants, %s, %s time)%n", c.scenario(), c.seed(),
                c.participants(), c.loadModel(), c.timeMode());
        out.printf(Locale.ROOT, "  signer     %s, minted on %s%n", c.signer(),
                c.mintedOn().equals("client") ? "each participant's own clock (browser)" : "the server's clock");
        out.printf(Locale.ROOT, "  validator  %s%n%n", c.profile());
        Completion stop = r.completion();
        if (stop.interrupted()) {
            out.printf(Locale.ROOT, "INTERRUPTED by %s after %.1f s: %,d of %,d participants measured, %,d not started,"
                    + " %,d in flight not measured (grace %d ms). Everything below is what was measured until then.%n%n",
                    stop.reason(), r.timing().elapsedMillis() / 1000, verdicts.completed(), c.participants(),
                    stop.notStarted(), stop.abandoned(), stop.graceMillis());
        }

        double pct = verdicts.completed() == 0 ? 0 : 100.0 * verdicts.invalid() / verdicts.completed();
        out.printf(Locale.ROOT, "verdicts     %d valid, %d invalid (%.1f%%)%s%n", verdicts.valid(), verdicts.invalid(), pct,
                verdicts.completed() < c.participants() && !stop.interrupted()
                        ? ", " + (c.participants() - verdicts.completed()) + " did not start" : "");
        counts(out, verdicts.byReason(), "");
        counts(out, r.mintErrors().byCategory(), " (no token)");
        r.mintErrors().examples().forEach((k, v) -> out.printf(Locale.ROOT, "  first %s: %s%n", k, v));
        if (!r.mintErrors().signerCounters().isEmpty()) {
            long warm = Math.max(1, r.latency(LatencyPhase.WARMUP).count());
            out.print("signer (incl. " + warm + " warm-up call" + (warm == 1 ? "" : "s") + ")");
            r.mintErrors().signerCounters().forEach((k, v) -> out.printf(Locale.ROOT, " %s=%d", k, v));
            out.println();
        }
        if (!verdicts.warnings().isEmpty()) {
            out.println("warnings");
            counts(out, verdicts.warnings(), "");
        }
        if (!verdicts.hints().isEmpty()) {
            out.println("hints (per token, unweighed; the diagnosis below weighs them)");
            counts(out, verdicts.hints(), "");
        }
        out.println();
        out.printf(Locale.ROOT, "%-17s %10s %10s %10s %10s %10s%n", "latency", "p50", "p90", "p99", "p99.9", "max");
        for (var e : r.timing().latency().entrySet()) {
            LatencySummary s = e.getValue();
            out.printf(Locale.ROOT, "  %-15s %10s %10s %10s %10s %10s%n", e.getKey().label(), Units.micros(s.p50()),
                    Units.micros(s.p90()), Units.micros(s.p99()), Units.micros(s.p999()), Units.micros(s.max()));
        }
        out.printf(Locale.ROOT, "throughput    %,.0f participants/s (%,d in %s)%n", r.timing().throughputPerSec(),
                verdicts.completed(), Units.micros(r.timing().elapsedMillis() * 1000));
        if (c.loadModel().equals("arrival-rate")) {
            out.printf(Locale.ROOT, "starts        %d late (> 1 ms behind schedule), %d dropped (in-flight bound full)%n",
                    r.timing().lateStarts(), r.timing().droppedStarts());
        }
        if (!r.failures().isEmpty()) {
            Map<Integer, String> alone = aloneByParticipant(r.replay());
            out.printf(Locale.ROOT, "%nfailing participants (%d of %d shown, lowest indexes)%n", r.failures().size(), verdicts.invalid());
            // the time-zone column appears when some participant is outside UTC (clocks.timezones)
            int zw = r.failures().stream().map(FailureSample::zone)
                    .anyMatch(z -> z != null && !z.equals("Z") && !z.equals("UTC"))
                    ? Math.max(4, r.failures().stream().mapToInt(f -> f.zone() == null ? 1 : f.zone().length()).max()
                            .orElse(4)) : 0;
            String zf = zw == 0 ? "%s" : "%-" + zw + "s  ";
            out.printf(Locale.ROOT, "  %6s  %12s  " + zf + "%4s  %-8s  %s%n", "#", "clock skew", zw == 0 ? "" : "zone",
                    "role", "alone", "reasons");
            for (FailureSample f : r.failures()) {
                for (int i = 0; i < f.errors().size(); i++) {
                    String msg = f.messages().get(i);
                    String zone = zw == 0 || i > 0 ? "" : f.zone() == null ? "?" : f.zone();
                    out.printf(Locale.ROOT, "  %6s  %12s  " + zf + "%4s  %-8s  %s%s%n",
                            i == 0 ? String.valueOf(f.participant()) : "",
                            i == 0 ? Durations.signedSeconds(Duration.ofMillis(f.skewMillis())) : "", zone,
                            i == 0 ? String.valueOf(f.role()) : "", i == 0 ? alone.getOrDefault(f.participant(), "") : "",
                            f.errors().get(i), msg == null || msg.isEmpty() ? "" : ": " + msg);
                }
                if (f.sentDiffersFromPlanned()) {
                    out.printf(Locale.ROOT, "  %6s  %12s  " + zf + "%4s  %-8s  sent %s (planned %s)%n", "", "", "", "",
                            "", f.sent().describe(), f.planned().describe());
                }
            }
        }
        r.failures().stream().filter(f -> f.token() != null).findFirst().ifPresent(f -> out.printf(Locale.ROOT,
                "  explain one: ./sigload inspect --at %d%s <token>  (participant %d; tokens and --at: --json"
                        + " failures[] has these %d, --failures FILE every one)%n",
                f.validatedAt(), inspectFlags(r, f), f.participant(), r.failures().size()));
        replay(out, r);
        if (!r.diagnosis().isEmpty()) {
            out.printf("%ndiagnosis%n");
            wrap(out, r.diagnosis().text(), 96, "  ");
            if (!r.diagnosis().causes().isEmpty()) {
                out.print("  causes:");
                for (Cause cause : r.diagnosis().causes()) {
                    out.printf(Locale.ROOT, " %s%s (%d, %s)", cause.alternativeTo() == null ? "" : "or ", cause.code(),
                            cause.explains(), cause.strength());
                }
                out.println();
            }
        }
        out.flush();
    }

    /**
     * The replay's own section: how it ran (clock, counts, time against its deadline), the
     * duplicate-token count, and what the counts show ({@link ReplayEvidence#summary()}).
     */
    static void replay(PrintWriter out, RunResult r) {
        ReplayEvidence e = r.replay();
        if (!e.worthReporting()) {
            return;
        }
        out.println();
        if (e.ran()) {
            out.printf(Locale.ROOT, "replay       one at a time, %s in %d ms (deadline %.1f s)%n",
                    e.clock().equals("simulated") ? "simulated time (the same planned instants)" : "wall time",
                    e.elapsedMillis(), e.deadlineMillis() / 1000.0);
            out.printf(Locale.ROOT, "  refused in the burst    %4d replayed, %4d valid alone%n", e.failingReplayed(),
                    e.failingValidAlone());
            out.printf(Locale.ROOT, "  accepted in the burst   %4d replayed, %4d refused alone%n", e.passingReplayed(),
                    e.passingInvalidAlone());
        } else {
            out.printf(Locale.ROOT, "replay       %s%n", e.note().isEmpty() ? "not needed (no failures)" : e.note());
        }
        if (e.ran() && !e.note().isEmpty()) {
            out.printf(Locale.ROOT, "  note: %s%n", e.note());
        }
        out.printf(Locale.ROOT, "  tokens passed on        %4d of %d participants (a token already handed to another"
                + " meeting, role or session%s)%n", e.duplicateTokens(), e.tokensCounted(),
                e.tokensCounted() > TokenReuse.UNSAMPLED_TOKENS
                        ? "; estimated from a sample of about " + TokenReuse.UNSAMPLED_TOKENS + " tokens chosen by hash" : "");
        String summary = e.summary();
        if (!summary.isEmpty()) {
            wrap(out, summary, 96, "  ");
        }
    }

    /** Each replayed participant's outcome alone: {@code valid}, {@code refused} or {@code no token}. */
    private static Map<Integer, String> aloneByParticipant(ReplayEvidence e) {
        Map<Integer, String> m = new HashMap<>();
        for (ReplayEvidence.Replayed p : e.participants()) {
            m.put(p.participant(), p.validAlone() ? "valid" : p.tokenAlone() ? "refused" : "no token");
        }
        return m;
    }

    /** The {@code inspect} flags that judge a token as this run did: profile, and what the client joins. */
    static String inspectFlags(RunResult r, FailureSample f) {
        String mn = r.context().meetingNumber().isEmpty() ? "<number>" : r.context().meetingNumber();
        if (f.planned() != null && f.planned().meetingNumber() != null) {
            mn = f.planned().meetingNumber().asText();
        }
        String session = f.planned() == null || f.planned().sessionName() == null ? "<name>"
                : shellWord(f.planned().sessionName().asText());
        String secret = r.context().inspectOptions().isEmpty() ? "" : " " + r.context().inspectOptions();
        return secret + switch (r.context().profile()) {
            case "meeting-web" -> " --meeting-number " + mn;
            case "legacy" -> " --profile legacy --meeting-number " + mn;
            case "video" -> " --profile video --session-name " + session;
            default -> " --profile " + r.context().profile();
        };
    }

    /** The word as a shell would need it: bare when safe, else in single quotes. */
    private static String shellWord(String w) {
        return w.matches("[\\w./@%+=:,-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
    }

    private static void counts(PrintWriter out, Map<String, Long> m, String suffix) {
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.printf(Locale.ROOT, "  %-30s %8d%s%n", e.getKey(), e.getValue(), suffix));
    }

    static void wrap(PrintWriter out, String text, int width, String indent) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > width && line.length() > indent.length()) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        if (line.length() > indent.length()) {
            out.println(line.toString().stripTrailing());
        }
    }
}
