package io.sigload.scenario;

import java.util.List;

/**
 * A scenario that cannot be run: every problem found, each naming the file, the line where the
 * parser knows it, the field and what is allowed. The CLI prints it and exits with code 2.
 */
public final class ScenarioException extends Exception {
    private final List<String> problems;

    /** @param problems one line per problem, e.g. {@code thirty.yaml:12:5: signer.iat: unknown 'flor'; allowed: ...} */
    public ScenarioException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** @param problem one problem */
    public ScenarioException(String problem) {
        this(List.of(problem));
    }

    /** Each problem, one line each. */
    public List<String> problems() {
        return problems;
    }
}
