package io.sigload.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final double[] SCORES = {2300, 2200, 9000, 2250, 40000, 2210, 2400, 2280, 2330, 2260};

    @Test
    void lowEndEstimators_readTheFastEnd_orTheHighEndForThroughput() {
        assertThat(Bootstrap.Estimator.MIN.of(SCORES.clone(), 10)).isEqualTo(2200);
        assertThat(Bootstrap.Estimator.MIN.of(SCORES.clone(), 10, true)).isEqualTo(40000);
        assertThat(Bootstrap.Estimator.P10.of(SCORES.clone(), 10)).isEqualTo(2200);
        assertThat(Bootstrap.Estimator.P10.of(SCORES.clone(), 10, true)).isEqualTo(40000);
        assertThat(Bootstrap.Estimator.MEDIAN.of(SCORES.clone(), 10)).isEqualTo(2290);
        assertThat(Bootstrap.Estimator.MEAN.of(SCORES.clone(), 10)).isCloseTo(6723, within(1.0));
        assertThat(Bootstrap.Estimator.MIN.lowEnd()).isTrue();
        assertThat(Bootstrap.Estimator.MEDIAN.lowEnd()).isFalse();
    }

    @Test
    void p10_takesTheNearestRank() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 100 + i;
        }
        assertThat(Bootstrap.Estimator.P10.of(twenty.clone(), 20)).isEqualTo(101);
        assertThat(Bootstrap.Estimator.P10.of(twenty.clone(), 20, true)).isEqualTo(118);
    }

    @Test
    void theMinimumIgnoresSlowIterations_soIdenticalCodeShowsNoChange() {
        List<List<Double>> a = List.of(List.of(2200.0, 9000.0, 2250.0), List.of(2230.0, 2210.0, 50000.0));
        List<List<Double>> b = List.of(List.of(30000.0, 2205.0, 2240.0), List.of(2215.0, 7000.0, 2260.0));

        Bootstrap.Interval iv = Bootstrap.ratio(a, b, 0.99, 2000, 1, Bootstrap.Estimator.MIN);

        assertThat(iv.point()).isCloseTo(1.0, within(0.01));
        assertThat(iv.lower()).isGreaterThan(0.95);
        assertThat(iv.upper()).isLessThan(1.05);
    }
}
