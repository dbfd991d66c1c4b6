package io.sigload.skew;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The machine-readable skew report. Shape:
 * <pre>{@code
 * { "signer", "profile", "mode": "minting-clock"|"validator-clock", "fromSeconds", "toSeconds",
 *   "headline", "everValid",
 *   "windowSeconds": {"min", "max"} | null,
 *   "edges": {"slow"|"fast": {"lastValid", "firstRejected", "allRejectedFrom", "reason",
 *             "probabilistic", "rejectedShareAtFirst"}},
 *   "probabilistic": {"skewSeconds", "rejectedShare", "reason"} | null,
 *   "steps": [{"skewSeconds", "tokens", "accepted", "rejectedShare", "rejectedBy": {CODE: n}}] }
 * }</pre>
 * Skews are seconds, minting clock minus validator clock.
 */
public final class SkewJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SkewJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode toJson(SkewReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("signer", r.signer());
        o.put("profile", r.profile());
        o.put("mode", r.mode() == SignerProbe.Mode.MINTING_CLOCK ? "minting-clock" : "validator-clock");
        o.put("fromSeconds", r.fromSeconds());
        o.put("toSeconds", r.toSeconds());
        o.put("headline", SkewText.headline(r));
        o.put("everValid", r.everValid());
        if (r.window() == null) {
            o.putNull("windowSeconds");
        } else {
            o.putObject("windowSeconds").put("min", r.window().min()).put("max", r.window().max());
        }
        ObjectNode edges = o.putObject("edges");
        if (r.slow() != null) {
            edges.set("slow", edge(r.slow()));
            edges.set("fast", edge(r.fast()));
        }
        r.probabilisticNearZero().ifPresentOrElse(s -> o.putObject("probabilistic").put("skewSeconds", s.skewSeconds())
                .put("rejectedShare", s.rejectedShare()).put("reason", s.mainReason()), () -> o.putNull("probabilistic"));
        ArrayNode steps = o.putArray("steps");
        for (SkewStep s : r.steps()) {
            ObjectNode n = steps.addObject().put("skewSeconds", s.skewSeconds()).put("tokens", s.tokens())
                    .put("accepted", s.accepted()).put("rejectedShare", s.rejectedShare());
            n.set("rejectedBy", JSON.valueToTree(s.rejectedBy()));
        }
        return o;
    }

    private static ObjectNode edge(SkewEdge e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("lastValid", e.lastValid());
        if (e.firstRejected() == null) {
            n.putNull("firstRejected");
        } else {
            n.put("firstRejected", e.firstRejected());
        }
        if (e.allRejectedFrom() == null) {
            n.putNull("allRejectedFrom");
        } else {
            n.put("allRejectedFrom", e.allRejectedFrom());
        }
        n.put("reason", e.reason());
        n.put("probabilistic", e.probabilistic());
        n.put("rejectedShareAtFirst", e.rejectedShareAtFirst());
        return n;
    }
}
