package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void line_showsDoneValidInvalidRateElapsedAndEta() {
        String l = Progress.line("run x", "participants", new Progress.Counts(1_000, 990, 10, 4_000), 2_000_000_000L);
        assertThat(l).isEqualTo("run x: 1,000/4,000 participants (25.0 %), 990 valid, 10 invalid, 500/s, elapsed 2.0 s, ETA 6.0 s");
    }

    @Test
    void line_withoutATotal_hasNoEta() {
        assertThat(Progress.line("skew s", "tokens", new Progress.Counts(64, 60, 4, -1), 1_000_000_000L))
                .isEqualTo("skew s: 64 tokens, 60 valid, 4 invalid, 64/s, elapsed 1.0 s");
    }

    @Test
    void style_isPlainInCi_liveOnATerminal_andCanBeForced() {
        assertThat(Progress.style(Map.of("CI", "true"), true)).isEqualTo(Progress.Style.PLAIN);
        assertThat(Progress.style(Map.of(), true)).isEqualTo(Progress.Style.LIVE);
        assertThat(Progress.style(Map.of(), false)).isEqualTo(Progress.Style.PLAIN);
        assertThat(Progress.style(Map.of("SIGLOAD_PROGRESS", "off", "CI", "true"), true)).isEqualTo(Progress.Style.OFF);
    }

    @Test
    void plainTicks_arePlainLines_andLiveTicksRedrawOneLine() {
        StringWriter w = new StringWriter();
        try (Progress p = Progress.start("run x", "participants", () -> new Progress.Counts(1, 1, 0, 2), new PrintWriter(w),
                Progress.Style.PLAIN)) {
            p.tick(1_000_000_000L);
            p.tick(2_000_000_000L);
        }
        assertThat(w.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("run x: 1/2 participants"));
        StringWriter live = new StringWriter();
        try (Progress p = Progress.start("run x", "participants", () -> new Progress.Counts(1, 1, 0, 2),
                new PrintWriter(live), Progress.Style.LIVE)) {
            p.tick(1_000_000_000L);
        }
        assertThat(live.toString()).startsWith("\r\033[2Krun x: 1/2").endsWith(System.lineSeparator());
    }

    @Test
    void theEtaWaitsForASteadyRate_andThenUsesHumanUnits() {
        long[] done = {0};
        StringWriter w = new StringWriter();
        try (Progress p = Progress.start("run x", "participants", () -> new Progress.Counts(done[0], done[0], 0, 100_000),
                new PrintWriter(w), Progress.Style.OFF)) {
            // a burst: nothing for 4 s, then a rush (the old first ETA was 80x off)
            done[0] = 10;
            p.tick(1_000_000_000L);
            done[0] = 20;
            p.tick(4_000_000_000L);
            done[0] = 5_000;
            p.tick(5_000_000_000L);
            assertThat(w.toString()).doesNotContain("ETA");
            // then 1,000 a second, steadily
            for (int s = 6; s <= 60; s++) {
                done[0] = 1_000L * s;
                p.tick(s * 1_000_000_000L);
            }
        }
        String last = w.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).endsWith("elapsed 60.0 s, ETA 40.0 s");
    }
}
