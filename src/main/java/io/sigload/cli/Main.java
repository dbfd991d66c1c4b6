package io.sigload.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sigload} command line. {@link #main} only calls {@code System.exit(run(...))};
 * commands print through the writers they are given, so tests call {@link #run} directly.
 *
 * <p>Exit codes: 0 done (a run with failing participants is done: failures are findings),
 * 1 the checked thing failed (invalid token, broken threshold, failed case, regression),
 * 2 bad usage or input.
 */
@Command(name = "sigload",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Load-test and concurrency harness for Zoom Meeting SDK signatures (HS256 JWTs).",
        subcommands = {
            RunCommand.class,
            InspectCommand.class,
            ServeCommand.class,
            SkewCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            GateCommand.class,
            MergeCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (failing participants are findings, not errors)",
            "1:the checked thing failed (invalid token, threshold, case, regression)",
            "2:bad usage or input (scenario, flags, files)"
        })
public final class Main {
    /** Exit code: the command completed. */
    public static final int OK = 0;
    /** Exit code: what was checked failed (invalid token, broken threshold...). */
    public static final int CHECK_FAILED = 1;
    /** Exit code: bad usage or bad input. */
    public static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs one command line.
     *
     * @param out data for people or machines (stdout)
     * @param err progress, warnings and errors (stderr)
     * @param args the arguments, without the program name
     * @return the exit code (0, 1 or 2)
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(out, err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured picocli command line, with our error handlers and writers. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(new ShortErrorHandler());
        cl.setExecutionExceptionHandler(new ExecutionErrorHandler());
        return cl;
    }
}
