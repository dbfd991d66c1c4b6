package io.sigload.skew;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.ExpUnit;
import io.sigload.sign.IatFormula;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.Signers;
import io.sigload.token.Secret;
import java.time.Clock;

/** The project's own signers, built from recipes, for the skew tests. */
final class TestSigners {
    private TestSigners() {
    }

    static Signer javaJwt(ClaimsRecipe recipe) {
        try {
            return Signers.create("java-jwt", new SignerConfig("SKEW_TEST_KEY", Secret.demo(), recipe, null, null, 1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Signer javaJwt(IatFormula iat) {
        return javaJwt(ClaimsRecipe.zoomSample().withIat(iat));
    }

    /** Zoom's recipe with exp written in milliseconds (a known mistake). */
    static Signer millisecondExp() {
        return javaJwt(ClaimsRecipe.zoomSample().withExp(ExpUnit.MILLISECONDS));
    }

    /** A signer that ignores the request's clock and mints on the real one, like a remote endpoint. */
    static Signer ownClock(IatFormula iat) {
        Signer inner = javaJwt(iat);
        return new Signer() {
            @Override
            public String sign(SignRequest r) throws SignException {
                return inner.sign(new SignRequest(r.participant(), r.meetingNumber(), r.role(), r.expirationSeconds(),
                        r.videoWebRtcMode(), Clock.systemUTC()));
            }

            @Override
            public String describe() {
                return "own-clock " + inner.describe();
            }
        };
    }
}
