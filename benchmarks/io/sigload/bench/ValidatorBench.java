package io.sigload.bench;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.jwtlib.JavaJwtSigner;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.validate.Profile;
import io.sigload.validate.ReasonCode;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does judging one token cost, for a valid token and for one broken token per
 * main error family?
 *
 * <p>What you should see: {@code valid} around one HMAC plus two small JSON parses (a few
 * microseconds); {@code bad-signature} about the same (the MAC is computed either way, plus the
 * hint search for other secrets); {@code iat-in-future} the same as valid (one more comparison);
 * {@code malformed} far cheaper (refused before any JSON or MAC work). The setup checks each
 * case really gets its reason code, so a benchmark cannot silently measure the wrong path.
 *
 * <p>How to run: {@code java -jar target/sigload.jar bench --profile ci --include ValidatorBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class ValidatorBench {
    @Param({"valid", "bad-signature", "iat-in-future", "malformed"})
    public String token;

    private Validator validator;
    private ValidationContext context;
    private String input;

    @Setup(Level.Trial)
    public void setUp() throws SignException {
        validator = Validator.zoom();
        // The validator's clock is 10 s after minting: a good token is accepted.
        context = new ValidationContext(Profile.MEETING_WEB, Fixture.secret(), List.of(),
                Fixture.NOW.plusSeconds(10), 0, Fixture.MEETING_NUMBER, 0, null);
        String good = Fixture.token();
        ReasonCode expected;
        switch (token) {
            case "valid" -> {
                input = good;
                expected = null;
            }
            case "bad-signature" -> {
                char last = good.charAt(good.length() - 2);
                input = good.substring(0, good.length() - 2) + (last == 'A' ? 'B' : 'A') + good.charAt(good.length() - 1);
                expected = ReasonCode.BAD_SIGNATURE;
            }
            case "iat-in-future" -> {
                // Minted on a participant clock 5 minutes fast.
                Clock fast = Clock.fixed(Fixture.NOW.plusSeconds(300), ZoneOffset.UTC);
                SignRequest r = new SignRequest(0, Fixture.MEETING_NUMBER, 0, 7200, null, fast);
                input = new JavaJwtSigner(Fixture.SDK_KEY, Fixture.secret(), ClaimsRecipe.zoomSample()).sign(r);
                expected = ReasonCode.IAT_IN_FUTURE;
            }
            case "malformed" -> {
                input = good.substring(0, good.lastIndexOf('.'));
                expected = ReasonCode.MALFORMED_TOKEN;
            }
            default -> throw new IllegalArgumentException("unknown token case " + token);
        }
        Verdict v = validator.validate(input, context);
        if (expected == null ? !v.valid() : !v.hasError(expected)) {
            throw new IllegalStateException("case " + token + " expected " + (expected == null ? "valid" : expected)
                    + " but the validator said " + v.errorCodes());
        }
    }

    @Benchmark
    public Verdict validate() {
        return validator.validate(input, context);
    }
}
