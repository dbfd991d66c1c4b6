package io.sigload.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sigload.sign.Signers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareListTest {
    @Test
    void namesAndMappings_becomeSignerOverrides(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "participants: 3\ncompare:\n  - nimbus\n  - {type: java-jwt, iat: js-round, label: js}\n"
                + "  - {type: fast, iat: floor}\n");
        List<CompareList.Entry> e = CompareList.read(f);
        assertThat(e).containsExactly(CompareList.Entry.named("nimbus"),
                new CompareList.Entry("js", List.of("signer.type=java-jwt", "signer.iat=js-round")),
                new CompareList.Entry("fast/floor", List.of("signer.type=fast", "signer.iat=floor")));
        assertThat(ScenarioLoader.load(f, e.get(1).sets()).signer().recipe().iatFormula().wireName()).isEqualTo("js-round");
    }

    @Test
    void noCompareKey_isAnEmptyList(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "participants: 3\n");
        assertThat(CompareList.read(f)).isEmpty();
    }

    @Test
    void badEntry_isReported_withWhatIsAllowed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "participants: 3\ncompare: [java-jwt, 42]\n");
        assertThatThrownBy(() -> CompareList.read(f)).hasMessageContaining("compare[1]")
                .hasMessageContaining("a signer name (e.g. nimbus)");
    }

    @Test
    void installed_selectsEveryRegisteredSigner(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "participants: 3\ncompare: installed\n");
        CompareList.Selection s = CompareList.select(f);
        assertThat(s.installed()).isTrue();
        assertThat(s.entries()).extracting(CompareList.Entry::label).containsExactlyElementsOf(Signers.names());
    }
}
