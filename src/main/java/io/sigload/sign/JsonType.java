package io.sigload.sign;

import java.util.Locale;

/**
 * The JSON type a generator writes a claim as: Zoom's Meeting SDK JWT wants {@code role} as a
 * number and {@code mn} as a string of digits; generators in the field write either.
 */
public enum JsonType {
    /** A JSON number, e.g. {@code 0}. */
    NUMBER,
    /** A JSON string, e.g. {@code "0"}. */
    STRING;

    /** The scenario's spelling: {@code number} or {@code string}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
