package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Help that holds (issue #15): one header line per command and no second description of it,
 * nothing wrapped in the middle of a token (examples stay whole), choices in lower case, the
 * documented exit codes including 3, and {@code -V} from the pom.
 */
class HelpTextTest {
    static final List<String> COMMANDS = List.of("run", "inspect", "serve", "skew", "compare", "bench", "gate", "merge");

    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "serve", "skew", "compare", "bench", "gate", "merge"})
    void everyCommandsHelp_hasOneHeader_wholeExamples_lowerCaseChoices_andExitCode3(String command) {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        CliRun r;
        try {
            System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
            r = CliRun.of(command, "--help");
        } finally {
            System.setErr(systemErr);
        }
        assertThat(r.exitCode()).isEqualTo(Main.OK);
        assertThat(tracer.toString(StandardCharsets.UTF_8)).as("picocli could not format a text (a lone %%?)")
                .doesNotContain("picocli WARN");
        CommandLine sub = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getSubcommands().get(command);
        String[] header = sub.getCommandSpec().usageMessage().header();
        assertThat(header).as("a one-line header").hasSize(1);
        assertThat(r.out()).startsWith(header[0] + System.lineSeparator());
        assertThat(count(r.out(), header[0])).as("the header once").isEqualTo(1);
        for (String d : sub.getCommandSpec().usageMessage().description()) {
            assertThat(d).as("the description adds to the header, not repeats it").isNotEqualToIgnoringCase(header[0]);
        }
        for (String line : r.out().lines().toList()) {
            assertThat(line.length()).as("wider than 100: %s", line).isLessThanOrEqualTo(100);
        }
        for (String f : sub.getCommandSpec().usageMessage().footer()) {
            assertThat(r.out()).as("footer line printed whole (no wrap inside it)").contains(f);
        }
        assertThat(r.out()).as("exit code 3 documented").containsPattern("(?m)^  3 +internal error");
        Matcher choices = Pattern.compile("Choices: ([^.]*)").matcher(r.out());
        while (choices.find()) {
            assertThat(choices.group(1)).isEqualTo(choices.group(1).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Picocli prints each element of a description array on a line of its own, so an element that
     * stops mid-phrase breaks the sentence ({@code --replay-failures} read "...(and as many" /
     * "passing ones)..."): every element but the last of an option's or a command's description
     * must end a sentence or clause. And picocli may wrap a line inside a word at a hyphen, colon
     * or parenthesis ({@code 2026-03-02T09:} / {@code 00:00Z}): every word of every option's
     * description must appear whole in the printed help.
     */
    @ParameterizedTest
    @ValueSource(strings = {"run", "inspect", "serve", "skew", "compare", "bench", "gate", "merge"})
    void everyDescriptionLine_endsItsSentence_andNoWordIsWrappedInside(String command) {
        CommandLine sub = Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getSubcommands().get(command);
        String help = CliRun.of(command, "--help").out();
        String flat = help.replaceAll("\\s+", " ");
        List<String> texts = new ArrayList<>(List.of(sub.getCommandSpec().usageMessage().description()));
        assertEndsSentences("the description of " + command, texts);
        List<CommandLine.Model.ArgSpec> args = new ArrayList<>(sub.getCommandSpec().options());
        args.addAll(sub.getCommandSpec().positionalParameters());
        for (var a : args) {
            if (a.hidden()) {
                continue;
            }
            String name = a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel();
            assertEndsSentences(command + " " + name, List.of(a.description()));
            for (String line : a.renderedDescription()) {
                for (String word : line.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        assertThat(flat).as("%s %s: '%s' wrapped inside the word", command, name, word)
                                .containsPattern("(^| )" + Pattern.quote(word) + "( |$)");
                    }
                }
            }
        }
    }

    private static void assertEndsSentences(String what, List<String> lines) {
        for (int i = 0; i < lines.size() - 1; i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty()) {
                assertThat(l).as("%s, line %d stops mid-phrase", what, i + 1).matches("(?s).*[.:;!?)]");
            }
        }
    }

    @Test
    void topLevelHelpListsEveryCommandOnce_withItsHeader() {
        CliRun r = CliRun.of("--help");
        for (String c : COMMANDS) {
            String header = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).getSubcommands().get(c).getCommandSpec().usageMessage().header()[0];
            assertThat(r.out()).contains(header.substring(0, Math.min(40, header.length())));
        }
        assertThat(r.out()).contains("-x, --debug").contains("3   internal error");
    }

    @Test
    void versionComesFromThePom() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>sigload</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        CliRun r = CliRun.of("-V");
        assertThat(r.out()).startsWith("sigload " + m.group(1) + System.lineSeparator());
    }

    @Test
    void benchAndGateListTheirChoicesInLowerCase() {
        assertThat(CliRun.of("bench", "--help").out()).contains("Choices: smoke, ci, full").doesNotContain("SMOKE");
        assertThat(CliRun.of("gate", "--help").out()).contains("smoke, ci, full").doesNotContain("MEDIAN");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
