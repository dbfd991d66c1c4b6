package io.sigload.validate.cases;

import java.util.List;

/**
 * The outcome of one case.
 *
 * @param id the case's id (or the file name when the file could not be read)
 * @param mismatches one line per difference from the expected verdict; empty when the case passed
 */
public record CaseResult(String id, List<String> mismatches) {
    public CaseResult {
        mismatches = List.copyOf(mismatches);
    }

    /** Whether the verdict matched the expectation. */
    public boolean passed() {
        return mismatches.isEmpty();
    }
}
