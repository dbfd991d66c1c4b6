package io.sigload.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code WRONG_TOKEN_KIND} (docs/field-cases.md): a REST API JWT ({@code iss}, no SDK key; Zoom's retired
 * JWT app type), a Video SDK JWT ({@code app_key}, Zoom Video SDK auth docs) checked as a Meeting
 * SDK token, or a Meeting SDK JWT ({@code appKey}/{@code sdkKey}) checked as a Video SDK token.
 * When found, no further claim checks run.
 *
 * <p>Thread-safe: stateless.
 */
final class TokenKindRules {
    private TokenKindRules() {
    }

    /** Which kind of JWT the claims look like. */
    enum Kind {
        MEETING_SDK("a Meeting SDK JWT"),
        VIDEO_SDK("a Video SDK JWT"),
        REST_API("a REST API JWT"),
        UNKNOWN("a JWT");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** Classifies claims by their keys. */
    static Kind kind(JsonNode payload) {
        boolean meetingKey = payload.has("appKey") || payload.has("sdkKey");
        boolean videoKey = payload.has("app_key");
        if (meetingKey && !videoKey) {
            return Kind.MEETING_SDK;
        }
        if (videoKey && !meetingKey) {
            return Kind.VIDEO_SDK;
        }
        if (!meetingKey && payload.has("iss")) {
            return Kind.REST_API;
        }
        if (!meetingKey && (payload.has("tpc") || payload.has("role_type"))) {
            return Kind.VIDEO_SDK;
        }
        return Kind.UNKNOWN;
    }

    /**
     * Records {@code WRONG_TOKEN_KIND} when the claims are another kind of JWT than the profile needs.
     *
     * @return whether the token is of another kind (claim checks should stop)
     */
    static boolean check(JsonNode payload, Profile profile, Findings f) {
        Kind k = kind(payload);
        boolean wrong = switch (profile) {
            case MEETING_WEB, MEETING_NATIVE -> k == Kind.VIDEO_SDK || k == Kind.REST_API;
            case VIDEO -> k == Kind.MEETING_SDK || k == Kind.REST_API;
            case LEGACY -> true;
        };
        if (wrong) {
            String why = switch (k) {
                case REST_API -> " (iss, no SDK key)";
                case VIDEO_SDK -> " (app_key, tpc, role_type)";
                case MEETING_SDK -> " (appKey/sdkKey)";
                case UNKNOWN -> "";
            };
            String expected = profile == Profile.LEGACY ? "a legacy signature" : "a " + profile.wireName() + " token";
            f.add(ReasonCode.WRONG_TOKEN_KIND, "this is " + k.label + why + " where " + expected + " is required",
                    "kind", k.name(), "profile", profile.wireName());
        }
        return wrong;
    }
}
