package io.sigload.report;

import java.util.List;

/**
 * One failing participant kept in a run's bounded sample.
 *
 * @param participant the participant's index
 * @param skewMillis the participant's clock skew, milliseconds (positive = fast)
 * @param mintingSkewMillis the skew of the clock the token was minted on (the participant's or the server's), ms
 * @param role 1 host, 0 participant
 * @param errors reason codes (or a mint/transport category), in the order found
 * @param messages one message per error, with the numbers behind it
 * @param token the token the participant sent, or {@code null} when none was minted
 * @param validatedAt the validator's clock when it judged the token, seconds since the epoch (pass
 *     it to {@code sigload inspect --at} to see the same verdict); 0 when no token was judged
 * @param zone the participant's time zone (IANA id, e.g. {@code America/New_York}), or {@code null}
 *     when the caller did not say
 * @param planned what the participant asked for (role, meeting number, session), or {@code null}
 *     when not filled in (the recorder does not know it; the run adds it from the plan)
 * @param sent what its token says in those fields, or {@code null} when there is no token or it
 *     cannot be read
 */
public record FailureSample(int participant, long skewMillis, long mintingSkewMillis, int role, List<String> errors,
        List<String> messages, String token, long validatedAt, String zone, JoinFields planned, JoinFields sent) {
    /** A sample without a time zone. */
    public FailureSample(int participant, long skewMillis, long mintingSkewMillis, int role, List<String> errors,
            List<String> messages, String token, long validatedAt) {
        this(participant, skewMillis, mintingSkewMillis, role, errors, messages, token, validatedAt, null);
    }

    /** A sample without the join fields. */
    public FailureSample(int participant, long skewMillis, long mintingSkewMillis, int role, List<String> errors,
            List<String> messages, String token, long validatedAt, String zone) {
        this(participant, skewMillis, mintingSkewMillis, role, errors, messages, token, validatedAt, zone, null, null);
    }

    public FailureSample {
        errors = List.copyOf(errors);
        messages = List.copyOf(messages);
    }

    /** The same sample with what was planned and what the token says ({@link JoinFields#sent(String)}). */
    public FailureSample withJoin(JoinFields plannedFields) {
        return new FailureSample(participant, skewMillis, mintingSkewMillis, role, errors, messages, token, validatedAt,
                zone, plannedFields, JoinFields.sent(token));
    }

    /** Whether the token carries another role, meeting or session than the participant asked for. */
    public boolean sentDiffersFromPlanned() {
        return planned != null && sent != null && sent.differsFrom(planned);
    }
}
