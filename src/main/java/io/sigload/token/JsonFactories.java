package io.sigload.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

/**
 * Jackson factories for the hot path on virtual threads. Jackson's default buffer recycling is
 * per thread ({@code ThreadLocal}); a run makes one virtual thread per participant, so every
 * participant would allocate fresh parser and generator buffers (several KB). A shared lock-free
 * pool (Jackson 2.16+, recommended for virtual threads) recycles them across threads instead.
 * Thread-safe.
 */
public final class JsonFactories {
    private JsonFactories() {
    }

    /** A factory with a shared lock-free buffer pool and Jackson's default read limits. */
    public static JsonFactory shared() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedLockFreePool()).build();
    }

    /** The same with read limits, for untrusted input. */
    public static JsonFactory shared(StreamReadConstraints constraints) {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedLockFreePool())
                .streamReadConstraints(constraints).build();
    }
}
