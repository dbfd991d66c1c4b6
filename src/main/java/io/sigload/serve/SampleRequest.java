package io.sigload.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A valid request to Zoom's sample signature endpoint
 * (github.com/zoom/meetingsdk-auth-endpoint-sample, {@code POST /}), with the sample's rules:
 *
 * <ol>
 *   <li>{@code role}, {@code expirationSeconds} and {@code videoWebRtcMode} may be numbers or
 *       numeric strings (the sample coerces strings with {@code parseInt});</li>
 *   <li>{@code role} is 0 or 1; {@code videoWebRtcMode} is 0 or 1; {@code expirationSeconds} is
 *       1800..172800 (30 min to 48 h), default 7200;</li>
 *   <li>{@code meetingNumber} and {@code role} come together (a web token) or not at all (a
 *       native token, without {@code mn} and {@code role}).</li>
 * </ol>
 *
 * <p>Stricter than the sample in two places, because a JWT claim of the wrong type would only
 * move the failure to Zoom: {@code expirationSeconds} must be a whole number, and
 * {@code meetingNumber} a string or an integer. The reasons' wording is ours.
 *
 * @param meetingNumber a {@link String} or {@link Long} (passed into {@code mn} as sent), or {@code null}
 * @param role 0 or 1, or {@code null} together with {@code meetingNumber}
 * @param expirationSeconds token lifetime in seconds, 1800..172800
 * @param videoWebRtcMode 0, 1 or {@code null}
 */
public record SampleRequest(Object meetingNumber, Integer role, int expirationSeconds, Integer videoWebRtcMode) {
    /** Smallest {@code expirationSeconds}: 30 minutes. */
    public static final int MIN_EXPIRATION_SECONDS = 1800;
    /** Largest {@code expirationSeconds}: 48 hours. */
    public static final int MAX_EXPIRATION_SECONDS = 172800;
    /** {@code expirationSeconds} when absent: 2 hours. */
    public static final int DEFAULT_EXPIRATION_SECONDS = 7200;

    /** The request failed validation; {@link #errors()} holds every broken rule. */
    public static final class Invalid extends Exception {
        private final transient List<FieldError> errors;

        Invalid(List<FieldError> errors) {
            super(errors.toString(), null, false, false);
            this.errors = List.copyOf(errors);
        }

        /** Every broken rule, in the order of the members above. */
        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * Validates a parsed body.
     *
     * @param body the JSON body; anything but an object is one error on {@code body}
     * @throws Invalid with every broken rule
     */
    public static SampleRequest from(JsonNode body) throws Invalid {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of(new FieldError("body", "the body must be a JSON object")));
        }
        Integer role = oneOf(body, "role", errors);
        Integer mode = oneOf(body, "videoWebRtcMode", errors);
        Integer exp = coerce(body, "expirationSeconds", errors);
        if (exp != null && (exp < MIN_EXPIRATION_SECONDS || exp > MAX_EXPIRATION_SECONDS)) {
            errors.add(new FieldError("expirationSeconds", "Value must be between " + MIN_EXPIRATION_SECONDS
                    + " and " + MAX_EXPIRATION_SECONDS));
        }
        Object mn = null;
        JsonNode m = body.get("meetingNumber");
        if (m != null) {
            if (m.isTextual()) {
                mn = m.asText();
            } else if (m.isIntegralNumber() && m.canConvertToLong()) {
                mn = m.asLong();
            } else {
                errors.add(new FieldError("meetingNumber", "Value must be a string or an integer"));
            }
        }
        boolean hasMn = m != null;
        boolean hasRole = body.has("role");
        if (hasMn != hasRole) {
            errors.add(new FieldError(hasMn ? "role" : "meetingNumber",
                    "meetingNumber and role are required together (web token) or both left out (native token)"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new SampleRequest(mn, role, exp == null ? DEFAULT_EXPIRATION_SECONDS : exp, mode);
    }

    private static Integer oneOf(JsonNode body, String name, List<FieldError> errors) {
        int before = errors.size();
        Integer v = coerce(body, name, errors);
        if (errors.size() == before && v != null && v != 0 && v != 1) {
            errors.add(new FieldError(name, "Value must be one of: 0, 1"));
        }
        return v;
    }

    /** A whole number, or a string starting with digits (JavaScript {@code parseInt}); null when absent. */
    private static Integer coerce(JsonNode body, String name, List<FieldError> errors) {
        JsonNode n = body.get(name);
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.asInt();
        }
        if (n.isTextual()) {
            Matcher digits = Pattern.compile("^\\s*([+-]?\\d{1,9})").matcher(n.asText());
            if (digits.find()) {
                return Integer.parseInt(digits.group(1));
            }
        }
        errors.add(new FieldError(name, "Value must be a whole number"));
        return null;
    }
}
