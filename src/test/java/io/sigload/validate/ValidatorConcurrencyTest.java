package io.sigload.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The validator is shared by every participant of a run: many threads, one secret, same verdicts. */
class ValidatorConcurrencyTest {
    @Test
    void sameVerdicts_whenValidatingFromManyVirtualThreadsAtOnce() throws Exception {
        String good = TestTokens.web(-30, 7200);
        String future = TestTokens.web(120, 7200);
        String badMac = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA";
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 32; t++) {
                results.add(ex.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (!Validator.zoom().validate(good, TestTokens.web()).valid()
                                || !Validator.zoom().validate(future, TestTokens.web()).errorCodes()
                                        .equals(List.of(ReasonCode.IAT_IN_FUTURE))
                                || !Validator.zoom().validate(badMac, TestTokens.web()).errorCodes()
                                        .equals(List.of(ReasonCode.BAD_SIGNATURE))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
        }
        for (Future<Boolean> f : results) {
            assertThat(f.get()).isTrue();
        }
    }
}
