package io.sigload.sign.fast;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable, non-thread-safe work objects (SHA-256 digests, scratch
 * buffers) for code that runs on many virtual threads: a {@code ThreadLocal} would keep one object
 * per virtual thread (100,000 in a big burst), while only as many can be in use as there are
 * carrier threads, since the hot path never blocks.
 *
 * <p>{@link #take()} swaps an object out of a slot chosen from the current thread's id (one atomic
 * exchange when uncontended) and scans the other slots when that one is empty; when every slot is
 * empty it makes a new object. {@link #give(Object)} puts it back into the first empty slot, or
 * drops it for the garbage collector when all are full, so the pool never grows past its slots.
 *
 * <p>Thread-safe. An object must be given back at most once, in a reusable state.
 *
 * @param <T> the pooled type
 */
final class StripedPool<T> {
    private final AtomicReferenceArray<T> slots;
    private final int mask;
    private final Supplier<T> factory;

    /**
     * @param factory makes a new object when the pool is empty; called without locks
     */
    StripedPool(Supplier<T> factory) {
        int cpus = Runtime.getRuntime().availableProcessors();
        int size = Integer.highestOneBit(Math.max(8, cpus * 4) - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.factory = factory;
    }

    /** An object for the caller's exclusive use until {@link #give}. */
    T take() {
        int start = probe();
        for (int i = 0; i <= mask; i++) {
            T t = slots.getAndSet((start + i) & mask, null);
            if (t != null) {
                return t;
            }
        }
        return factory.get();
    }

    /** Returns an object taken with {@link #take()}; it must be in a reusable state. */
    void give(T t) {
        int start = probe();
        for (int i = 0; i <= mask; i++) {
            int idx = (start + i) & mask;
            if (slots.get(idx) == null && slots.compareAndSet(idx, null, t)) {
                return;
            }
        }
    }

    /** Objects currently pooled (for tests). */
    int pooled() {
        int n = 0;
        for (int i = 0; i <= mask; i++) {
            if (slots.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    /** Slots in the pool (for tests). */
    int capacity() {
        return mask + 1;
    }

    private int probe() {
        long id = Thread.currentThread().threadId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
    }
}
