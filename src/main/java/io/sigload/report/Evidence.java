package io.sigload.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a run's tokens, verdicts and clocks showed, as mergeable accumulators: the only input of the
 * diagnosis besides the verdict counts ({@link Diagnoser}). Every part adds exactly ({@link #plus}),
 * so a run merged from shards is diagnosed like the single run. Filled by {@link EvidenceRecorder}
 * while participants run. Immutable. Documented in docs/diagnosis.md ("Evidence").
 *
 * <p>Offsets are {@link OffsetHistogram}s (ms bins); "mint instant" is when sigload asked the
 * signer for the token, on the load generator's true clock (the planned instant in simulated time;
 * the midpoint of the call in wall time); "own clock" is the participant's simulated clock skew.
 * Nothing here comes from the signer's settings.
 *
 * @param tokens tokens with a readable {@code iat}
 * @param fractionalIat of those, tokens whose {@code iat} has a fraction
 * @param iatMinusMint {@code iat - mint instant}: the minting clock's offset plus the iat formula's
 * @param iatMinusMintRefused the same, among tokens refused with {@code IAT_IN_FUTURE} or {@code EXPIRED}
 * @param iatMinusOwnClock {@code iat - (mint instant + the participant's clock skew)}: the formula's
 *     offset if the token was minted on the participant's own clock
 * @param iatMinusValidator {@code iat - validator's clock} when it judged the token
 * @param skewByOutcome the participants' clock skews by outcome: {@code VALID}, {@code IAT_IN_FUTURE},
 *     {@code EXPIRED}, {@code OTHER} (refused for other reasons only)
 * @param distinctIat distinct whole-second {@code iat} values (for residues on float grids)
 * @param distinctIatRefused distinct {@code iat} values among {@code IAT_IN_FUTURE} refusals
 * @param distinctMintSecond distinct mint seconds (how many independent samples of a clock offset)
 * @param hintDetails counts of hint variants, e.g. {@code KEY_ENCODING:hex-decoded}
 */
public record Evidence(long tokens, long fractionalIat, OffsetHistogram iatMinusMint,
        OffsetHistogram iatMinusMintRefused, OffsetHistogram iatMinusOwnClock, OffsetHistogram iatMinusValidator,
        Map<String, OffsetHistogram> skewByOutcome, DistinctSample distinctIat, DistinctSample distinctIatRefused,
        DistinctSample distinctMintSecond, Map<String, Long> hintDetails) {
    /** The outcome classes of {@link #skewByOutcome}. */
    public static final List<String> OUTCOMES = List.of("VALID", "IAT_IN_FUTURE", "EXPIRED", "OTHER");

    /** Nothing recorded. */
    public static final Evidence EMPTY = new Evidence(0, 0, OffsetHistogram.EMPTY, OffsetHistogram.EMPTY,
            OffsetHistogram.EMPTY, OffsetHistogram.EMPTY, Map.of(), DistinctSample.EMPTY, DistinctSample.EMPTY,
            DistinctSample.EMPTY, Map.of());

    public Evidence {
        skewByOutcome = new TreeMap<>(skewByOutcome == null ? Map.of() : skewByOutcome);
        hintDetails = CodeMaps.sorted(hintDetails == null ? Map.of() : hintDetails);
    }

    /** The skews of an outcome class, or an empty histogram. */
    public OffsetHistogram skews(String outcome) {
        return skewByOutcome.getOrDefault(outcome, OffsetHistogram.EMPTY);
    }

    /** The evidence of both runs (shards of one run, or two runs), added exactly. */
    public Evidence plus(Evidence o) {
        Map<String, OffsetHistogram> skews = new TreeMap<>(skewByOutcome);
        o.skewByOutcome.forEach((k, v) -> skews.merge(k, v, OffsetHistogram::plus));
        Map<String, Long> hd = new TreeMap<>(hintDetails);
        o.hintDetails.forEach((k, v) -> hd.merge(k, v, Long::sum));
        return new Evidence(tokens + o.tokens, fractionalIat + o.fractionalIat, iatMinusMint.plus(o.iatMinusMint),
                iatMinusMintRefused.plus(o.iatMinusMintRefused), iatMinusOwnClock.plus(o.iatMinusOwnClock),
                iatMinusValidator.plus(o.iatMinusValidator), skews, distinctIat.plus(o.distinctIat),
                distinctIatRefused.plus(o.distinctIatRefused), distinctMintSecond.plus(o.distinctMintSecond), hd);
    }

    /** The JSON form (docs/diagnosis.md, "Evidence"). */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("tokens", tokens);
        o.put("fractionalIat", fractionalIat);
        o.set("iatMinusMint", histogram(iatMinusMint));
        o.set("iatMinusMintRefused", histogram(iatMinusMintRefused));
        o.set("iatMinusOwnClock", histogram(iatMinusOwnClock));
        o.set("iatMinusValidator", histogram(iatMinusValidator));
        ObjectNode s = o.putObject("skewByOutcome");
        skewByOutcome.forEach((k, v) -> s.set(k, histogram(v)));
        o.set("distinctIat", sample(distinctIat));
        o.set("distinctIatRefused", sample(distinctIatRefused));
        o.set("distinctMintSecond", sample(distinctMintSecond));
        ObjectNode h = o.putObject("hintDetails");
        hintDetails.forEach(h::put);
        return o;
    }

    /**
     * Reads the JSON form back.
     *
     * @throws IllegalArgumentException when a field is missing or of the wrong shape (the message names it)
     */
    public static Evidence fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("evidence: expected an object");
        }
        Map<String, OffsetHistogram> skews = new TreeMap<>();
        JsonNode s = o.path("skewByOutcome");
        s.fieldNames().forEachRemaining(k -> skews.put(k, histogram(s.get(k), "skewByOutcome." + k)));
        Map<String, Long> hd = new TreeMap<>();
        JsonNode h = o.path("hintDetails");
        h.fieldNames().forEachRemaining(k -> hd.put(k, h.get(k).asLong()));
        return new Evidence(number(o, "tokens"), number(o, "fractionalIat"),
                histogram(o.get("iatMinusMint"), "iatMinusMint"),
                histogram(o.get("iatMinusMintRefused"), "iatMinusMintRefused"),
                histogram(o.get("iatMinusOwnClock"), "iatMinusOwnClock"),
                histogram(o.get("iatMinusValidator"), "iatMinusValidator"), skews,
                sample(o.get("distinctIat"), "distinctIat"), sample(o.get("distinctIatRefused"), "distinctIatRefused"),
                sample(o.get("distinctMintSecond"), "distinctMintSecond"), hd);
    }

    private static long number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.canConvertToLong() || n.asLong() < 0) {
            throw new IllegalArgumentException("evidence." + field + ": expected a count >= 0");
        }
        return n.asLong();
    }

    private static ArrayNode histogram(OffsetHistogram h) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < h.edges().length; i++) {
            a.addArray().add(h.edges()[i]).add(h.counts()[i]);
        }
        return a;
    }

    private static OffsetHistogram histogram(JsonNode a, String field) {
        if (a == null || !a.isArray()) {
            throw new IllegalArgumentException("evidence." + field + ": expected [[lowerEdgeMillis, count], ...]");
        }
        Map<Long, Long> bins = new TreeMap<>();
        for (JsonNode p : a) {
            if (!p.isArray() || p.size() != 2 || !p.get(0).canConvertToLong() || !p.get(1).canConvertToLong()
                    || p.get(1).asLong() < 0) {
                throw new IllegalArgumentException("evidence." + field + ": expected [[lowerEdgeMillis, count], ...]");
            }
            bins.merge(p.get(0).asLong(), p.get(1).asLong(), Long::sum);
        }
        return OffsetHistogram.of(bins);
    }

    private static ObjectNode sample(DistinctSample d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("level", d.level());
        ArrayNode v = o.putArray("values");
        for (long x : d.values()) {
            v.add(x);
        }
        return o;
    }

    private static DistinctSample sample(JsonNode o, String field) {
        if (o == null || !o.isObject() || !o.path("level").canConvertToInt() || !o.path("values").isArray()) {
            throw new IllegalArgumentException("evidence." + field + ": expected {\"level\": L, \"values\": [...]}");
        }
        int level = o.get("level").asInt();
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("evidence." + field + ".level: expected 0..62");
        }
        TreeSet<Long> set = new TreeSet<>();
        for (JsonNode v : o.get("values")) {
            if (!v.canConvertToLong()) {
                throw new IllegalArgumentException("evidence." + field + ".values: expected whole numbers");
            }
            if (DistinctSample.kept(v.asLong(), level)) {
                set.add(v.asLong());
            }
        }
        return DistinctSample.of(level, set);
    }
}
