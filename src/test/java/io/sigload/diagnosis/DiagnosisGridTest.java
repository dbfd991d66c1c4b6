package io.sigload.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link DiagnosisGrid}: reduced in {@code mvn verify} (30 and 1,000 participants, one seed;
 * through the endpoint at 30 only, plus the 90 s offset at 1,000), in full with
 * {@code -Dsigload.grid=full} (30, 1,000 and 100,000 participants, seeds 1, 2 and 3). Writes the
 * table to {@code target/diagnosis-grid.md}.
 */
class DiagnosisGridTest {
    static final boolean FULL = "full".equals(System.getProperty("sigload.grid"));
    static final List<Integer> SIZES = FULL ? List.of(30, 1_000, 100_000) : List.of(30, 1_000);
    static final List<Long> SEEDS = FULL ? List.of(1L, 2L, 3L) : List.of(1L);
    static final List<DiagnosisGrid.Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path dir;

    static Stream<Arguments> cells() {
        List<Arguments> a = new ArrayList<>();
        for (DiagnosisGrid.Fault f : DiagnosisGrid.faults()) {
            for (int n : SIZES) {
                boolean serve = f.minting() == DiagnosisGrid.Minting.SERVE;
                if (serve && !FULL && n > 30 && !f.name().contains("90s")) {
                    continue;
                }
                for (long seed : SEEDS) {
                    a.add(Arguments.of(f, n, seed));
                }
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} x {1} (seed {2})")
    @MethodSource("cells")
    void theTopCauseIsTheInjectedOne_andNothingElseIsNamed(DiagnosisGrid.Fault fault, int n, long seed)
            throws Exception {
        DiagnosisGrid.Outcome o = DiagnosisGrid.run(fault, n, seed, dir);
        OUTCOMES.add(o);
        if (FULL) { // progress of a long run: one line per cell
            System.out.printf("grid %-5s %-48s %-6s n=%-7d seed %d: top %s%n", o.right() ? "right" : "WRONG",
                    fault.name(), fault.minting(), n, seed, o.top());
        }
        assertThat(o.right()).as("%s x %d seed %d: top %s, named %s, %d refused; diagnosis: %s", fault.name(), n, seed,
                o.top(), o.named(), o.refused(), o.text()).isTrue();
    }

    @AfterAll
    static void writeTable() throws Exception {
        Path out = Path.of("target", FULL ? "diagnosis-grid-full.md" : "diagnosis-grid.md");
        Files.createDirectories(out.getParent());
        List<DiagnosisGrid.Outcome> sorted = new ArrayList<>(OUTCOMES);
        List<DiagnosisGrid.Fault> order = DiagnosisGrid.faults();
        sorted.sort((x, y) -> Integer.compare(order.indexOf(x.fault()), order.indexOf(y.fault())));
        Files.writeString(out, DiagnosisGrid.table(sorted, SIZES));
    }
}
