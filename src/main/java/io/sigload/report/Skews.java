package io.sigload.report;

import java.util.List;
import java.util.Map;

/**
 * Participants' clock skews (their clock minus true time, ms) by outcome. Immutable.
 *
 * @param valid skews among valid participants
 * @param byReason skews among participants refused with each error code
 * @param scatter participant skew against verdict for the lowest-index participants (at most
 *     {@link RunRecorder#SCATTER_POINTS}), for the HTML report's scatter; may be empty
 */
public record Skews(SkewRange valid, Map<String, SkewRange> byReason, List<ParticipantPoint> scatter) {
    public Skews {
        byReason = CodeMaps.sorted(byReason);
        scatter = scatter == null ? List.of() : List.copyOf(scatter);
    }
}
