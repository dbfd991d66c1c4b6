package io.sigload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@link TokenReuse}: a token handed to another request counts; the same token for the same request does not. */
class TokenReuseTest {
    private static final String A = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJtbiI6IjEifQ.9H7YNdjuyolWj8w5yJBMqonWrszgZixpCdLhvsnnEMM";
    private static final String B = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJtbiI6IjIifQ.ZjAMrHFWRS3JMTIQZaajw9RIYBOynOCXOmKvKR7HOIE";

    @Test
    void sameTokenForTheSameRequest_isNotCounted() {
        TokenReuse r = new TokenReuse();
        for (int i = 0; i < 30; i++) {
            r.add(A, true, 42);
        }
        assertThat(r.participants()).isZero();
        assertThat(r.tokens()).isEqualTo(30);
    }

    @Test
    void sameTokenForOtherRequests_countsEveryLaterParticipant() {
        TokenReuse r = new TokenReuse();
        r.add(A, true, 1);
        r.add(A, true, 2);
        r.add(A, true, 3);
        r.add(A, true, 1); // the first request again: not a reuse
        r.add(B, true, 2);
        assertThat(r.participants()).isEqualTo(2);
    }

    @Test
    void aTokenWithABrokenMac_isKeyedByEveryByte_soOnlyItsTailIsNotEnough() {
        // same last 16 characters (one corrupted MAC handed to all), different payloads
        String tail = A.substring(A.lastIndexOf('.'));
        String c = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJtbiI6IjMifQ" + tail;
        TokenReuse r = new TokenReuse();
        r.add(A, false, 1);
        r.add(c, false, 2);
        assertThat(r.participants()).isZero();
        r.add(c, false, 3);
        assertThat(r.participants()).isEqualTo(1);
    }

    @Test
    void aMillionDistinctTokens_fromManyThreads_countNoReuse_andTheSetGrows() throws Exception {
        TokenReuse r = new TokenReuse();
        try (ExecutorService exec = Executors.newFixedThreadPool(4)) {
            for (int t = 0; t < 4; t++) {
                int lane = t;
                exec.execute(() -> {
                    for (int i = lane; i < 1_000_000; i += 4) {
                        r.add(A.substring(0, A.length() - 10) + String.format("%010d", i), true, i);
                    }
                });
            }
        }
        assertThat(r.tokens()).isEqualTo(1_000_000);
        assertThat(r.participants()).isZero();
    }

    @Test
    void keys_dependOnTheWholeTokenOrItsTail_asDocumented() {
        assertThat(TokenReuse.bytesKey(A)).isEqualTo(TokenReuse.bytesKey(new String(A.toCharArray())));
        assertThat(TokenReuse.bytesKey(A)).isNotEqualTo(TokenReuse.bytesKey(B));
        assertThat(TokenReuse.tailKey(A)).isEqualTo(TokenReuse.tailKey(new String(A.toCharArray())));
        assertThat(TokenReuse.tailKey(A)).isNotEqualTo(TokenReuse.tailKey(B));
        assertThat(TokenReuse.tailKey("short")).isNotEqualTo(TokenReuse.tailKey("shorT"));
    }

    @Test
    void aMillionParticipants_areCountedExactly_andASampledRunCountsEveryToken() {
        assertThat(TokenReuse.sampledFor(1_000_000).sampleFactor()).isEqualTo(1);
        assertThat(TokenReuse.sampledFor(4_194_304).sampleFactor()).isEqualTo(1);
        assertThat(TokenReuse.sampledFor(4_194_305).sampleFactor()).isEqualTo(2);
        assertThat(TokenReuse.sampledFor(100_000_000).sampleFactor()).isEqualTo(32);
        // a sampled counter still counts every token it is given: 10,000 copies of one token
        // (one cluster) and 10 distinct ones make 10,010 tokens, whether or not A's cluster is kept
        TokenReuse r = new TokenReuse(4);
        for (int i = 0; i < 10_000; i++) {
            r.add(A, true, 7);
        }
        for (int i = 0; i < 10; i++) {
            r.add(B.substring(0, B.length() - 2) + i + i, true, 7);
        }
        assertThat(r.tokens()).isEqualTo(10_010);
        assertThat(r.participants()).isZero();
    }
}
