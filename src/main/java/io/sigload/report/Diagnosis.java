package io.sigload.report;

import java.util.List;

/**
 * A run's diagnosis: the causes found in its tokens, verdicts and clocks ({@link Diagnoser}), and a
 * paragraph for people built from them. JSON: {@code "diagnosis": {"text", "fixLanguage",
 * "causes": [...]}} (docs/diagnosis.md). Immutable.
 *
 * @param text the paragraph the console prints; empty when nothing was run
 * @param causes strongest first (most participants explained, then strength); may be empty
 * @param fixLanguage the language fixes are written in, and what chose it (a setting may choose a
 *     fix's language; it is never evidence)
 */
public record Diagnosis(String text, List<Cause> causes, FixLanguage fixLanguage) {
    /** No diagnosis (not run yet). */
    public static final Diagnosis NONE = new Diagnosis("", List.of(), FixLanguage.NEUTRAL_HINT);

    public Diagnosis {
        text = text == null ? "" : text;
        causes = causes == null ? List.of() : List.copyOf(causes);
        fixLanguage = fixLanguage == null ? FixLanguage.NEUTRAL_HINT : fixLanguage;
    }

    /** Whether there is nothing to say. */
    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** The top cause's code, or {@code null}. */
    public CauseCode top() {
        return causes.isEmpty() ? null : causes.get(0).code();
    }

    /**
     * The language a fix is written in, as a labelled hint.
     *
     * @param language {@code javascript}, {@code java}, {@code python}, {@code csharp}, {@code php},
     *     {@code go}, or {@code neutral}
     * @param basis what chose it, e.g. {@code "the language of signer type java-jwt"} (a setting: it chooses the
     *     fix's language only, and the text says so)
     */
    public record FixLanguage(String language, String basis) {
        /** Language-neutral fixes. */
        public static final FixLanguage NEUTRAL_HINT = new FixLanguage("neutral", "no hint");
    }
}
