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
}
