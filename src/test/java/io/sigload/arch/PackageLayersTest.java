package io.sigload.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import graph of sigload's main code, checked: no package cycles, and every package uses
 * only the packages below it in the layer order drawn in docs/architecture.md ("Layers").
 */
class PackageLayersTest {
    /**
     * Package (under io.sigload, subpackages folded into their top package) → the packages it may
     * use. The same table as docs/architecture.md; change both together.
     */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("guard", Set.of()),
            Map.entry("token", Set.of("guard")),
            Map.entry("clock", Set.of()),
            Map.entry("hmac", Set.of("guard", "token")),
            Map.entry("timing", Set.of("guard", "clock")),
            Map.entry("validate", Set.of("guard", "token", "hmac", "clock")),
            Map.entry("sign", Set.of("guard", "token", "hmac", "clock", "timing")),
            Map.entry("skew", Set.of("guard", "token", "clock", "validate", "sign")),
            Map.entry("serve", Set.of("guard", "token", "clock", "timing", "sign")),
            Map.entry("scenario", Set.of("guard", "token", "clock", "timing", "validate", "sign")),
            // report uses neither sign nor scenario: the diagnosis is blind to the signer's settings (issue #11)
            Map.entry("report", Set.of("guard", "token", "clock", "validate")),
            Map.entry("threshold", Set.of("guard", "token", "clock", "validate", "sign", "scenario", "report")),
            Map.entry("drive", Set.of("guard", "token", "clock", "hmac", "timing", "validate", "sign", "skew", "serve",
                    "scenario", "report")),
            Map.entry("merge", Set.of("guard", "token", "clock", "validate", "sign", "skew", "scenario", "report",
                    "drive")),
            Map.entry("html", Set.of("guard", "token", "clock", "report", "skew")),
            Map.entry("compare", Set.of("guard", "token", "clock", "validate", "sign", "scenario", "report", "drive", "skew",
                    "html")),
            Map.entry("gate", Set.of("guard", "token", "clock", "report")),
            Map.entry("perf", Set.of("guard", "token", "clock", "sign", "gate")),
            Map.entry("cli", Set.of("guard", "token", "clock", "hmac", "timing", "validate", "sign", "serve", "scenario",
                    "report", "threshold", "drive", "skew", "merge", "html", "compare", "gate", "perf")));

    static JavaClasses classes;

    @BeforeAll
    static void importMainCode() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sigload");
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.sigload.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() {
        List<String> violations = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = top(c.getPackageName());
            if (from == null || from.equals("bench")) {
                continue; // benchmarks (compiled into the jar) may use anything they measure
            }
            Set<String> allowed = ALLOWED.get(from);
            if (allowed == null) {
                unknown.add(from);
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = top(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from) && !allowed.contains(to)) {
                    violations.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        }
        assertThat(unknown).as("packages missing from the layer table (add them here and to docs/architecture.md)")
                .isEmpty();
        assertThat(violations).as("dependencies against the layer order").isEmpty();
    }

    @Test
    void theLayerTableItselfHasNoCycle() {
        // a table that allowed a cycle would make the cycle test the only guard
        for (var e : ALLOWED.entrySet()) {
            for (String below : e.getValue()) {
                assertThat(reaches(below, e.getKey(), new TreeSet<>())).as(e.getKey() + " <-> " + below).isFalse();
            }
        }
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        return ALLOWED.getOrDefault(from, Set.of()).stream().anyMatch(n -> reaches(n, target, seen));
    }

    /** {@code io.sigload.sign.fast} → {@code sign}; outside io.sigload → null. */
    private static String top(String pkg) {
        if (!pkg.startsWith("io.sigload.")) {
            return null;
        }
        String rest = pkg.substring("io.sigload.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
