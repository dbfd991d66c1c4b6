package io.sigload.report;

/**
 * One participant of the bounded scatter sample (clock skew against verdict).
 *
 * @param participant index in the plan
 * @param skewMillis the participant's own clock skew, ms (positive: fast)
 * @param mintingSkewMillis the skew of the clock the token was minted on, ms
 * @param verdict {@code VALID}, else the first error code or mint-error category
 */
public record ParticipantPoint(int participant, long skewMillis, long mintingSkewMillis, String verdict) {
    /** The verdict of an accepted token. */
    public static final String VALID = "VALID";
}
