package io.sigload.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.html.HtmlReport;
import io.sigload.report.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The compare table for people: one row per signer. Latency in the unit that reads best
 * ({@link Units#micros}, as the run's console table; the JSON keeps µs): the signer call
 * ({@code sign} p50, p99) and the participant's whole time from its intended start ({@code total}
 * p99, which includes queueing in a burst);
 * transport errors are the no-token categories of remote signers (connection, timeouts, HTTP
 * status, child process), mint errors the rest.
 */
public final class CompareTable {
    private static final Set<String> TRANSPORT = Set.of("CONNECTION_REFUSED", "CONNECT_TIMEOUT", "READ_TIMEOUT",
            "TRANSPORT_ERROR", "BODY_TOO_LARGE", "BAD_CONTENT_TYPE", "UNPARSEABLE_BODY", "TOKEN_MISSING");

    private CompareTable() {
    }

    /** Whether a no-token category is a transport error (else a mint error). */
    public static boolean transport(String category) {
        return TRANSPORT.contains(category) || category.startsWith("HTTP_") || category.startsWith("PROCESS_");
    }

    /** Prints the table, then each signer's reasons. */
    public static void print(String scenario, List<CompareRow> rows, PrintWriter out) {
        out.printf(Locale.ROOT, "sigload compare: %s, %d signers, same seeded plan%n%n", scenario, rows.size());
        out.printf(Locale.ROOT, "%-22s %7s %7s %10s %10s %10s %10s %6s %6s  %s%n", "signer", "valid", "invalid", "sign p50",
                "sign p99", "total p99", "tput/s", "mint", "transp", "skew window (s)");
        for (CompareRow r : rows) {
            String label = r.entry().label();
            String window = r.skew() == null ? "-" : HtmlReport.window(r.skew());
            if (!r.ok()) {
                out.printf(Locale.ROOT, "%-22s %s  %s%n", label, "run failed:", r.failure());
                continue;
            }
            JsonNode j = r.run();
            JsonNode sign = j.path("latencyMicros").path("sign");
            JsonNode total = j.path("latencyMicros").path("total");
            long mint = 0;
            long transport = 0;
            for (var e : j.path("mintErrors").properties()) {
                if (transport(e.getKey())) {
                    transport += e.getValue().asLong();
                } else {
                    mint += e.getValue().asLong();
                }
            }
            out.printf(Locale.ROOT, "%-22s %7d %7d %10s %10s %10s %,10.0f %6d %6d  %s%n", label, j.path("valid").asLong(),
                    j.path("invalid").asLong(), micros(sign, "p50"), micros(sign, "p99"), micros(total, "p99"),
                    j.path("throughputPerSec").asDouble(), mint, transport, window);
        }
        out.println();
        out.println("invalid by reason");
        for (CompareRow r : rows) {
            if (r.ok()) {
                Map<String, Long> reasons = new TreeMap<>();
                r.run().path("byReason").properties().forEach(e -> reasons.put(e.getKey(), e.getValue().asLong()));
                r.run().path("mintErrors").properties().forEach(e -> reasons.put(e.getKey(), e.getValue().asLong()));
                out.printf(Locale.ROOT, "  %-20s %s%n", r.entry().label(), reasons.isEmpty() ? "none" : reasons);
            }
        }
        List<String> signers = new ArrayList<>();
        rows.stream().filter(CompareRow::ok).forEach(r -> signers.add(r.entry().label() + ": " + r.run().path("signer").asText()));
        out.println();
        out.println("signers");
        signers.forEach(s -> out.println("  " + s));
        out.flush();
    }

    /** A latency field of the run JSON (µs) for people; {@code -} when absent. */
    private static String micros(JsonNode phase, String field) {
        JsonNode v = phase.path(field);
        return v.isNumber() ? Units.micros(v.asDouble()) : "-";
    }
}
