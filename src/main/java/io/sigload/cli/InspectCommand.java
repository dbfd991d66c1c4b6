package io.sigload.cli;

import io.sigload.token.Secret;
import io.sigload.validate.Profile;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import io.sigload.validate.cases.CaseResult;
import io.sigload.validate.cases.CaseRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sigload inspect [TOKEN | -]}: explains one signature the way Zoom would judge it, or
 * runs a directory of case files ({@code --cases DIR}). Parses options, calls the validator,
 * prints ({@link InspectReport}, {@link InspectJson}) and maps the verdict to an exit code.
 *
 * <p>The secret is read from an environment variable or a file, never from the command line, and
 * never printed.
 */
@Command(name = "inspect",
        header = "Explain one signature the way Zoom would judge it: every rule, the likely cause, the fix.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        description = {"Reads the token from the argument, or from standard input when it is '-' or absent."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the token is valid (all cases passed)", "1:the token is invalid (a case failed)",
            "2:bad usage or input", "3:internal error (a bug: --debug prints the stack trace)"})
final class InspectCommand implements Callable<Integer> {
    /** Standard input; tests replace it. */
    static Supplier<InputStream> stdin = () -> System.in;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN | -",
            description = "The token exactly as the client sent it; '-' or absent: read standard input.")
    String token;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "meeting-web",
            description = "Which rules apply: meeting-web, meeting-native, video, legacy (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "Read the SDK secret from this environment variable.")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "Read the SDK secret from this file (one trailing newline removed).")
    Path secretFile;

    @Option(names = "--demo-secret", description = "Check the MAC with the built-in fake secret of the bundled scenarios"
            + " (their credentials.demoSecret: true).")
    boolean demoSecret;

    @Option(names = "--alternative-secret-env", paramLabel = "VAR",
            description = "Another secret you own (e.g. an OAuth app's), tried only to explain a bad signature. Repeatable.")
    List<String> alternativeSecretEnvs = new ArrayList<>();

    @Option(names = "--at", paramLabel = "EPOCH_SECONDS", converter = SecondsConverter.class,
            description = "The validator's clock, seconds since the epoch, e.g. 1700000000 (default: now).")
    BigDecimal at;

    @Option(names = "--iat-leeway", paramLabel = "SECONDS", defaultValue = "0", converter = SecondsConverter.class,
            description = "How far iat may be in the future, e.g. 30 (default: ${DEFAULT-VALUE}; Zoom documents none).")
    BigDecimal iatLeeway;

    @Option(names = "--meeting-number", paramLabel = "DIGITS", description = "The meeting number the client joins, digits only.")
    String meetingNumber;

    @Option(names = "--session-name", paramLabel = "NAME", description = "The Video SDK session name the client joins.")
    String sessionName;

    @Option(names = "--json", description = "Print the verdict as JSON on stdout: valid, errors, warnings, hints, details.")
    boolean json;

    @Option(names = "--cases", paramLabel = "DIR",
            description = "Run every case file (*.json) in DIR; one line per mismatch, then 'N passed, M failed'.")
    Path cases;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (cases != null) {
            if (token != null) {
                throw new UsageException("give either a TOKEN or --cases DIR, not both");
            }
            return runCases(out);
        }
        Profile p = Profile.fromWireName(profile).orElseThrow(() -> new UsageException("unknown --profile '"
                + profile + "'; allowed: meeting-web, meeting-native, video, legacy"));
        if (iatLeeway.signum() < 0 || iatLeeway.scale() > 0 || iatLeeway.compareTo(BigDecimal.valueOf(172_800)) > 0) {
            throw new UsageException("--iat-leeway is whole seconds from 0 to 172800, e.g. 30; was " + iatLeeway);
        }
        if (meetingNumber != null && !isDigits(meetingNumber)) {
            throw new UsageException("--meeting-number: digits only, e.g. 98765432101; was '" + shorten(meetingNumber)
                    + "'");
        }
        String t = readToken();
        if (demoSecret && (secretEnv != null || secretFile != null)) {
            throw new UsageException("give the secret once: --demo-secret, --secret-env VAR or --secret-file FILE");
        }
        Secret secret = demoSecret ? Secret.demo() : SecretOptions.read(secretEnv, secretFile);
        List<Secret> alternatives = new ArrayList<>();
        for (String var : alternativeSecretEnvs) {
            alternatives.add(SecretOptions.fromEnv("--alternative-secret-env", var));
        }
        for (Secret s : alternatives) {
            SecretOptions.protect(spec, s);
        }
        SecretOptions.protect(spec, secret);
        ValidationContext ctx = new ValidationContext(p, secret, alternatives, clock(), iatLeeway.longValueExact(), meetingNumber, null,
                sessionName);
        Verdict v = Validator.zoom().validate(t, ctx);
        if (json) {
            InspectJson.print(t, ctx, v, out);
        } else {
            InspectReport.print(t, ctx, v, out);
        }
        out.flush();
        return v.valid() ? Main.OK : Main.CHECK_FAILED;
    }

    private int runCases(PrintWriter out) throws IOException {
        if (!Files.isDirectory(cases)) {
            throw new UsageException("--cases " + cases + ": not a directory");
        }
        List<CaseResult> results = new CaseRunner(Validator.zoom()).runDirectory(cases);
        if (results.isEmpty()) {
            throw new UsageException("no case files (*.json) in " + cases);
        }
        int failed = 0;
        for (CaseResult r : results) {
            if (!r.passed()) {
                failed++;
                for (String m : r.mismatches()) {
                    out.println(r.id() + ": " + m);
                }
            }
        }
        out.println((results.size() - failed) + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? Main.OK : Main.CHECK_FAILED;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private String readToken() throws IOException {
        if (token != null && !token.equals("-")) {
            return token;
        }
        String s = new String(stdin.get().readNBytes(1 << 20), StandardCharsets.UTF_8);
        if (s.endsWith("\r\n")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new UsageException("no token: give it as an argument, or pipe it in ('-' or no argument)");
        }
        return s;
    }

    private Instant clock() {
        if (at == null) {
            return Instant.now();
        }
        if (at.scale() > 9) {
            throw new UsageException("--at takes at most 9 decimals (nanoseconds), e.g. 1700000000.25; was " + at);
        }
        if (at.signum() < 0 || at.compareTo(BigDecimal.TEN.pow(11)) >= 0) {
            throw new UsageException("--at is seconds since the epoch between 0 and 10^11, e.g. 1700000000; was " + at);
        }
        long seconds = at.longValue();
        long nanos = at.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }
}
