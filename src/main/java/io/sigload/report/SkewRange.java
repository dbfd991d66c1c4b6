package io.sigload.report;

/**
 * The smallest and largest participant clock skew among a group of participants, milliseconds.
 *
 * @param count participants in the group
 * @param minMillis smallest skew (meaningless when count is 0)
 * @param maxMillis largest skew
 */
public record SkewRange(long count, long minMillis, long maxMillis) {
    /** No participants. */
    public static final SkewRange EMPTY = new SkewRange(0, 0, 0);
}
