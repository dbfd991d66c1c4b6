package io.sigload.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankIntervalTest {
    @Test
    void fiveRunsASideReach99Percent_fourDoNot() {
        assertThat(RankInterval.runsNeeded(0.99)).isEqualTo(5);
        assertThat(RankInterval.runsNeeded(0.95)).isEqualTo(4);
        assertThat(RankInterval.of(new double[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4}, 0.99)).isNull();
    }

    @Test
    void theTailProbabilitiesAreExact() {
        // C(10, 5) = 252 arrangements; U = 0 in one, U <= 1 in two, U <= 2 in four
        assertThat(RankInterval.lowerTail(5, 5, 0)).isCloseTo(1 / 252.0, within(1e-12));
        assertThat(RankInterval.lowerTail(5, 5, 1)).isCloseTo(2 / 252.0, within(1e-12));
        assertThat(RankInterval.lowerTail(5, 5, 2)).isCloseTo(4 / 252.0, within(1e-12));
        assertThat(RankInterval.lowerTail(3, 4, 12)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fiveRunsASide_theIntervalIsTheExtremePairs_at99Point2Percent() {
        double[] b = {100, 110, 90, 105, 95};
        double[] c = {200, 220, 180, 210, 190};
        RankInterval.Ratio r = RankInterval.of(b, c, 0.99);
        assertThat(r.point()).isCloseTo(2.0, within(0.01));
        assertThat(r.lower()).isCloseTo(180 / 110.0, within(1e-9));
        assertThat(r.upper()).isCloseTo(220 / 90.0, within(1e-9));
        assertThat(r.achieved()).isCloseTo(1 - 2 / 252.0, within(1e-12));
    }

    @Test
    void oneOutlierRunMovesTheIntervalByOneRank_notByItsSize() {
        double[] b = {100, 101, 99, 100, 102, 98, 100};
        double[] withOutlier = {100, 101, 99, 100, 102, 98, 5000};
        RankInterval.Ratio r = RankInterval.of(b, withOutlier, 0.99);
        assertThat(r.point()).isCloseTo(1.0, within(0.03));
        assertThat(r.lower()).isGreaterThan(0.9);
    }
}
