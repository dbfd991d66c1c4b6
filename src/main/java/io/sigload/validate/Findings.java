package io.sigload.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the violations of one validation, one per reason code: a second finding with the same
 * code is merged into the first (messages joined with "; ", differing details become lists).
 * Hints get their one-sentence fix ({@link Fixes}) in {@code details.fix}.
 *
 * <p>Not thread-safe: one instance per validation.
 */
final class Findings {
    private final Map<ReasonCode, String> messages = new LinkedHashMap<>(8);
    private final Map<ReasonCode, Map<String, Object>> details = new LinkedHashMap<>(8);
    private TokenTimes times = TokenTimes.NONE;
    private TokenLanguage language = TokenLanguage.NEUTRAL;

    /** Notes the token's likely language, for the hints' fixes. */
    void language(TokenLanguage l) {
        language = l;
    }

    /** The token's likely language so far. */
    TokenLanguage language() {
        return language;
    }

    /** Notes the token's readable times for the verdict. */
    void times(TokenTimes t) {
        times = t;
    }

    /**
     * Records a finding.
     *
     * @param code the reason code
     * @param message for people, with the numbers behind it
     * @param keyValues detail pairs: name, value, name, value...
     */
    void add(ReasonCode code, String message, Object... keyValues) {
        String old = messages.get(code);
        messages.put(code, old == null ? message : old + "; " + message);
        Map<String, Object> d = details.computeIfAbsent(code, c -> new LinkedHashMap<>(4));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            String key = String.valueOf(keyValues[i]);
            Object value = keyValues[i + 1];
            Object prev = d.get(key);
            if (prev == null || old == null) {
                d.put(key, value);
            } else if (!prev.equals(value)) {
                List<Object> list = new ArrayList<>();
                if (prev instanceof MergedList<?> l) {
                    list.addAll(l);
                } else {
                    list.add(prev);
                }
                list.add(value);
                d.put(key, new MergedList<>(list));
            }
        }
    }

    /** Whether a finding with this code was recorded. */
    boolean has(ReasonCode code) {
        return messages.containsKey(code);
    }

    /** Whether any error was recorded. */
    boolean hasErrors() {
        for (ReasonCode c : messages.keySet()) {
            if (c.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    /** The verdict, violations in the order found. */
    Verdict verdict() {
        Verdict.Builder b = new Verdict.Builder().times(times);
        for (Map.Entry<ReasonCode, String> e : messages.entrySet()) {
            Map<String, Object> d = details.get(e.getKey());
            if (e.getKey().severity() == Severity.HINT && !d.containsKey("fix")) {
                d.put("fix", Fixes.of(e.getKey(), language.language()));
                if (!language.language().equals("neutral") && !Fixes.of(e.getKey(), language.language())
                        .equals(Fixes.of(e.getKey()))) {
                    d.put("fixLanguage", language.language() + " (" + language.basis() + ")");
                }
            }
            b.add(new Violation(e.getKey(), e.getValue(), d));
        }
        return b.build();
    }

    /** A list made by merging two details values; a distinct type so it is not merged twice. */
    private static final class MergedList<T> extends ArrayList<T> {
        MergedList(List<T> items) {
            super(items);
        }
    }
}
