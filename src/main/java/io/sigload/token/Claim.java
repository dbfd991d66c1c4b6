package io.sigload.token;

/**
 * One claim as it goes on the wire.
 *
 * @param name the claim's wire name ({@code iat}, {@code mn}...)
 * @param value a {@link String}, {@link Integer}, {@link Long}, {@link Double} or {@link Boolean};
 *     the Java type is the JSON type (a {@code Double} is written with a fraction or exponent)
 */
public record Claim(String name, Object value) {
    public Claim {
        if (!(value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean)) {
            throw new IllegalArgumentException("claim " + name + " has an unsupported type "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }
}
