package io.sigload.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.scenario.CompareList;

/**
 * One signer's outcome in a compare.
 *
 * @param entry the signer (label and overrides)
 * @param run its run report (the {@code sigload run --json} shape), or {@code null} when the run failed
 * @param failure why there is no run report, or {@code null}
 * @param skew its skew report ({@link io.sigload.skew.SkewJson} shape), or {@code null} when not measured
 */
public record CompareRow(CompareList.Entry entry, ObjectNode run, String failure, ObjectNode skew) {
    /** Whether the run produced a report. */
    public boolean ok() {
        return run != null;
    }
}
