package io.sigload.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Usage errors in one line, the synopsis, and "Try 'sigload run --help'"; exit code 2
 * (picocli docs, "Handling Invalid User Input").
 */
final class ShortErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("sigload: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.print(cmd.getHelp().fullSynopsis());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return Main.USAGE;
    }
}
