package io.sigload.bench;

import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.SignException;
import io.sigload.sign.fast.FastSigner;
import io.sigload.validate.Profile;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Question: what does validating a valid token cost, as a ratio to the HMAC floor (a reused
 * {@link Mac} over the same signing input), with both sides measured in the same JVM,
 * alternating in short slices (ABAB), so a busy machine's noise hits both alike? JMH measures
 * each benchmark in its own time window, which on a shared machine can differ by 2-5x.
 *
 * <p>How to run: {@code java -cp target/sigload.jar io.sigload.bench.ValidatorFloorRatio [ROUNDS=21]
 * [OPS=200000]}. Prints min/median/max of the per-round ratio validate/floor and each side's
 * median ns/op. Not a JMH benchmark: warm-up is the first 5 rounds, dropped.
 */
public final class ValidatorFloorRatio {
    private ValidatorFloorRatio() {
    }

    public static void main(String[] args) throws GeneralSecurityException, SignException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        String token = new FastSigner(Fixture.SDK_KEY, Fixture.secret(), ClaimsRecipe.zoomSample())
                .sign(Fixture.request());
        ValidationContext ctx = new ValidationContext(Profile.MEETING_WEB, Fixture.secret(), List.of(),
                Fixture.NOW.plusSeconds(10), 0, Fixture.MEETING_NUMBER, 0, null);
        Validator v = Validator.zoom();
        if (!v.validate(token, ctx).valid()) {
            throw new IllegalStateException("the fixture token is not valid: " + v.validate(token, ctx).errorCodes());
        }
        byte[] input = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Fixture.secret().bytes(), "HmacSHA256"));
        List<Double> ratios = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        List<Double> fs = new ArrayList<>();
        long sink = 0;
        for (int r = 0; r < rounds + 5; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                sink += mac.doFinal(input)[0];
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                sink += v.validate(token, ctx).valid() ? 1 : 0;
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                sink += mac.doFinal(input)[0];
            }
            long t3 = System.nanoTime();
            double floor = ((t1 - t0) + (t3 - t2)) / 2.0 / ops;
            double val = (t2 - t1) / (double) ops;
            if (r >= 5) {
                ratios.add(val / floor);
                vs.add(val);
                fs.add(floor);
            }
        }
        Collections.sort(ratios);
        Collections.sort(vs);
        Collections.sort(fs);
        System.out.printf(Locale.ROOT, "validate(valid)/reused-Mac floor over %d rounds of %d ops (floor, validate,"
                + " floor): min %.2f, median %.2f, max %.2f; median validate %.0f ns, floor %.0f ns (%d)%n", rounds, ops,
                ratios.get(0), ratios.get(ratios.size() / 2), ratios.get(ratios.size() - 1), vs.get(vs.size() / 2),
                fs.get(fs.size() / 2), sink & 1);
    }
}
