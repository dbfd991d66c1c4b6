package io.sigload.cli;

import io.sigload.html.HtmlUnavailableException;
import io.sigload.scenario.ScenarioException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into a message: {@link UsageException} and scenario errors
 * are exit 2 without a stack trace; anything else is a bug, exit {@link Main#INTERNAL_ERROR} (3),
 * printed with its stack trace only with {@code -x/--debug} (or {@code SIGLOAD_STACKTRACE=1}).
 */
final class ExecutionErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Whether {@code -x/--debug} was given on the command or any parent. */
    static boolean debug(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

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
        if (debug(parseResult) || "1".equals(System.getenv("SIGLOAD_STACKTRACE"))) {
            ex.printStackTrace(err);
        } else {
            err.println("(this is a bug in sigload: run again with --debug to see the stack trace, and please report it)");
        }
        err.flush();
        return Main.INTERNAL_ERROR;
    }
}
