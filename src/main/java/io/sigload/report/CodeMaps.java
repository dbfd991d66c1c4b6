package io.sigload.report;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Maps keyed by a reason code or category, kept sorted by key so every report lists them in one order. */
final class CodeMaps {
    private CodeMaps() {
    }

    /** An unmodifiable copy sorted by key; {@code null} gives an empty map. */
    static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
