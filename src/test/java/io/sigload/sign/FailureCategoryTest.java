package io.sigload.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FailureCategory}: the built-in categories are all listed, named as their constants; the set stays open. */
class FailureCategoryTest {
    @Test
    void everyConstant_isInBuiltIn_underItsOwnName() throws Exception {
        List<FailureCategory> constants = new ArrayList<>();
        for (Field f : FailureCategory.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == FailureCategory.class) {
                FailureCategory c = (FailureCategory) f.get(null);
                assertThat(c.name()).isEqualTo(f.getName());
                constants.add(c);
            }
        }
        assertThat(FailureCategory.BUILT_IN).containsExactlyInAnyOrderElementsOf(constants)
                .contains(FailureCategory.HTTP2_NOT_SUPPORTED, FailureCategory.TLS_TO_PLAIN_PORT,
                        FailureCategory.BROWSER_THREW, FailureCategory.INTERRUPTED)
                .doesNotHaveDuplicates();
        assertThat(FailureCategory.builtInNames()).hasSize(constants.size()).contains("MINT_ERROR", "HTTP_5XX");
    }

    @Test
    void of_givesTheConstant_orANewValueForAChildsOwnCategory() {
        assertThat(FailureCategory.of("HTTP_5XX")).isSameAs(FailureCategory.HTTP_5XX);
        FailureCategory own = FailureCategory.of("RATE_LIMITED");
        assertThat(own.name()).isEqualTo("RATE_LIMITED");
        assertThat(own).isEqualTo(new FailureCategory("RATE_LIMITED")).hasToString("RATE_LIMITED");
        assertThat(FailureCategory.BUILT_IN).doesNotContain(own);
    }

    @Test
    void aNameThatIsNotUpperCaseWords_isRefused() {
        for (String bad : new String[] {"", "mint_error", "9LIVES", "HTTP 5XX", "_X"}) {
            assertThatThrownBy(() -> new FailureCategory(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("upper-case letters, digits and _");
        }
        assertThatThrownBy(() -> new FailureCategory(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
