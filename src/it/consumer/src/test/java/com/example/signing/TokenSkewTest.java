package com.example.signing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigload.sign.Signer;
import io.sigload.skew.SkewAssertions;
import io.sigload.skew.SkewChecker;
import io.sigload.skew.SkewConfig;
import io.sigload.skew.SkewExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SkewExtension.class)
class TokenSkewTest {
    TokenService tokens = new TokenService("KeyAbc01", "a-test-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8));

    // the team's code as a sigload Signer: a lambda, minting on the clock sigload hands it
    Signer signer = request -> tokens.mint(request.meetingNumber(), request.role(), request.clock().instant());

    @Test
    void tokensValidateFromTwoMinutesSlowToThirtySecondsFast() {
        SkewAssertions.assertValidUnderSkew(signer, Duration.ofSeconds(-120), Duration.ofSeconds(30));
    }

    @Test
    void aClockMoreThanThirtySecondsFastIsRefused() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> SkewAssertions.assertValidUnderSkew(signer, Duration.ofSeconds(-120), Duration.ofSeconds(120)));
        assertTrue(e.getMessage().contains("first failing skew +31 s (minting clock 31 s fast): IAT_IN_FUTURE"),
                e.getMessage());
    }

    @Test
    @SkewConfig(iatLeewaySeconds = 60)
    void aMinuteOfLeewayAcceptsNinetySecondsFast(SkewChecker skew) {
        skew.assertValidUnderSkew(signer, Duration.ofSeconds(-120), Duration.ofSeconds(90));
    }
}
