package io.sigload.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sweep on synthetic probes: grid, bisection to 1 s, window, edges, probabilistic bands. */
class SkewSweepTest {
    private static final Duration TWO_HOURS = Duration.ofHours(2);

    /** Valid in [lo, hi]; EXPIRED below, IAT_IN_FUTURE above. */
    static SkewProbe box(long lo, long hi) {
        return s -> s < lo ? new SkewStep(s, 4, 0, Map.of("EXPIRED", 4))
                : s > hi ? new SkewStep(s, 4, 0, Map.of("IAT_IN_FUTURE", 4)) : new SkewStep(s, 4, 4, Map.of());
    }

    static SkewReport sweep(SkewProbe p, Duration from, Duration to) {
        return SkewSweep.sweep(p, from, to, "test", "meeting-web", SignerProbe.Mode.MINTING_CLOCK);
    }

    @Test
    void window_isFoundToTheSecond_withTheRuleClosingEachEdge() {
        SkewReport r = sweep(box(-7169, 30), TWO_HOURS.negated(), TWO_HOURS);
        assertThat(r.window()).isEqualTo(new SkewReport.Window(-7169, 30));
        assertThat(r.slow().firstRejected()).isEqualTo(-7170);
        assertThat(r.slow().reason()).isEqualTo("EXPIRED");
        assertThat(r.fast().firstRejected()).isEqualTo(31);
        assertThat(r.fast().reason()).isEqualTo("IAT_IN_FUTURE");
        assertThat(r.fast().probabilistic()).isFalse();
        assertThat(r.steps()).hasSizeLessThan(120);
        assertThat(SkewText.headline(r)).isEqualTo(
                "tokens from this signer validate when the minting clock is between 7169 s slow and 30 s fast");
    }

    @Test
    void probabilisticBand_reportsTheShareAndWhereAllAreRejected() {
        // rejected share grows linearly from 0 at +1 s to 1 at +100 s
        SkewProbe p = s -> {
            int rejected = (int) Math.max(0, Math.min(100, s));
            return new SkewStep(s, 100, 100 - rejected, rejected == 0 ? Map.of() : Map.of("IAT_IN_FUTURE", rejected));
        };
        SkewReport r = sweep(p, Duration.ofSeconds(-300), Duration.ofSeconds(300));
        assertThat(r.window().max()).isZero();
        assertThat(r.fast().probabilistic()).isTrue();
        assertThat(r.fast().firstRejected()).isEqualTo(1);
        assertThat(r.fast().allRejectedFrom()).isEqualTo(100);
        assertThat(r.fast().rejectedShareAtFirst()).isEqualTo(0.01);
        assertThat(r.slow().firstRejected()).isNull();
    }

    @Test
    void neverValid_hasNoWindow_andSaysSo() {
        SkewReport r = sweep(s -> new SkewStep(s, 4, 0, Map.of("BAD_SIGNATURE", 4)), Duration.ofSeconds(-60),
                Duration.ofSeconds(60));
        assertThat(r.window()).isNull();
        assertThat(r.everValid()).isFalse();
        assertThat(SkewText.headline(r)).contains("never validate");
    }

    @Test
    void emptyOrAbsurdRange_isRefused_withWhatIsAllowed() {
        assertThatThrownBy(() -> SkewSweep.checkRange(Duration.ofHours(2), Duration.ofHours(-2)))
                .hasMessageContaining("empty skew range").hasMessageContaining("--from -2h --to 2h");
        assertThatThrownBy(() -> SkewSweep.checkRange(Duration.ZERO, Duration.ZERO)).hasMessageContaining("empty");
        assertThatThrownBy(() -> SkewSweep.checkRange(Duration.ofDays(-31), Duration.ZERO))
                .hasMessageContaining("±30 days");
    }

    @Test
    void concurrentSweep_probesTheSameSkewsAsOneAtATime_severalAtOnce() throws Exception {
        SkewProbe box = box(-7169, 30);
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SkewProbe slow = s -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return box.probe(s);
        };
        SkewReport one = sweep(box, TWO_HOURS.negated(), TWO_HOURS);
        SkewReport many = SkewSweep.sweep(slow, TWO_HOURS.negated(), TWO_HOURS, "test", "meeting-web",
                SignerProbe.Mode.MINTING_CLOCK, new SkewSweep.Bounds(8, Duration.ofMinutes(5), () -> null));
        assertThat(many).isEqualTo(one);
        assertThat(most.get()).as("probes at once").isGreaterThan(1).isLessThanOrEqualTo(8);
    }

    @Test
    void sweepOfAProbeThatNeverAnswers_stopsAtItsDeadline() {
        SkewProbe hangs = s -> {
            try {
                Thread.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SkewStep(s, 1, 0, Map.of("HTTP_TIMEOUT", 1));
        };
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                assertThatThrownBy(() -> SkewSweep.sweep(hangs, TWO_HOURS.negated(), TWO_HOURS, "t", "meeting-web",
                        SignerProbe.Mode.MINTING_CLOCK, new SkewSweep.Bounds(4, Duration.ofSeconds(1), () -> null)))
                        .isInstanceOf(SweepStoppedException.class).hasMessageContaining("deadline of 1 s"));
    }

    @Test
    void sweep_givesUpWithTheNote_whenTheProbeSaysSo() {
        assertThatThrownBy(() -> SkewSweep.sweep(box(-10, 10), TWO_HOURS.negated(), TWO_HOURS, "t", "meeting-web",
                SignerProbe.Mode.MINTING_CLOCK, new SkewSweep.Bounds(1, null, () -> "the signer gave no token")))
                .isInstanceOf(SweepStoppedException.class).hasMessageStartingWith("the signer gave no token (after 0 probes)");
    }
}
