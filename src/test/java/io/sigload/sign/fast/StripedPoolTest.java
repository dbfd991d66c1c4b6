package io.sigload.sign.fast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StripedPoolTest {
    @Test
    void anObjectGivenBack_isReused() {
        AtomicInteger made = new AtomicInteger();
        StripedPool<Object> pool = new StripedPool<>(() -> {
            made.incrementAndGet();
            return new Object();
        });
        Object a = pool.take();
        pool.give(a);
        assertThat(pool.take()).isSameAs(a);
        assertThat(made).hasValue(1);
    }

    @Test
    void takersNeverShareAnObject_andThePoolNeverGrowsPastItsSlots() {
        StripedPool<Object> pool = new StripedPool<>(Object::new);
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < pool.capacity() * 3; i++) {
            held.add(pool.take());
        }
        IdentityHashMap<Object, Boolean> distinct = new IdentityHashMap<>();
        held.forEach(o -> distinct.put(o, true));
        assertThat(distinct).hasSize(held.size());
        held.forEach(pool::give);
        assertThat(pool.pooled()).isEqualTo(pool.capacity());
    }

    @Test
    void concurrentTakers_haveExclusiveUse() throws Exception {
        StripedPool<int[]> pool = new StripedPool<>(() -> new int[1]);
        AtomicInteger clashes = new AtomicInteger();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 64; t++) {
                exec.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        int[] box = pool.take();
                        if (box[0] != 0) {
                            clashes.incrementAndGet();
                        }
                        box[0] = 1;
                        Thread.onSpinWait();
                        box[0] = 0;
                        pool.give(box);
                        if (i % 100 == 0) {
                            Thread.yield();
                        }
                    }
                });
            }
        }
        assertThat(clashes).hasValue(0);
    }
}
