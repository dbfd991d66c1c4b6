package io.sigload.cli;

import io.sigload.guard.GuardedPrintWriter;
import io.sigload.guard.Redactor;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code sigload} command line. {@link #main} only calls {@code System.exit(run(...))};
 * commands print through the writers they are given, so tests call {@link #run} directly.
 *
 * <p>Exit codes: {@link #OK} 0 done (a run with failing participants is done: failures are
 * findings), {@link #CHECK_FAILED} 1 the checked thing failed (invalid token, broken threshold,
 * failed case, regression), {@link #USAGE} 2 bad usage or input, {@link #INTERNAL_ERROR} 3 a bug
 * (the message says so; {@code --debug} or {@code -x} prints the stack trace); a run stopped by
 * SIGINT or SIGTERM exits 130 or 143 after writing its reports, marked interrupted.
 *
 * <p>Everything printed goes through one {@link Redactor} per command line (stdout and stderr are
 * {@link GuardedPrintWriter}s; report files are written with {@link io.sigload.guard.ReportFiles}):
 * a command registers every secret it loads ({@link #redactor(CommandSpec)}), and from then on no
 * piece of it, in any usual encoding, reaches the console or a file, and no control character
 * from outside reaches the terminal.
 */
@Command(name = "sigload",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "Load-test and concurrency harness for Zoom Meeting SDK signatures (HS256 JWTs).",
        usageHelpWidth = 100,
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
            "2:bad usage or input (scenario, flags, files)",
            "3:internal error: a bug in sigload (--debug prints the stack trace; please report it)"
        })
public final class Main {
    /** Exit code: the command completed. */
    public static final int OK = 0;
    /** Exit code: what was checked failed (invalid token, broken threshold...). */
    public static final int CHECK_FAILED = 1;
    /** Exit code: bad usage or bad input. */
    public static final int USAGE = 2;
    /** Exit code: an internal error, a bug in sigload (the stack trace with {@code --debug}). */
    public static final int INTERNAL_ERROR = 3;

    /** {@code -x/--debug}: inherited by every command; read by the error handler. */
    @Option(names = {"-x", "--debug"}, scope = ScopeType.INHERIT,
            description = "On an internal error (exit 3), print the stack trace.")
    boolean debug;

    private final Redactor redactor;

    private Main(Redactor redactor) {
        this.redactor = redactor;
    }

    /** The redactor of this command line: commands add the secrets they load and write files through it. */
    static Redactor redactor(CommandSpec spec) {
        return spec.root().userObject() instanceof Main m ? m.redactor : Redactor.create();
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
     * @return the exit code ({@link #OK}, {@link #CHECK_FAILED}, {@link #USAGE} or {@link #INTERNAL_ERROR})
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Redactor redactor = Redactor.create();
        PrintWriter gout = new GuardedPrintWriter(out, redactor);
        PrintWriter gerr = new GuardedPrintWriter(err, redactor);
        CommandLine cl = commandLine(gout, gerr, redactor);
        int code = cl.execute(args);
        gout.flush();
        gerr.flush();
        return code;
    }

    /** The configured picocli command line, with our error handlers and writers. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, Redactor.create());
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, Redactor redactor) {
        CommandLine cl = new CommandLine(new Main(redactor));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true); // the last of a repeated single-value option wins (README examples scale down so)
        cl.setParameterExceptionHandler(new ShortErrorHandler());
        cl.setExecutionExceptionHandler(new ExecutionErrorHandler());
        return cl;
    }
}
