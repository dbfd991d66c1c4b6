package io.sigload.drive;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One simulated participant of a plan.
 *
 * @param index position in the plan, {@code 0..participants-1}
 * @param role 1 host, 0 participant
 * @param meetingNumber the meeting number the participant joins
 * @param clockSkew the participant's own clock minus the true clock (positive = fast)
 * @param joinOffset when the participant clicks Join, after the run's start (burst: the join
 *     window spread; arrival rate: the intended start)
 * @param deliveryDelay time from mint until Zoom checks the token (network, clicking Join)
 * @param zone the participant's time zone ({@code clocks.timezones}; UTC by default): what the
 *     participant's own code reads as local time. It never moves the clock.
 * @param sessionName the Video SDK session the participant joins, or {@code null} when the run names none
 */
public record Participant(int index, int role, String meetingNumber, Duration clockSkew, Duration joinOffset,
        Duration deliveryDelay, ZoneId zone, String sessionName) {
    /** A participant in UTC, without a session name. */
    public Participant(int index, int role, String meetingNumber, Duration clockSkew, Duration joinOffset,
            Duration deliveryDelay) {
        this(index, role, meetingNumber, clockSkew, joinOffset, deliveryDelay, ZoneOffset.UTC, null);
    }

    /** A participant without a session name. */
    public Participant(int index, int role, String meetingNumber, Duration clockSkew, Duration joinOffset,
            Duration deliveryDelay, ZoneId zone) {
        this(index, role, meetingNumber, clockSkew, joinOffset, deliveryDelay, zone, null);
    }

    /**
     * A fingerprint of what this participant asks for that a token encodes: meeting number, role
     * and session. Equal requests give equal keys; different ones differ but for hash collisions
     * (String hash codes, 2^-32). For counting tokens handed to more than one request.
     */
    public long requestKey() {
        long k = (long) meetingNumber.hashCode() << 32 ^ (sessionName == null ? 0 : sessionName.hashCode() & 0xFFFF_FFFFL);
        return k * 31 + role;
    }
}
