package io.sigload.sign.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.sigload.sign.FailureCategories;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every category the http signer counts is one reports and thresholds ({@code count(CATEGORY)}) know. */
class FailureCategoriesTest {
    @Test
    void everyHttpCategory_isListed() throws Exception {
        List<String> categories = new ArrayList<>();
        for (Field f : Failures.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                categories.add((String) f.get(null));
            }
        }
        assertThat(categories).contains(Failures.HTTP2_NOT_SUPPORTED, Failures.TLS_TO_PLAIN_PORT).hasSizeGreaterThan(15);
        assertThat(FailureCategories.ALL).containsAll(categories);
    }
}
