package io.sigload.report;

import java.util.Map;

/**
 * Participants that got no token (the signer or its endpoint failed, not the token). Immutable.
 *
 * @param byCategory category (e.g. {@code MINT_ERROR}, {@code CONNECTION_REFUSED}) → participants
 * @param examples category → the first message seen (never a secret)
 * @param signerCounters a remote signer's own counters (attempts, retries and their causes); empty otherwise
 */
public record MintErrors(Map<String, Long> byCategory, Map<String, String> examples, Map<String, Long> signerCounters) {
    /** No mint errors, no counters. */
    public static final MintErrors NONE = new MintErrors(Map.of(), Map.of(), Map.of());

    public MintErrors {
        byCategory = CodeMaps.sorted(byCategory);
        examples = CodeMaps.sorted(examples);
        signerCounters = CodeMaps.sorted(signerCounters);
    }

    /** Participants that got no token, over every category. */
    public long total() {
        return byCategory.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same errors with a remote signer's counters. */
    public MintErrors withSignerCounters(Map<String, Long> counters) {
        return new MintErrors(byCategory, examples, counters);
    }
}
