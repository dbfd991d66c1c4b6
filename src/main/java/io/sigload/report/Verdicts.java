package io.sigload.report;

import java.util.Map;

/**
 * A run's verdict counts. Immutable; the maps are sorted by code.
 *
 * @param completed participants that finished: {@code valid + invalid}
 * @param valid tokens accepted
 * @param invalid tokens refused, plus participants that got no token (mint or transport error)
 * @param byReason error code → participants refused with it (a participant with two errors counts
 *     in both)
 * @param warnings warning code → tokens that carried it
 * @param hints hint code → tokens that carried it
 */
public record Verdicts(long completed, long valid, long invalid, Map<String, Long> byReason,
        Map<String, Long> warnings, Map<String, Long> hints) {
    public Verdicts {
        byReason = CodeMaps.sorted(byReason);
        warnings = CodeMaps.sorted(warnings);
        hints = CodeMaps.sorted(hints);
    }
}
