package io.sigload.serve;

/**
 * One entry of the sample's 400 answer {@code {"errors": [{"property", "reason"}]}}.
 *
 * @param property the request member at fault, e.g. {@code expirationSeconds}
 * @param reason what is wrong and what is allowed
 */
public record FieldError(String property, String reason) {
}
