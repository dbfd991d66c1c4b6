package io.sigload.skew;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings for the {@link SkewChecker} that {@link SkewExtension} injects; on the test method or
 * class (the method wins). Absent: {@link SkewSettings#meetingWeb()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SkewConfig {
    /** Validator profile wire name: meeting-web, meeting-native, video, legacy. */
    String profile() default SkewSettings.DEFAULT_PROFILE;

    /** Seconds {@code iat} may be in the future. */
    long iatLeewaySeconds() default SkewSettings.DEFAULT_IAT_LEEWAY_SECONDS;

    /** Token lifetime asked of the signer, seconds. */
    int expirationSeconds() default SkewSettings.DEFAULT_EXPIRATION_SECONDS;

    /** Tokens per skew. */
    int samples() default SkewSettings.DEFAULT_SAMPLES;

    /** Name of an environment variable holding the secret to check the MAC with; empty: no MAC check. */
    String secretEnv() default "";
}
