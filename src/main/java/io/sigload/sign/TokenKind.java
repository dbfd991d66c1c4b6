package io.sigload.sign;

/**
 * Which SDK's JWT an in-process signer mints ({@code signer.kind}); the validator's profile says
 * which one Zoom expects, so a mismatch reproduces {@code WRONG_TOKEN_KIND}.
 */
public enum TokenKind {
    /**
     * Meeting SDK: {@code appKey}, {@code sdkKey}, {@code mn}, {@code role}, {@code iat},
     * {@code exp}, {@code tokenExp} (developers.zoom.us/docs/meeting-sdk/auth/).
     */
    MEETING("meeting"),
    /**
     * Video SDK: {@code app_key}, {@code role_type}, {@code tpc} (the session name), {@code version: 1},
     * {@code iat}, {@code exp} (developers.zoom.us/docs/video-sdk/auth/).
     */
    VIDEO("video");

    private final String wireName;

    TokenKind(String wireName) {
        this.wireName = wireName;
    }

    /** The scenario's spelling. */
    public String wireName() {
        return wireName;
    }
}
