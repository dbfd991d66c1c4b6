package io.sigload.cli;

/**
 * Bad usage or bad input found while a command runs (a scenario error, a missing file): printed
 * as one message without a stack trace, exit code 2.
 */
public final class UsageException extends RuntimeException {
    /** @param message the whole message for people: where, what, what is allowed */
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
