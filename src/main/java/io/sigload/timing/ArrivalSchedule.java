package io.sigload.timing;

import java.util.List;

/**
 * Intended start times of an open-model run: stages of constant rate or linear ramps, arrivals
 * evenly spaced in each stage's cumulative count (as wrk2 and k6's arrival-rate executors do).
 *
 * <p>For a stage going from rate {@code r0} to {@code r1} (per second) over {@code T} seconds, the
 * number of arrivals by time {@code t} is {@code N(t) = r0 t + (r1 - r0) t² / 2T}; the k-th
 * arrival is at the {@code t} where {@code N(t) = k}. Immutable and thread-safe.
 */
public final class ArrivalSchedule {
    private final List<RateStage> stages;
    private final long[] firstIndex;
    private final long total;

    /** @param stages the stages in order; each has a positive duration */
    public ArrivalSchedule(List<RateStage> stages) {
        this.stages = List.copyOf(stages);
        this.firstIndex = new long[stages.size() + 1];
        long n = 0;
        for (int i = 0; i < stages.size(); i++) {
            firstIndex[i] = n;
            RateStage s = stages.get(i);
            n += (long) Math.floor((s.fromPerSec() + s.toPerSec()) / 2 * (s.duration().toNanos() / 1e9) + 1e-9);
        }
        firstIndex[stages.size()] = n;
        this.total = n;
    }

    /** How many arrivals the whole schedule holds. */
    public long size() {
        return total;
    }

    /**
     * Intended start of arrival {@code k}, in nanoseconds after the run's start.
     *
     * @throws IndexOutOfBoundsException when {@code k} is not in {@code 0..size()-1}
     */
    public long startNanos(long k) {
        if (k < 0 || k >= total) {
            throw new IndexOutOfBoundsException("arrival " + k + " of " + total);
        }
        long before = 0;
        for (int i = 0; i < stages.size(); i++) {
            RateStage s = stages.get(i);
            long durNs = s.duration().toNanos();
            if (k < firstIndex[i + 1]) {
                double j = k - firstIndex[i];
                double t = timeOf(j, s.fromPerSec(), s.toPerSec(), durNs / 1e9);
                return before + Math.min(durNs, (long) (t * 1e9));
            }
            before += durNs;
        }
        throw new IllegalStateException("unreachable");
    }

    /** Seconds into a stage at which {@code N(t) = j}. */
    private static double timeOf(double j, double r0, double r1, double seconds) {
        double a = (r1 - r0) / (2 * seconds);
        if (Math.abs(a) < 1e-12) {
            return j / r0;
        }
        // a t² + r0 t - j = 0, the root with t >= 0
        return (-r0 + Math.sqrt(r0 * r0 + 4 * a * j)) / (2 * a);
    }
}
