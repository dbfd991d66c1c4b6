package io.sigload.gate;

/**
 * One metric compared between baseline and current.
 *
 * @param name what was compared: the benchmark key, or a load-run metric such as {@code latency total p99}
 * @param metric {@code time}, {@code alloc} or a load-run metric family ({@code invalid}, {@code latency}...)
 * @param unit unit of {@code baseline} and {@code current}
 * @param baseline the baseline's value
 * @param current the current value
 * @param change relative change of the two figures, {@code current / baseline - 1}: its sign is the
 *     direction of the figures (a lower latency or a lower throughput is negative); whether that is
 *     worse is the {@code verdict}'s to say. {@code NaN} when not meaningful
 * @param lower lower bound of the change's interval (same terms as {@code change}), or {@code NaN} when there is none
 * @param upper upper bound of the change's interval, or {@code NaN} when there is none
 * @param verdict the decision
 * @param note how it was decided, for people
 */
public record Comparison(
        String name,
        String metric,
        String unit,
        double baseline,
        double current,
        double change,
        double lower,
        double upper,
        GateVerdict verdict,
        String note) {

    /** Whether the interval exists. */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** Whether this is a timing (then verdicts read slower/faster). */
    public boolean timing() {
        return metric.equals("time") || metric.equals("latency") || metric.equals("throughput");
    }
}
