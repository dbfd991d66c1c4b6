package io.sigload.skew;

import io.sigload.token.Secret;
import io.sigload.token.SecretException;
import io.sigload.validate.Profile;
import java.lang.reflect.AnnotatedElement;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a {@link SkewChecker} configured by {@link SkewConfig}:
 *
 * <pre>{@code
 * @ExtendWith(SkewExtension.class)
 * class MySignerTest {
 *     @Test
 *     @SkewConfig(iatLeewaySeconds = 0)
 *     void tokensSurviveTwoMinutesOfSkew(SkewChecker skew) {
 *         skew.assertValidUnderSkew(mySigner, Duration.ofSeconds(-120), Duration.ofSeconds(120));
 *     }
 * }
 * }</pre>
 *
 * Needs {@code junit-jupiter-api} on the test class path (sigload declares it optional).
 */
public final class SkewExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == SkewChecker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        SkewConfig c = e.getTestMethod().map(m -> m.getAnnotation(SkewConfig.class))
                .or(() -> e.getTestClass().map(k -> ((AnnotatedElement) k).getAnnotation(SkewConfig.class)))
                .orElse(null);
        if (c == null) {
            return new SkewChecker(SkewSettings.meetingWeb());
        }
        Profile profile = Profile.fromWireName(c.profile()).orElseThrow(() -> new ExtensionConfigurationException(
                "@SkewConfig(profile = \"" + c.profile() + "\"): allowed meeting-web, meeting-native, video, legacy"));
        Secret secret = null;
        if (!c.secretEnv().isEmpty()) {
            try {
                secret = Secret.fromEnv(c.secretEnv(), System.getenv());
            } catch (SecretException ex) {
                throw new ExtensionConfigurationException("@SkewConfig(secretEnv): " + ex.getMessage());
            }
        }
        return new SkewChecker(SkewSettings.meetingWeb().withProfile(profile).withSecret(secret)
                .withIatLeeway(c.iatLeewaySeconds()).withExpirationSeconds(c.expirationSeconds())
                .withSamples(c.samples(), SkewSettings.FLOAT_PERIODS_SPAN));
    }
}
