package io.sigload.cli;

import io.sigload.scenario.DidYouMean;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Usage errors in one line, "Did you mean" only for a close match ({@link DidYouMean}: a typo,
 * not any command at all), the synopsis, and "Try 'sigload run --help'"; exit code 2 (picocli
 * docs, "Handling Invalid User Input").
 */
final class ShortErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("sigload: " + ex.getMessage());
        String close = suggestion(ex);
        if (close != null) {
            err.println("Did you mean: " + close + "?");
        }
        err.print(cmd.getHelp().fullSynopsis());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return Main.USAGE;
    }

    /**
     * The command or option closest to the first unmatched argument, when it is close enough to be
     * a typo ({@code sigload rn} → {@code sigload run}; {@code --sed} → {@code --set or --seed}, as
     * close); else {@code null}.
     */
    static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        String arg = u.getUnmatched().getFirst();
        int eq = arg.indexOf('=');
        String word = arg.startsWith("-") && eq > 0 ? arg.substring(0, eq) : arg;
        CommandLine cmd = ex.getCommandLine();
        List<String> candidates = new ArrayList<>();
        if (word.startsWith("-")) {
            cmd.getCommandSpec().options().stream().filter(o -> !o.hidden()).forEach(o -> candidates.addAll(List.of(o.names())));
            candidates.removeIf(n -> !n.startsWith("--") && word.startsWith("--"));
        } else {
            candidates.addAll(cmd.getSubcommands().keySet());
        }
        List<String> close = DidYouMean.closestAll(word, candidates).stream()
                .map(c -> c.startsWith("-") ? c : cmd.getCommandSpec().qualifiedName() + " " + c).toList();
        return close.isEmpty() ? null : String.join(" or ", close);
    }
}
