package io.sigload.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sigload.token.CompactJws;
import java.io.IOException;

/**
 * The raw text of a top-level JSON number member, as written on the wire: the tree model loses
 * it ({@code -0} becomes the integer {@code 0}), but {@code MN_TYPE} depends on it (a sign, an
 * exponent, a fraction). Read only when the tree holds a number, so string claims cost nothing.
 *
 * <p>Thread-safe: stateless.
 */
final class RawNumbers {
    private RawNumbers() {
    }

    /**
     * The number text of the last top-level member {@code name} (duplicates: the last wins, as in
     * the tree), or {@code null} when absent, not a number or the JSON cannot be read.
     */
    static String memberText(String json, String name) {
        if (json == null) {
            return null;
        }
        String found = null;
        try (JsonParser p = CompactJws.JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean match = name.equals(p.currentName());
                JsonToken v = p.nextToken();
                if (v == null) {
                    return null;
                }
                if (v.isStructStart()) {
                    p.skipChildren();
                } else if (match) {
                    found = v.isNumeric() ? p.getText() : null;
                }
            }
            return t == JsonToken.END_OBJECT ? found : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether raw JSON number text is plain digits: no sign, fraction or exponent. */
    static boolean isPlainDigits(String text) {
        return text != null && ClaimRules.isDigits(text);
    }
}
