package io.sigload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.clock.SkewDistribution;
import io.sigload.sign.IatFormula;
import io.sigload.timing.RateStage;
import io.sigload.validate.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest {
    static Stream<Path> bundledScenarios() throws Exception {
        return Files.list(Path.of("scenarios")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("bundledScenarios")
    void bundledScenario_loadsWithoutProblems(Path file) throws Exception {
        Scenario s = ScenarioLoader.load(file, List.of());
        assertThat(s.participants()).isPositive();
        assertThat(Files.readString(file)).startsWith("#"); // each says what it shows
    }

    @Test
    void thirtyUsers_isBrowserMintedFloorMinus30() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of());
        assertThat(s.participants()).isEqualTo(30);
        assertThat(s.signer().mintedOn()).isEqualTo(Scenario.MintedOn.CLIENT);
        assertThat(s.signer().recipe().iatFormula()).isEqualTo(IatFormula.FLOOR_MINUS_30);
        assertThat(s.validator().profile()).isEqualTo(Profile.MEETING_WEB);
        assertThat(s.clocks().participants()).isInstanceOf(SkewDistribution.Mixture.class);
        assertThat(s.credentials().demoSecret()).isTrue();
        assertThat(s.time().mode()).isEqualTo(TimeMode.SIMULATED);
    }

    @Test
    void unknownField_namesFileLineFieldAndSuggestion() {
        String yaml = """
                participants: 3
                signer:
                  type: java-jwt
                  iatOffset: 30
                """;
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x.yaml", List.of()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("x.yaml:4:3: signer.iatOffset: unknown field")
                .hasMessageContaining("allowed here: type, mintedOn, iat");
    }

    @Test
    void unknownIatFormula_listsAllowedAndDidYouMean() {
        String yaml = "participants: 3\nsigner:\n  iat: flor-minus-30\n";
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x.yaml", List.of()))
                .hasMessageContaining("x.yaml:3:3: signer.iat: found 'flor-minus-30'; allowed: floor, floor-minus-30")
                .hasMessageContaining("Did you mean 'floor-minus-30'?");
    }

    @Test
    void severalProblems_comeInFileOrder() {
        // the loader checks signer after load, so without sorting line 4 came before line 3
        String yaml = "participants: 3\nsignerr: {type: fast}\nload: {model: bust}\nsigner: {iat: flor}\n";
        ScenarioException e = Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "x.yaml", List.of()));

        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
        List<Integer> lines = e.problems().stream().map(p -> Integer.parseInt(p.split(":")[1])).toList();
        assertThat(lines).isSorted();
    }

    @Test
    void signerAsAName_saysHowToWriteIt() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nsigner: fast\n", "x.yaml", List.of()))
                .hasMessageContaining("x.yaml:2:1: signer: expected a section (key: value lines), found 'fast';"
                        + " write signer: {type: fast}");
    }

    @Test
    void mintedOnBrowser_isTheClientAlias() throws Exception {
        Scenario s = ScenarioLoader.parse("participants: 3\nsigner: {mintedOn: browser}\n", "x.yaml", List.of());

        assertThat(s.signer().mintedOn()).isEqualTo(Scenario.MintedOn.CLIENT);
    }

    @Test
    void wrongType_saysWhatWasFound() {
        String yaml = "participants: thirty\n";
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x.yaml", List.of()))
                .hasMessageContaining("x.yaml:1:1: participants: expected a whole number between 1 and 10000000, found 'thirty'");
    }

    @Test
    void brokenYaml_givesLineAndNoStackTrace() {
        // see also yamlSyntaxError_showsTheLinesWithACaret
        String yaml = "participants: 3\nsigner: [unclosed\n";
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x.yaml", List.of()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("x.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = """
                participants: 0
                meeting:
                  number: abc
                clocks:
                  participants: {uniform: [5s, -5s]}
                validator:
                  profile: meeting-webb
                """;
        ScenarioException e = Assertions.assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(yaml, "x.yaml", List.of()));
        assertThat(e.problems()).hasSize(4);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("participants: found 0; allowed: 1 to"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("meeting.number: found 'abc'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("MAX -5.0 s is below MIN +5.0 s"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Did you mean 'meeting-web'?"));
    }

    @Test
    void missingParticipants_isAProblem() {
        assertThatThrownBy(() -> ScenarioLoader.parse("seed: 3\n", "x.yaml", List.of()))
                .hasMessageContaining("participants: missing");
    }

    @Test
    void literalSecret_isRefused() {
        String yaml = "participants: 3\ncredentials:\n  secret: hunter2hunter2\n";
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml, "x.yaml", List.of()))
                .hasMessageContaining("credentials.secret: secrets are never written in a scenario")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unknownSigner_listsInstalled() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nsigner: {type: java-jwtt}\n", "x.yaml", List.of()))
                .hasMessageContaining("unknown signer 'java-jwtt'; installed: ")
                .hasMessageContaining("Did you mean 'java-jwt'?");
    }

    @Test
    void setOverrides_replaceValuesAndCreateSections() throws Exception {
        Scenario s = ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"),
                List.of("participants=500", "signer.iat=floor", "clocks.server=90s", "clocks.participants={uniform: [-1s, 1s]}"));
        assertThat(s.participants()).isEqualTo(500);
        assertThat(s.signer().recipe().iatFormula()).isEqualTo(IatFormula.FLOOR);
        assertThat(s.clocks().server()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.clocks().participants())
                .isEqualTo(new SkewDistribution.Uniform(Duration.ofSeconds(-1), Duration.ofSeconds(1)));
    }

    @Test
    void setOverride_withoutEquals_isAProblem() {
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of("participants")))
                .hasMessageContaining("expected path=value");
    }

    @Test
    void arrivalRate_readsRateAndRampStages() throws Exception {
        String yaml = """
                participants: 100000
                load:
                  model: arrival-rate
                  maxInFlight: 64
                  stages:
                    - {rate: 500/s, for: 30s}
                    - {ramp: 0/s -> 2000/s, over: 60s}
                """;
        Scenario s = ScenarioLoader.parse(yaml, "x.yaml", List.of());
        assertThat(s.load()).isEqualTo(new Scenario.ArrivalRate(List.of(
                new RateStage(500, 500, Duration.ofSeconds(30)),
                new RateStage(0, 2000, Duration.ofSeconds(60))), 64, Scenario.WhenFull.DROP));
    }

    @Test
    void duplicateKeys_areAnError_notLastOneWins_namingBothLines_withoutAnIndentationHint() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 5\nparticipants: 7\n", "x.yaml", List.of()))
                .hasMessageStartingWith("x.yaml:2:1: participants: given twice (lines 1 and 2)");
        // the trial: "Duplicate field 'seed'" and a hint about indentation that did not apply
        assertThatThrownBy(() -> ScenarioLoader.parse("name: t\nparticipants: 30\nseed: 1\nmeeting:\n  hosts: 1\nseed: 2\n",
                "x.yaml", List.of()))
                .hasMessageStartingWith("x.yaml:6:1: seed: given twice (lines 3 and 6)")
                .hasMessageContaining("    3 | seed: 1").hasMessageContaining("    6 | seed: 2")
                .hasMessageNotContaining("indent").hasMessageNotContaining("Duplicate field");
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nmeeting:\n  hosts: 1\n  hosts: 2\n", "x.yaml",
                List.of())).hasMessageStartingWith("x.yaml:4:3: meeting.hosts: given twice (lines 3 and 4)");
    }

    @Test
    void aTab_isReportedWhereItIs_notWhereTheParserWas() {
        // the trial: a tab on line 2 was reported at 1:17 (the end of line 1)
        assertThatThrownBy(() -> ScenarioLoader.parse("name: tab-on-line-2\n\tparticipants: 30\n", "x.yaml", List.of()))
                .hasMessageStartingWith("x.yaml:2:1: not valid YAML: a tab character; YAML indents with spaces, never tabs")
                .hasMessageContaining("    2 | \tparticipants: 30").hasMessageNotContaining("check the indentation");
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nmeeting:\n  number: \"123456789\"\n\thosts: 1\n",
                "x.yaml", List.of())).hasMessageStartingWith("x.yaml:4:1: not valid YAML: a tab character");
    }

    @Test
    void emptyParticipants_isAProblem() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: ~\n", "x.yaml", List.of()))
                .hasMessageContaining("participants: missing");
    }

    @Test
    void timeStart_outsideTheCenturies_isAProblem() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\ntime: {start: 9999-12-31T23:59:59Z}\n", "x.yaml",
                List.of())).hasMessageContaining("time.start: found 9999-12-31T23:59:59Z; allowed: from 2000-01-01");
    }

    @Test
    void wallTimeWindowOfDecades_isAProblem() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\njoin: {window: 36500d}\n", "x.yaml", List.of()))
                .hasMessageContaining("join.window: found 36500d; allowed: 0s to 7d");
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\njoin: {window: 2h}\ntime: {mode: wall}\n",
                "x.yaml", List.of())).hasMessageContaining("in wall time, where participants really wait");
    }

    @Test
    void zeroRateStages_areAProblem() {
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "participants: 3\nload: {model: arrival-rate, stages: [{rate: 0/s, for: 10s}]}\n", "x.yaml", List.of()))
                .hasMessageContaining("the stages schedule no arrival at all");
    }

    @Test
    void setMistakes_areBlamedOnTheOption() {
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"), List.of("participants=thirty")))
                .hasMessageStartingWith("--set participants=thirty: participants: expected a whole number");
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("scenarios/thirty-users.yaml"),
                List.of("clocks.participants={fixed: 1h} plus junk"))).hasMessageContaining("--set clocks.participants=");
    }

    @Test
    void yamlSyntaxError_showsTheLinesWithACaret() {
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nsigner:\n  type: java-jwt\n   iat: floor\n",
                "x.yaml", List.of()))
                .hasMessageStartingWith("x.yaml:4:7: not valid YAML: mapping values are not allowed here")
                .hasMessageContaining("    3 |   type: java-jwt").hasMessageContaining("^")
                .hasMessageNotContaining("in 'reader'");
    }

    @Test
    void binaryFile_isNotUtf8Text(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("b.yaml");
        Files.write(f, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> ScenarioLoader.load(f, List.of())).hasMessageEndingWith("not UTF-8 text; a scenario is a YAML file");
    }

    @Test
    void missingFile_isAClearProblem() {
        assertThatThrownBy(() -> ScenarioLoader.load(Path.of("scenarios/nope.yaml"), List.of()))
                .hasMessage("scenarios/nope.yaml: no such file");
    }

    @Test
    void timezones_wrongZonesAndShapes_areNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                participants: 3
                clocks:
                  timezones: {list: [Europe/Berln, +05:30]}
                """, "x.yaml", List.of()))
                .hasMessageContaining("x.yaml:3:")
                .hasMessageContaining("clocks.timezones.list[0]: found 'Europe/Berln'")
                .hasMessageContaining("Did you mean 'Europe/Berlin'?")
                .hasMessageContaining("clocks.timezones.list[1]: found '+05:30', a fixed offset");
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nclocks: {timezones: {mixture: [{weight: 1}]}}\n",
                "x.yaml", List.of()))
                .hasMessageContaining("clocks.timezones.mixture[0].zone: missing");
        assertThatThrownBy(() -> ScenarioLoader.parse("participants: 3\nclocks: {timezones: 5}\n", "x.yaml", List.of()))
                .hasMessageContaining("clocks.timezones: expected a zone");
    }

    @Test
    void browserSigner_mintsOnTheParticipantsClock_unlessTheScenarioSaysOtherwise() throws Exception {
        String page = "participants: 3\nsigner: {type: browser, page: p.html, function: f%s}\n";
        assertThat(ScenarioLoader.parse(page.formatted(""), "x.yaml", List.of()).signer().mintedOn())
                .isEqualTo(Scenario.MintedOn.CLIENT);
        assertThat(ScenarioLoader.parse(page.formatted(", mintedOn: server"), "x.yaml", List.of()).signer().mintedOn())
                .isEqualTo(Scenario.MintedOn.SERVER);
    }
}
