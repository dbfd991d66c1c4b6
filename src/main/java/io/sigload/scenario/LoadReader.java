package io.sigload.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.timing.ArrivalSchedule;
import io.sigload.timing.RateStage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code load} section: {@code model: burst} (closed model, the default) or
 * {@code model: arrival-rate} with {@code stages} such as {@code {rate: 500/s, for: 30s}} and
 * {@code {ramp: 0/s -> 2000/s, over: 60s}} (open model), {@code maxInFlight} and
 * {@code whenFull: drop} (default) or {@code wait}.
 */
final class LoadReader {
    private static final Pattern RATE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(?:/s)?\\s*");
    private static final Pattern RAMP = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(?:/s)?\\s*(?:->|→|to)\\s*(\\d+(?:\\.\\d+)?)\\s*(?:/s)?\\s*");

    private LoadReader() {
    }

    static Scenario.LoadModel read(JsonNode l, FieldReader r) {
        r.onlyKeys(l, "load", List.of("model", "maxInFlight", "stages", "whenFull"));
        String model = r.choice(l, "load", "model", Map.of("burst", "burst", "arrival-rate", "arrival-rate"), "burst");
        int maxInFlight = (int) r.integer(l, "load", "maxInFlight", 0, 10_000_000, 0);
        if (model.equals("burst")) {
            if (l != null && l.has("stages")) {
                r.problem("load.stages", "stages belong to model: arrival-rate; a burst starts everyone at once");
            }
            if (l != null && l.has("whenFull")) {
                r.problem("load.whenFull", "whenFull belongs to model: arrival-rate; a burst always waits for a slot");
            }
            return new Scenario.Burst(maxInFlight);
        }
        JsonNode st = l.get("stages");
        List<RateStage> stages = new ArrayList<>();
        if (st == null || !st.isArray() || st.isEmpty()) {
            r.problem("load.stages", "an arrival-rate load needs stages, e.g. [{rate: 500/s, for: 30s}, {ramp: 0/s -> 2000/s, over: 60s}]");
        } else {
            for (int i = 0; i < st.size(); i++) {
                String p = "load.stages[" + i + "]";
                JsonNode s = st.get(i);
                r.onlyKeys(s, p, List.of("rate", "for", "ramp", "over"));
                if (s.has("rate") && s.has("ramp")) {
                    r.problem(p, "a stage is either {rate: R/s, for: D} or {ramp: FROM/s -> TO/s, over: D}, not both;"
                            + " split it into two stages");
                } else if (s.has("rate")) {
                    double rate = rate(s.get("rate"), p + ".rate", r);
                    Duration d = r.duration(s, p, "for", Duration.ZERO);
                    stages.add(new RateStage(rate, rate, positive(d, p + ".for", r)));
                } else if (s.has("ramp")) {
                    Matcher m = RAMP.matcher(s.get("ramp").asText());
                    Duration d = r.duration(s, p, "over", Duration.ZERO);
                    if (!m.matches()) {
                        r.problem(p + ".ramp", "found " + FieldReader.describe(s.get("ramp")) + "; allowed: FROM/s -> TO/s, e.g. 0/s -> 2000/s");
                    } else {
                        stages.add(new RateStage(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                                positive(d, p + ".over", r)));
                    }
                } else {
                    r.problem(p, "a stage is {rate: 500/s, for: 30s} or {ramp: 0/s -> 2000/s, over: 60s}");
                }
            }
        }
        if (!stages.isEmpty() && new ArrivalSchedule(stages).size() == 0) {
            r.problem("load.stages", "the stages schedule no arrival at all; give a rate above 0, e.g. {rate: 100/s, for: 10s}");
        }
        Map<String, Scenario.WhenFull> whenFull = new LinkedHashMap<>();
        whenFull.put("drop", Scenario.WhenFull.DROP);
        whenFull.put("wait", Scenario.WhenFull.WAIT);
        return new Scenario.ArrivalRate(stages, maxInFlight,
                r.choice(l, "load", "whenFull", whenFull, Scenario.WhenFull.DROP));
    }

    private static Duration positive(Duration d, String path, FieldReader r) {
        if (d.isZero() || d.isNegative()) {
            r.problem(path, "a stage needs a positive duration, e.g. 30s");
        }
        return d;
    }

    private static double rate(JsonNode n, String path, FieldReader r) {
        Matcher m = RATE.matcher(n.asText());
        if (!n.isValueNode() || !m.matches()) {
            r.problem(path, "found " + FieldReader.describe(n) + "; allowed: participants per second, e.g. 500/s");
            return 0;
        }
        return Double.parseDouble(m.group(1));
    }
}
