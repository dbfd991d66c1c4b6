package io.sigload.compare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.report.JsonReport;
import java.util.List;

/** The {@code compare --json} document. Stateless and thread-safe. */
public final class CompareJson {
    private CompareJson() {
    }

    /**
     * {@code {"scenario", "signers": [{"label", "sets", "failure", "run", "skew"}]}}: {@code run} is
     * the signer's {@code run --json} report, {@code skew} its skew report ({@code null} when not
     * measured), {@code failure} why its run could not be carried out ({@code null} when it ran).
     */
    public static ObjectNode toJson(String scenario, List<CompareRow> rows) {
        ObjectNode o = JsonReport.JSON.createObjectNode();
        o.put("scenario", scenario);
        ArrayNode a = o.putArray("signers");
        for (CompareRow r : rows) {
            ObjectNode n = a.addObject();
            n.put("label", r.entry().label());
            n.set("sets", JsonReport.JSON.valueToTree(r.entry().sets()));
            n.put("failure", r.failure());
            n.set("run", r.run());
            n.set("skew", r.skew());
        }
        return o;
    }
}
