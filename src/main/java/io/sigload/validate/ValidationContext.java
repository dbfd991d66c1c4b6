package io.sigload.validate;

import io.sigload.token.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the validator knows when it judges a token: the profile, the secret, its own clock, and
 * what the client passed to join.
 *
 * @param profile which rules apply
 * @param secret the SDK secret, or {@code null} to skip the MAC check (everything else is checked)
 * @param alternativeSecrets other secrets the user owns, tried only to explain a bad MAC
 *     ({@link ReasonCode#WRONG_SECRET}); may be empty
 * @param now the validator's clock: NumericDates (seconds since the epoch) are compared with it
 * @param iatLeewaySeconds how far {@code iat} may be after {@code now}, in seconds, {@code >= 0};
 *     Zoom documents none, so the default is 0
 * @param meetingNumber the meeting number passed to join (digits), or {@code null} to skip {@code MN_MISMATCH}
 * @param role the role passed to join (0 or 1), or {@code null}
 * @param sessionName the Video SDK session name passed to join, or {@code null} to skip {@code TPC_MISMATCH}
 */
public record ValidationContext(
        Profile profile,
        Secret secret,
        List<Secret> alternativeSecrets,
        Instant now,
        long iatLeewaySeconds,
        String meetingNumber,
        Integer role,
        String sessionName) {

    public ValidationContext {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(now, "now");
        alternativeSecrets = alternativeSecrets == null ? List.of() : List.copyOf(alternativeSecrets);
        if (iatLeewaySeconds < 0) {
            throw new IllegalArgumentException("iatLeewaySeconds must be >= 0, was " + iatLeewaySeconds);
        }
    }

    /** The same context at another instant on the validator's clock. */
    public ValidationContext at(Instant instant) {
        return new ValidationContext(profile, secret, alternativeSecrets, instant, iatLeewaySeconds, meetingNumber, role,
                sessionName);
    }
}
