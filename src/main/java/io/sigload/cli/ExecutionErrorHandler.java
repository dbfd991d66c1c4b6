package io.sigload.cli;

import io.sigload.html.HtmlUnavailableException;
import io.sigload.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into a message: {@link UsageException} and scenario errors
 * are exit 2 without a stack trace; anything else is a bug, printed with its stack trace only
 * when {@code SIGLOAD_STACKTRACE=1}.
 */
final class ExecutionErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof UsageException || ex instanceof ScenarioException
                || ex instanceof HtmlUnavailableException) {
            err.println("sigload " + cmd.getCommandName() + ": " + ex.getMessage());
            err.flush();
            return Main.USAGE;
        }
        err.println("sigload " + cmd.getCommandName() + ": internal error: " + ex);
        if ("1".equals(System.getenv("SIGLOAD_STACKTRACE"))) {
            ex.printStackTrace(err);
        } else {
            err.println("(set SIGLOAD_STACKTRACE=1 to see the stack trace)");
        }
        err.flush();
        return 3;
    }
}
