package io.sigload.serve;

import static io.sigload.serve.ServeFixture.KEY;
import static io.sigload.serve.ServeFixture.SECRET;
import static io.sigload.serve.ServeFixture.payload;
import static io.sigload.serve.ServeFixture.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sigload.sign.IatFormula;
import io.sigload.timing.Latency;
import io.sigload.timing.Stall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fast clock, a buggy iat formula, injected errors, stalls and latency, each reproducible. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultInjectionTest {
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00.700Z");

    private static SignatureServer start(Minting minting, Faults faults) throws Exception {
        return SignatureServer.start(ServeConfig.loopback(KEY, SECRET).withMinting(minting).withFaults(faults));
    }

    @Test
    void clockOffset90s_putsIat90sAhead() throws Exception {
        Clock fast = Clock.offset(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofSeconds(90));
        try (SignatureServer s = start(new Minting(fast, IatFormula.FLOOR), Faults.none())) {
            String token = post(s.uri(), "{\"meetingNumber\":\"1\",\"role\":0}").body().path("signature").asText();
            assertThat(payload(token).path("iat").asLong()).isEqualTo(T0.getEpochSecond() + 90);
        }
    }

    @Test
    void iatFormula_isTheServers() throws Exception {
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        try (SignatureServer s = start(new Minting(fixed, IatFormula.FRACTIONAL_MINUS_30), Faults.none())) {
            String token = post(s.uri(), "{}").body().path("signature").asText();
            assertThat(payload(token).path("iat").asDouble()).isEqualTo((T0.toEpochMilli() - 30000) / 1000.0);
            assertThat(payload(token).path("iat").isIntegralNumber()).isFalse();
        }
    }

    @Test
    void errorRateOne_answers500() throws Exception {
        try (SignatureServer s = start(Minting.zoomSample(), new Faults(Latency.NONE, 1.0, null, 1))) {
            assertThat(post(s.uri(), "{}").status()).isEqualTo(500);
            assertThat(s.statuses()).containsEntry(500, 1L);
        }
    }

    @Test
    void errors_sameSeedSameSequence() throws Exception {
        assertThat(statuses(42)).isEqualTo(statuses(42)).contains(200, 500);
    }

    private static List<Integer> statuses(long seed) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (SignatureServer s = start(Minting.zoomSample(), new Faults(Latency.NONE, 0.5, null, seed))) {
            for (int i = 0; i < 20; i++) {
                out.add(post(s.uri(), "{}").status());
            }
        }
        return out;
    }

    @Test
    void stall_holdsRequestsInsideTheWindowOnly() {
        Stall s = Stall.parse("10s:2s");
        assertThat(s.remaining(Duration.ofSeconds(1))).isZero();
        assertThat(s.remaining(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.remaining(Duration.ofMillis(11_500))).isEqualTo(Duration.ofMillis(500));
        assertThat(s.remaining(Duration.ofSeconds(12))).isZero();
        assertThat(s.remaining(Duration.ofMillis(20_100))).isEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void stall_mustBeShorterThanItsPeriod() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Stall.parse("2s:2s")).getMessage())
                .contains("0 < FOR < EVERY");
        assertThrows(IllegalArgumentException.class, () -> Stall.parse("10s"));
    }

    @Test
    void stalledRequest_isAnsweredAfterTheStall() throws Exception {
        try (SignatureServer s = start(Minting.zoomSample(), new Faults(Latency.NONE, 0, Stall.parse("100ms:99ms"), 1))) {
            Thread.sleep(150);
            assertThat(post(s.uri(), "{}").status()).isEqualTo(200);
        }
    }

    @Test
    void latency_forms() {
        SplittableRandom r = new SplittableRandom(7);
        assertThat(Latency.parse("20ms").sample(r)).isEqualTo(Duration.ofMillis(20));
        for (int i = 0; i < 1000; i++) {
            assertThat(Latency.parse("uniform:5ms..50ms").sample(r)).isBetween(Duration.ofMillis(5), Duration.ofMillis(50));
            assertThat(Latency.parse("normal:1ms,5ms").sample(r)).isGreaterThanOrEqualTo(Duration.ZERO);
        }
        assertThat(assertThrows(IllegalArgumentException.class, () -> Latency.parse("fast")).getMessage())
                .contains("uniform:");
        assertThrows(IllegalArgumentException.class, () -> Latency.parse("uniform:50ms..5ms"));
    }

    @Test
    void latency_delaysTheAnswerButKeepsIt() throws Exception {
        try (SignatureServer s = start(Minting.zoomSample(), new Faults(Latency.parse("uniform:1ms..20ms"), 0, null, 3))) {
            assertThat(post(s.uri(), "{}").status()).isEqualTo(200);
        }
    }

    @Test
    void errorRate_outsideZeroOne_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Faults(Latency.NONE, 1.5, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new Faults(Latency.NONE, Double.NaN, null, 0));
    }
}
