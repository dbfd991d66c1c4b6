package io.sigload.serve;

import static io.sigload.serve.ServeFixture.KEY;
import static io.sigload.serve.ServeFixture.SECRET;
import static io.sigload.serve.ServeFixture.payload;
import static io.sigload.serve.ServeFixture.verifies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.sign.FailureCategory;
import io.sigload.sign.IatFormula;
import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.http.Failures;
import io.sigload.sign.http.HttpSigner;
import io.sigload.timing.Latency;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The http signer against the real {@code sigload serve} on 127.0.0.1, from many virtual threads. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeEndToEndTest {
    private static final int PARTICIPANTS = 400;
    private static final int CONCURRENCY = 64;

    private static HttpSigner signer(SignatureServer s) throws Exception {
        ObjectNode o = ServeFixture.JSON.createObjectNode().put("url", s.uri().toString())
                .put("connectTimeout", "5s").put("readTimeout", "10s");
        return HttpSigner.create(new SignerConfig(null, null, null, o, Map.of(), CONCURRENCY));
    }

    private static SignRequest request(int participant) {
        return new SignRequest(participant, Integer.toString(100_000_000 + participant), participant % 2, 7200,
                null, Clock.systemUTC());
    }

    @Test
    void burst_everyTokenVerifiesAndCarriesItsParticipant() throws Exception {
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET));
                HttpSigner signer = signer(s);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < PARTICIPANTS; i++) {
                int p = i;
                tokens.add(threads.submit(() -> signer.sign(request(p))));
            }
            for (int i = 0; i < PARTICIPANTS; i++) {
                String token = tokens.get(i).get(30, TimeUnit.SECONDS);
                assertThat(verifies(token, SECRET)).as("participant %d", i).isTrue();
                JsonNode c = payload(token);
                assertThat(c.path("mn").asText()).isEqualTo(Integer.toString(100_000_000 + i));
                assertThat(c.path("role").asInt()).isEqualTo(i % 2);
            }
            assertThat(signer.counters()).containsEntry("attempts", (long) PARTICIPANTS);
            assertThat(s.statuses()).containsEntry(200, (long) PARTICIPANTS);
        }
    }

    @Test
    void clockOffset90s_isSeenRemotely() throws Exception {
        Minting fast = new Minting(Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90)), IatFormula.FLOOR);
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET).withMinting(fast));
                HttpSigner signer = signer(s)) {
            long before = Math.floorDiv(System.currentTimeMillis(), 1000);
            long iat = payload(signer.sign(request(1))).path("iat").asLong();
            long after = Math.floorDiv(System.currentTimeMillis(), 1000);
            assertThat(iat).isBetween(before + 90, after + 90);
        }
    }

    @Test
    void badLifetime_is4xxWithTheServersReason() throws Exception {
        try (SignatureServer s = SignatureServer.start(ServeConfig.loopback(KEY, SECRET));
                HttpSigner signer = signer(s)) {
            SignRequest tooShort = new SignRequest(0, "1", 0, 60, null, Clock.systemUTC());
            SignException e = assertThrows(SignException.class, () -> signer.sign(tooShort));
            assertThat(e.category()).isEqualTo(FailureCategory.HTTP_4XX);
            assertThat(e.getMessage()).contains("400").contains("expirationSeconds").contains("1800");
        }
    }

    @Test
    void injectedErrors_are5xxAndRetriesAreCounted() throws Exception {
        ServeConfig failing = ServeConfig.loopback(KEY, SECRET).withFaults(new Faults(Latency.NONE, 1.0, null, 1));
        try (SignatureServer s = SignatureServer.start(failing)) {
            ObjectNode o = ServeFixture.JSON.createObjectNode().put("url", s.uri().toString()).put("retries", 2);
            try (HttpSigner signer = HttpSigner.create(new SignerConfig(null, null, null, o, Map.of(), 4))) {
                SignException e = assertThrows(SignException.class, () -> signer.sign(request(0)));
                assertThat(e.category()).isEqualTo(FailureCategory.HTTP_5XX);
                assertThat(signer.counters()).containsEntry("attempts", 3L).containsEntry("retry.HTTP_5XX", 2L);
            }
        }
    }
}
