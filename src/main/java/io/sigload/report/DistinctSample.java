package io.sigload.report;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * A bounded, mergeable sample of distinct values (whole seconds: iat values, mint seconds), so that
 * tokens minted in the same second count as one sample, not many. Distinct sampling: a value is kept
 * when its hash has {@code level} low zero bits, and the level rises (halving what is kept) whenever
 * more than {@link #CAPACITY} values would be kept. The kept values are a uniform random sample of
 * the distinct values, independent of their residues, so residue counts scale by {@code 2^level}.
 * Merging two samples ({@link #plus}) gives exactly the sample of the union: keep the higher level,
 * drop what it excludes, unite. Immutable.
 *
 * <p>JSON form: {@code {"level": L, "values": [v, ...]}} ascending.
 *
 * @param level how many low hash bits must be zero for a value to be kept, {@code 0..62}
 * @param values the kept distinct values, ascending
 */
public record DistinctSample(int level, long[] values) {
    /** Most values kept. */
    public static final int CAPACITY = 4096;
    /** Nothing seen. */
    public static final DistinctSample EMPTY = new DistinctSample(0, new long[0]);

    public DistinctSample {
        values = values.clone();
        Arrays.sort(values);
    }

    /** SplitMix64's finaliser: the hash that decides which values are kept. */
    static long hash(long v) {
        long z = v + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Whether a value passes the sampling filter of a level. */
    static boolean kept(long v, int level) {
        return level == 0 || (hash(v) & ((1L << level) - 1)) == 0;
    }

    /** Builds the sample of a set of distinct values at the lowest level that fits. */
    static DistinctSample of(int level, TreeSet<Long> set) {
        int l = level;
        TreeSet<Long> s = new TreeSet<>(set);
        while (s.size() > CAPACITY) {
            l++;
            final int lv = l;
            s.removeIf(v -> !kept(v, lv));
        }
        return new DistinctSample(l, s.stream().mapToLong(Long::longValue).toArray());
    }

    /** The sample of the union of what both saw. */
    public DistinctSample plus(DistinctSample o) {
        int l = Math.max(level, o.level);
        TreeSet<Long> s = new TreeSet<>();
        for (long v : values) {
            if (kept(v, l)) {
                s.add(v);
            }
        }
        for (long v : o.values) {
            if (kept(v, l)) {
                s.add(v);
            }
        }
        return of(l, s);
    }

    /** Estimated number of distinct values seen: kept values times {@code 2^level}. */
    public long estimate() {
        return (long) values.length << level;
    }

    /** How many kept values have {@code v mod modulus == residue} (floor modulus). */
    public long withResidue(long modulus, long residue) {
        long n = 0;
        for (long v : values) {
            if (Math.floorMod(v, modulus) == residue) {
                n++;
            }
        }
        return n;
    }

    /** Kept values per residue, {@code counts[r]} for {@code r in 0..modulus-1}. */
    public long[] residues(int modulus) {
        long[] c = new long[modulus];
        for (long v : values) {
            c[(int) Math.floorMod(v, (long) modulus)]++;
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistinctSample d && level == d.level && Arrays.equals(values, d.values);
    }

    @Override
    public int hashCode() {
        return 31 * level + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DistinctSample[level=" + level + ", " + values.length + " values]";
    }
}
