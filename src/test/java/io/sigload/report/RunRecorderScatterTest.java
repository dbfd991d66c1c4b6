package io.sigload.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.validate.ReasonCode;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunRecorderScatterTest {
    private static final Verdict VALID = new Verdict(List.of(), List.of(), List.of());
    private static final Verdict FUTURE = new Verdict(List.of(Violation.of(ReasonCode.IAT_IN_FUTURE, "ahead")), List.of(),
            List.of());

    @Test
    void scatter_keepsTheLowestIndexes_boundedWhateverTheOrderOfArrival() {
        RunRecorder r = new RunRecorder(0);
        int n = RunRecorder.SCATTER_POINTS * 3;
        IntStream.range(0, n).parallel().map(i -> n - 1 - i)
                .forEach(i -> r.recordVerdict(i, i * 10L, 0, 0, i % 2 == 0 ? VALID : FUTURE, "t"));
        r.recordMintError(1, 5, 0, 0, "CONNECTION_REFUSED", "refused");
        List<ParticipantPoint> s = r.result(new RunContext("s", "f", 1, n, "x", "server", "meeting-web", "burst",
                "simulated", "85746065432", ""), 1).skews().scatter();
        assertThat(s).hasSize(RunRecorder.SCATTER_POINTS);
        assertThat(s.get(0)).isEqualTo(new ParticipantPoint(0, 0, 0, "VALID"));
        assertThat(s.get(1).verdict()).isIn("IAT_IN_FUTURE", "CONNECTION_REFUSED");
        assertThat(s.get(s.size() - 1).participant()).isEqualTo(RunRecorder.SCATTER_POINTS - 1);
    }
}
