package io.sigload.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One diagnosed cause of a run's refusals (or fragile tokens), with the evidence behind it.
 * Immutable. JSON: {@code diagnosis.causes[]} (docs/diagnosis.md).
 *
 * @param code stable code from {@link CauseCode}
 * @param explains how many participants this cause explains (refused, or for a fragile-token cause
 *     such as {@link CauseCode#FRACTIONAL_IAT}, accepted but carrying it)
 * @param of the participants it was judged among (refused, or every token for fragile-token causes)
 * @param statistic what was computed, e.g. {@code "rank AUC of clock skew, refused vs accepted"}
 * @param value the statistic's value
 * @param chance how likely evidence this strong is by chance alone (a p-value or its bound), {@code 0..1};
 *     NaN when the cause is a count of refusals with one reason (no chance model)
 * @param strength {@code strong} (chance below 1e-6, or a direct count), {@code moderate} (below 1e-3),
 *     {@code weak} (below 0.05), {@code inconclusive}
 * @param estimate the quantity the cause implies, with an interval, or {@code null}
 * @param alternativeTo the code of a cause that fits the same numbers equally, when the tokens alone
 *     cannot choose between them, else {@code null}
 * @param text for people: what the evidence shows
 * @param fix what to change, in the language named by the diagnosis' fix language when specific
 * @param hints the validator's hint codes this cause agrees with, and how many tokens carried each
 * @param numbers further numbers behind the statistic (names to values, sorted by name), for machines
 */
public record Cause(CauseCode code, long explains, long of, String statistic, double value, double chance,
        String strength, Estimate estimate, CauseCode alternativeTo, String text, String fix, Map<String, Long> hints,
        Map<String, Object> numbers) {
    public Cause {
        hints = hints == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hints));
        numbers = numbers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(numbers));
    }

    /** The word for a chance: strong, moderate, weak, inconclusive. */
    public static String strength(double chance) {
        if (Double.isNaN(chance) || chance < 1e-6) {
            return "strong";
        }
        return chance < 1e-3 ? "moderate" : chance < 0.05 ? "weak" : "inconclusive";
    }

    /**
     * A quantity with an interval.
     *
     * @param what what is estimated, e.g. {@code "the minting clock's offset (iat = floor(now))"}
     * @param value the estimate
     * @param low lower end of the interval
     * @param high upper end
     * @param unit e.g. {@code "s"}
     * @param interval how the interval was made, e.g. {@code "95% (normal, n distinct mint seconds)"}
     * @param alternative the same numbers under another reading (e.g. with iat = floor(now) - 30),
     *     NaN when none
     */
    public record Estimate(String what, double value, double low, double high, String unit, String interval,
            double alternative) {
    }
}
