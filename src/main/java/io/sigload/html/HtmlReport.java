package io.sigload.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.skew.SkewJson;
import io.sigload.skew.SkewReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Builds the HTML report from run reports (the {@code --json} shape of {@code sigload run}, see
 * {@link io.sigload.report.JsonReport}) and skew reports ({@link SkewJson}). Each run or skew may
 * carry a {@code "label"} (e.g. the signer's name in a compare); otherwise its {@code signer} is used.
 *
 * <p>Stateless and thread-safe. The output is one UTF-8 document of roughly 220 KB (chart.js inlined).
 */
public final class HtmlReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {
    }

    /**
     * A report for one load run.
     *
     * @param run the run report
     * @param skew the signer's skew report, or {@code null} when not measured
     */
    public static String forRun(ObjectNode run, ObjectNode skew) {
        return render("sigload run: " + run.path("scenario").asText(), List.of(run), skew == null ? List.of() : List.of(skew));
    }

    /** A report for one skew sweep. */
    public static String forSkew(String scenario, SkewReport report) {
        return render("sigload skew: " + scenario, List.of(), List.of(SkewJson.toJson(report)));
    }

    /**
     * Renders the page.
     *
     * @param title page title
     * @param runs run reports, one per signer (may be empty)
     * @param skews skew reports, one per signer (may be empty)
     * @throws IllegalStateException when chart.js is missing from the class path (the build bundles it)
     */
    public static String render(String title, List<ObjectNode> runs, List<ObjectNode> skews) {
        ObjectNode data = JSON.createObjectNode();
        data.put("title", title);
        ArrayNode r = data.putArray("runs");
        for (ObjectNode run : runs) {
            ObjectNode slim = JSON.createObjectNode();
            slim.put("label", label(run));
            for (String k : List.of("valid", "invalid", "throughputPerSec", "latencyMicros", "byReason", "mintErrors", "scatter",
                    "mintedOn")) {
                if (run.has(k)) {
                    slim.set(k, run.get(k));
                }
            }
            r.add(slim);
        }
        ArrayNode s = data.putArray("skews");
        for (ObjectNode skew : skews) {
            ObjectNode copy = skew.deepCopy();
            copy.put("label", label(skew));
            s.add(copy);
        }
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resource("report.html")
                .replace("{{TITLE}}", esc(title))
                .replace("{{SUBTITLE}}", esc(subtitle(runs, skews)))
                .replace("{{SUMMARY}}", summary(runs, skews))
                .replace("{{DATA}}", json.replace("</", "<\\/"))
                .replace("{{REPORTJS}}", resource("report.js"))
                .replace("{{CHARTJS}}", resource("chart.umd.min.js").replace("</script", "<\\/script"));
    }

    private static String subtitle(List<ObjectNode> runs, List<ObjectNode> skews) {
        String what = (runs.isEmpty() ? "" : runs.size() + " load run(s)") + (runs.isEmpty() || skews.isEmpty() ? "" : ", ")
                + (skews.isEmpty() ? "" : skews.size() + " skew sweep(s)");
        StringBuilder b = new StringBuilder(what + ". Skew = minting clock minus validator clock.");
        for (ObjectNode run : runs) {
            if (run.path("interrupted").asBoolean(false)) {
                b.append(" INTERRUPTED by ").append(run.path("stopReason").asText()).append(": ")
                        .append(run.path("notStarted").asLong()).append(" participants not started, ")
                        .append(run.path("abandoned").asLong()).append(" in flight not measured; the numbers are what was"
                        + " measured until then.");
            }
            if (run.hasNonNull("skewNote")) {
                b.append(" Skew sweep ").append(run.get("skewNote").asText()).append('.');
            }
        }
        return b.toString();
    }

    /** One table row per signer: validity, latency, throughput, skew window. */
    private static String summary(List<ObjectNode> runs, List<ObjectNode> skews) {
        if (runs.isEmpty()) { // a skew report: no load-run columns
            StringBuilder t = new StringBuilder("<table><tr><th class=\"l\">signer</th><th>skew window (s)</th></tr>");
            for (ObjectNode skew : skews) {
                t.append("<tr><td class=\"l\">").append(esc(label(skew))).append("</td><td>").append(esc(window(skew)))
                        .append("</td></tr>");
            }
            return t.append("</table>").toString();
        }
        StringBuilder b = new StringBuilder("<table><tr><th class=\"l\">signer</th><th>valid</th><th>invalid</th>"
                + "<th>sign p50 µs</th><th>sign p99 µs</th><th>throughput /s</th><th>skew window (s)</th></tr>");
        int n = Math.max(runs.size(), skews.size());
        for (int i = 0; i < n; i++) {
            JsonNode run = i < runs.size() ? runs.get(i) : JSON.createObjectNode();
            JsonNode skew = i < skews.size() ? skews.get(i) : null;
            JsonNode total = run.path("latencyMicros").path("sign");
            b.append("<tr><td class=\"l\">").append(esc(i < runs.size() ? label(runs.get(i)) : label((ObjectNode) skew)))
                    .append("</td><td>").append(run.path("valid").asText("")).append("</td><td>")
                    .append(run.path("invalid").asText("")).append("</td><td>").append(total.path("p50").asText(""))
                    .append("</td><td>").append(total.path("p99").asText("")).append("</td><td>")
                    .append(run.has("throughputPerSec") ? String.format(Locale.ROOT, "%,.0f", run.get("throughputPerSec").asDouble()) : "")
                    .append("</td><td>").append(esc(window(skew))).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    /** "[-7169, +30]", "none", or "" when not measured. */
    public static String window(JsonNode skew) {
        if (skew == null || skew.isNull()) {
            return "";
        }
        JsonNode w = skew.path("windowSeconds");
        return w.isObject() ? String.format(Locale.ROOT, "[%+d, %+d]", w.get("min").asLong(), w.get("max").asLong()) : "none";
    }

    private static String label(ObjectNode o) {
        return o.hasNonNull("label") ? o.get("label").asText() : o.path("signer").asText("signer");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new HtmlUnavailableException("HTML reports are unavailable in this build: chart.js was not bundled"
                        + " (npm was missing when it was built). Install npm (apt-get install -y npm) and rebuild"
                        + " (mvn -B -DskipTests package); every other output works without it.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
