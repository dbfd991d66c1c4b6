package io.sigload.validate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One broken rule (or warning, or hint) with the numbers behind it.
 *
 * @param code the stable reason code
 * @param message for people, with numbers and units, e.g. "iat is 48 s after the validator's clock"
 * @param details machine-readable numbers (seconds, claim names), insertion-ordered; may be empty
 */
public record Violation(ReasonCode code, String message, Map<String, Object> details) {
    public Violation {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A violation without details. */
    public static Violation of(ReasonCode code, String message) {
        return new Violation(code, message, Map.of());
    }
}
