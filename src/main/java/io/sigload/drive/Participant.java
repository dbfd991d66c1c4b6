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
 */
public record Participant(int index, int role, String meetingNumber, Duration clockSkew, Duration joinOffset,
        Duration deliveryDelay, ZoneId zone) {
    /** A participant in UTC. */
    public Participant(int index, int role, String meetingNumber, Duration clockSkew, Duration joinOffset,
            Duration deliveryDelay) {
        this(index, role, meetingNumber, clockSkew, joinOffset, deliveryDelay, ZoneOffset.UTC);
    }
}
