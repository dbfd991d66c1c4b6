package io.sigload.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@link Diagnoser.Fit#interval()}: the 95% interval of a clock offset always holds the estimate it is printed with. */
class FitIntervalTest {
    @Test
    void anEstimatePastTheBinsFloorRange_staysInsideItsInterval() {
        // iat minus request instant: mean -0.2 s over bins from 88.8 s to 90.1 s: delta 90.3 s, the bins' cut [89.9, 90.0]
        Diagnoser.Fit f = new Diagnoser.Fit(0.99, 89.8, 0.05, 88.8, 90.1, 400);
        double[] ci = f.interval();
        assertThat(f.delta()).isEqualTo(90.3, Assertions.within(1e-9));
        assertThat(ci[0]).isLessThanOrEqualTo(f.delta());
        assertThat(ci[1]).isGreaterThanOrEqualTo(f.delta());
        assertThat(ci[0]).isEqualTo(89.9, Assertions.within(1e-9));
    }

    @Test
    void anEstimateInsideTheBins_keepsTheNarrowCut() {
        Diagnoser.Fit f = new Diagnoser.Fit(0.99, 89.5, 0.3, 89.0, 90.2, 400);
        double[] ci = f.interval();
        assertThat(ci[0]).isGreaterThanOrEqualTo(90.0 - 1e-9);
        assertThat(ci[1]).isLessThanOrEqualTo(90.2 + 1e-9);
        assertThat(ci[0]).isLessThanOrEqualTo(f.delta());
        assertThat(ci[1]).isGreaterThanOrEqualTo(f.delta());
    }
}
