package io.sigload.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/validator.md documents every reason code with its current fix. */
class ValidatorDocsTest {
    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void everyCodeIsDocumentedWithItsFix(ReasonCode code) throws IOException {
        String doc = Files.readString(Path.of("docs/validator.md"));
        assertThat(doc).contains("| `" + code.name() + "` |").contains(Fixes.of(code));
    }
}
