package io.sigload.validate.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.token.Secret;
import io.sigload.validate.Profile;
import io.sigload.validate.ValidationContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One field case: a token someone sent to Zoom and the verdict a Zoom-like validator must give
 * (format: docs/field-cases.md, "Format"). Unknown fields are ignored.
 *
 * @param id the case's name, e.g. {@code FC-02}
 * @param title one-line cause
 * @param source where it was reported
 * @param profile {@code meeting-web}, {@code meeting-native}, {@code video} or {@code legacy}
 * @param secret the SDK secret the validator knows (its UTF-8 bytes are the key)
 * @param alternativeSecrets other secrets the user owns, or {@code null}
 * @param now the validator's clock, seconds since the epoch
 * @param iatLeewaySeconds how far {@code iat} may be in the future, seconds; {@code null} means 0
 * @param join what the client passed to join, or {@code null}
 * @param token the exact string the client sent
 * @param expect the expected verdict
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseFile(String id, String title, String source, String profile, String secret,
        List<String> alternativeSecrets, long now, Long iatLeewaySeconds, Join join, String token, Expect expect) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * What the client passed to join.
     *
     * @param meetingNumber the meeting number as typed (may contain spaces)
     * @param role 0 or 1, or {@code null}
     * @param sessionName the Video SDK session name, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Join(String meetingNumber, Integer role, String sessionName) {
    }

    /**
     * The expected verdict; code lists hold {@code ReasonCode} names.
     *
     * @param valid whether the token must be accepted
     * @param errors the exact set of error codes, or {@code null} when {@code errorsInclude} is used
     * @param errorsInclude codes that must be among the errors, or {@code null}
     * @param warnings codes that must be among the warnings, or {@code null}
     * @param hints codes that must be among the hints, or {@code null}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Expect(boolean valid, List<String> errors, List<String> errorsInclude, List<String> warnings,
            List<String> hints) {
    }

    /**
     * Reads one case file.
     *
     * @throws IOException when the file cannot be read or is not a case (the message says where)
     */
    public static CaseFile read(Path file) throws IOException {
        CaseFile c = MAPPER.readValue(file.toFile(), CaseFile.class);
        if (c.token() == null || c.profile() == null || c.expect() == null) {
            throw new IOException(file + ": a case needs token, profile and expect");
        }
        return c;
    }

    /**
     * The validation context this case describes.
     *
     * @throws IllegalArgumentException when the profile is unknown or the secret is empty
     */
    public ValidationContext context() {
        Profile p = Profile.fromWireName(profile).orElseThrow(() -> new IllegalArgumentException(
                "unknown profile '" + profile + "'; allowed: meeting-web, meeting-native, video, legacy"));
        Secret s = secret == null || secret.isEmpty() ? null : Secret.of(secret, "case " + id + " secret");
        List<Secret> alts = new ArrayList<>();
        if (alternativeSecrets != null) {
            for (int i = 0; i < alternativeSecrets.size(); i++) {
                alts.add(Secret.of(alternativeSecrets.get(i), "case " + id + " alternativeSecrets[" + i + "]"));
            }
        }
        long leeway = iatLeewaySeconds == null ? 0 : iatLeewaySeconds;
        return new ValidationContext(p, s, alts, Instant.ofEpochSecond(now), leeway,
                join == null ? null : join.meetingNumber(), join == null ? null : join.role(),
                join == null ? null : join.sessionName());
    }
}
