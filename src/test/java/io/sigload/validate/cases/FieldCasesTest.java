package io.sigload.validate.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import io.sigload.validate.Violation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every field case of {@code src/test/resources/cases} (copied from {@code shared/cases}) gives its verdict. */
class FieldCasesTest {

    static Path casesDir() throws URISyntaxException {
        return Path.of(FieldCasesTest.class.getResource("/cases").toURI());
    }

    static Stream<Path> caseFiles() throws IOException, URISyntaxException {
        List<Path> files;
        try (Stream<Path> s = Files.list(casesDir())) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseFiles")
    void caseGivesExpectedVerdict(Path file) throws IOException {
        CaseFile c = CaseFile.read(file);
        Verdict v = Validator.zoom().validate(c.token(), c.context());
        CaseFile.Expect e = c.expect();

        assertThat(v.valid()).as("%s valid; verdict %s", c.id(), v).isEqualTo(e.valid());
        List<String> errors = names(v.errors());
        if (e.errors() != null) {
            assertThat(errors).as("%s errors; verdict %s", c.id(), v).containsExactlyInAnyOrderElementsOf(e.errors());
        }
        if (e.errorsInclude() != null) {
            assertThat(errors).as("%s errors", c.id()).containsAll(e.errorsInclude());
        }
        if (e.warnings() != null) {
            assertThat(names(v.warnings())).as("%s warnings", c.id()).containsAll(e.warnings());
        }
        if (e.hints() != null) {
            assertThat(names(v.hints())).as("%s hints", c.id()).containsAll(e.hints());
        }
        assertThat(new CaseRunner(Validator.zoom()).run(c).mismatches()).isEmpty();
    }

    private static List<String> names(List<Violation> vs) {
        return vs.stream().map(x -> x.code().name()).toList();
    }
}
