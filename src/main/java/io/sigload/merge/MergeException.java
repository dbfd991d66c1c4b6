package io.sigload.merge;

import java.util.List;

/**
 * Shards that cannot be merged (missing, duplicated, from another scenario, seed or shard count,
 * truncated, unreadable): every problem found, one line each, naming the file. Exit code 2.
 */
public final class MergeException extends Exception {
    private final List<String> problems;

    /** @param problems one line per problem, each naming the file it is about */
    public MergeException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** @param problem one problem */
    public MergeException(String problem) {
        this(List.of(problem));
    }

    /** Each problem. */
    public List<String> problems() {
        return problems;
    }
}
