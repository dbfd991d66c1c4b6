package io.sigload.validate.cases;

import io.sigload.validate.ReasonCode;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Runs field cases against a {@link Validator} and says, per case, where the verdict differs from
 * the expectation (docs/field-cases.md: {@code errors} is an exact set,
 * {@code errorsInclude}, {@code warnings} and {@code hints} must be included).
 *
 * <p>Thread-safe if the validator is.
 */
public final class CaseRunner {
    private final Validator validator;

    /** @param validator the validator under test, usually {@link Validator#zoom()} */
    public CaseRunner(Validator validator) {
        this.validator = validator;
    }

    /** Runs every {@code *.json} file of a directory, in file-name order. */
    public List<CaseResult> runDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<CaseResult> results = new ArrayList<>(files.size());
        for (Path file : files) {
            results.add(runFile(file));
        }
        return results;
    }

    /** Runs one case file; a file that cannot be read is a failed case with the reason. */
    public CaseResult runFile(Path file) {
        CaseFile c;
        try {
            c = CaseFile.read(file);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return new CaseResult(file.getFileName().toString(), List.of("cannot read case: " + why));
        }
        return run(c);
    }

    /** Runs one case. */
    public CaseResult run(CaseFile c) {
        String id = c.id() == null ? "(no id)" : c.id();
        Verdict v;
        try {
            v = validator.validate(c.token(), c.context());
        } catch (IllegalArgumentException e) {
            return new CaseResult(id, List.of("bad case: " + e.getMessage()));
        }
        return new CaseResult(id, compare(c.expect(), v));
    }

    /** The differences between an expectation and a verdict, one line each. */
    static List<String> compare(CaseFile.Expect e, Verdict v) {
        List<String> out = new ArrayList<>();
        if (e.valid() != v.valid()) {
            out.add("expected " + (e.valid() ? "valid" : "invalid") + ", got " + (v.valid() ? "valid" : "invalid"));
        }
        Set<String> errors = codes(v.errors());
        if (e.errors() != null && !new TreeSet<>(e.errors()).equals(errors)) {
            out.add("expected errors " + new TreeSet<>(e.errors()) + ", got " + errors);
        }
        includes("errors", e.errorsInclude(), errors, out);
        includes("warnings", e.warnings(), codes(v.warnings()), out);
        includes("hints", e.hints(), codes(v.hints()), out);
        return out;
    }

    private static void includes(String what, List<String> expected, Set<String> actual, List<String> out) {
        if (expected == null) {
            return;
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            out.add("expected " + what + " to include " + missing + ", got " + actual);
        }
    }

    private static Set<String> codes(List<Violation> vs) {
        Set<String> s = new TreeSet<>();
        for (Violation x : vs) {
            ReasonCode c = x.code();
            s.add(c.name());
        }
        return s;
    }
}
