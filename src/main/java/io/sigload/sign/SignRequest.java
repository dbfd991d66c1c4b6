package io.sigload.sign;

import java.time.Clock;

/**
 * What a participant asks a signer for: the same fields as Zoom's sample signature endpoint
 * (github.com/zoom/meetingsdk-auth-endpoint-sample) plus the clock the token is minted on and,
 * for the Video SDK, the session the participant joins.
 *
 * @param participant the participant's index in the plan, {@code >= 0}
 * @param meetingNumber the meeting number, digits only
 * @param role 0 participant, 1 host
 * @param expirationSeconds requested token lifetime in seconds (Zoom's sample: 1800..172800, default 7200)
 * @param videoWebRtcMode optional {@code video_webrtc_mode} (0 or 1), or {@code null}
 * @param clock the minting clock: the server's, or the participant's own when minted in the
 *     browser. In-process signers read {@code iat} from it; remote signers use their own clock
 * @param sessionName the Video SDK session name the participant joins (the token's {@code tpc}),
 *     or {@code null} when the run names none
 */
public record SignRequest(
        int participant,
        String meetingNumber,
        int role,
        int expirationSeconds,
        Integer videoWebRtcMode,
        Clock clock,
        String sessionName) {

    /** A request without a session name (Meeting SDK). */
    public SignRequest(int participant, String meetingNumber, int role, int expirationSeconds, Integer videoWebRtcMode,
            Clock clock) {
        this(participant, meetingNumber, role, expirationSeconds, videoWebRtcMode, clock, null);
    }
}
