package io.sigload.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Short descriptions of raw JSON values for messages. Thread-safe: stateless. */
final class Json {
    private static final int MAX_SHOWN = 40;

    private Json() {
    }

    /** "the string \"1699999970\"", "null", "an object"... */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "the string " + shortText(node);
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + node.asText();
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case NUMBER -> "the number " + shortText(node);
            default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " value";
        };
    }

    /** The value as JSON text, cut at {@value #MAX_SHOWN} characters. */
    static String shortText(JsonNode node) {
        String s;
        if (node.isBigDecimal()) {
            s = node.decimalValue().toString();
        } else if (node.isContainerNode()) {
            s = node.isObject() ? "{...}" : "[...]";
        } else {
            s = node.toString();
        }
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...(" + s.length() + " chars)";
    }

    /** Whether the node is a finite JSON number (not {@code NaN}, {@code Infinity} or {@code -Infinity}). */
    static boolean isFiniteNumber(JsonNode node) {
        if (!node.isNumber()) {
            return false;
        }
        return !(node.isDouble() || node.isFloat()) || Double.isFinite(node.doubleValue());
    }

    /** Why a value is not a finite JSON number: "the string \"1\"", "NaN, not a finite number"... */
    static String notFiniteNumber(JsonNode node) {
        return node.isNumber() ? node.asText() + ", not a finite number" : describe(node) + ", not a JSON number";
    }

    /** Whether the claim is present (a JSON {@code null} counts as present). */
    static boolean has(JsonNode payload, String name) {
        return payload.has(name);
    }
}
