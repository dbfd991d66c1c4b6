package io.sigload.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** {@link ReplayCandidates}: the lowest indexes of each kind, whatever order they arrive in. */
class ReplayCandidatesTest {
    @Test
    void keepsTheLowestIndexes_ofFailingAndPassing_fromManyThreads() throws Exception {
        ReplayCandidates c = new ReplayCandidates(5);
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 9999; i >= 0; i--) {
                int p = i;
                exec.execute(() -> {
                    if (p % 3 == 0) {
                        c.failed(p, "BAD_SIGNATURE");
                    } else {
                        c.passed(p);
                    }
                });
            }
        }
        assertThat(c.failing().keySet()).containsExactly(0, 3, 6, 9, 12);
        assertThat(c.failing().values()).containsOnly("BAD_SIGNATURE");
        assertThat(c.passing().keySet()).containsExactly(1, 2, 4, 5, 7);
        assertThat(c.passing().values()).containsOnly(ReplayEvidence.VALID);
    }

    @Test
    void limitZero_keepsNothing() {
        ReplayCandidates c = new ReplayCandidates(0);
        c.failed(1, "X");
        c.passed(2);
        assertThat(c.failing()).isEmpty();
        assertThat(c.passing()).isEmpty();
        assertThat(c.limit()).isZero();
    }

    @Test
    void summary_tellsRefusedTokensFromMissingOnes_andCountsReuse() {
        ReplayEvidence e = new ReplayEvidence(3, 2, 1, 0, 4, "simulated", "", 30, 1000, 2, List.of(
                new ReplayEvidence.Replayed(0, "BAD_SIGNATURE", "valid"),
                new ReplayEvidence.Replayed(1, "valid", "valid"),
                new ReplayEvidence.Replayed(2, "MINT_ERROR", "valid"),
                new ReplayEvidence.Replayed(3, "IAT_IN_FUTURE", "IAT_IN_FUTURE")));
        assertThat(e.summary())
                .contains("1 of the 2 replayed participants whose token the burst refused validate alone")
                .contains("1 of 1 replayed participant that got no token in the burst gets a valid one alone")
                .contains("4 of 30 participants were handed a token byte for byte the same");
        assertThat(ReplayEvidence.NONE.summary()).isEmpty();
        assertThat(ReplayEvidence.NONE.worthReporting()).isFalse();
    }
}
