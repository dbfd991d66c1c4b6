package io.sigload.gate;

/** The gate's answer for one metric. Only {@link #REGRESSION} fails a build. */
public enum GateVerdict {
    /** Worse beyond the threshold, and the interval supports it (its better end is beyond the threshold too). */
    REGRESSION("slower", "worse"),
    /** Better beyond the threshold, supported by the interval. */
    IMPROVEMENT("faster", "better"),
    /** The whole interval lies within plus or minus the threshold. */
    NO_CHANGE("no change", "no change"),
    /** The interval reaches beyond the threshold on some side but does not support a verdict: measure more. */
    INCONCLUSIVE("inconclusive", "inconclusive"),
    /** Reported only, never gated (e.g. a single run's max latency). */
    INFO("reported", "reported");

    private final String timeWord;
    private final String otherWord;

    GateVerdict(String timeWord, String otherWord) {
        this.timeWord = timeWord;
        this.otherWord = otherWord;
    }

    /** A word for people: "slower"/"faster" for timings, "worse"/"better" otherwise. */
    public String word(boolean timing) {
        return timing ? timeWord : otherWord;
    }
}
