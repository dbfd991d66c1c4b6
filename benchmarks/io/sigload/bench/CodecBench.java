package io.sigload.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sigload.token.Base64Url;
import io.sigload.token.Claim;
import io.sigload.token.Claims;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Question: outside the HMAC, what do the other two steps of minting cost: writing the claims as
 * JSON, and base64url-encoding the payload?
 *
 * <p>{@code claims}: {@code minimal} (sdkKey, mn, role, iat, exp: 5 claims), {@code sample}
 * (Zoom's sample: 7 claims), {@code large} (sample + video_webrtc_mode + 8 extra string claims).
 * Cost should grow roughly with the byte count.
 *
 * <p>What you should see: hand-written JSON (StringBuilder, what a fast signer does) several
 * times cheaper than Jackson's {@code writeValueAsBytes} of a map; base64url of the ~150-byte
 * sample payload a few tens of ns; all of them well below the HMAC floor
 * for {@code sample}, so a signer far above the floor is paying for its JSON library.
 *
 * <p>How to run: {@code java -jar target/sigload.jar bench --profile ci --include CodecBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class CodecBench {
    @Param({"minimal", "sample", "large"})
    public String claims;

    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    private Claims set;
    private Map<String, Object> asMap;
    private byte[] payload;

    @Setup(Level.Trial)
    public void setUp() {
        Claims sample = Fixture.claims();
        Claims.Builder b = Claims.builder();
        switch (claims) {
            case "minimal" -> {
                for (String n : new String[] {"sdkKey", "mn", "role", "iat", "exp"}) {
                    b.put(n, sample.get(n).orElseThrow());
                }
            }
            case "sample" -> sample.entries().forEach(c -> b.put(c.name(), c.value()));
            case "large" -> {
                sample.entries().forEach(c -> b.put(c.name(), c.value()));
                b.put("video_webrtc_mode", 1);
                for (int i = 0; i < 8; i++) {
                    b.put("custom_" + i, "participant-attribute-value-" + i);
                }
            }
            default -> throw new IllegalArgumentException("unknown claims size " + claims);
        }
        set = b.build();
        asMap = new LinkedHashMap<>();
        set.entries().forEach(c -> asMap.put(c.name(), c.value()));
        payload = handWritten(set);
    }

    /** Claims as JSON with a StringBuilder (names and string values are plain ASCII here). */
    static byte[] handWritten(Claims claims) {
        StringBuilder sb = new StringBuilder(256).append('{');
        boolean first = true;
        for (Claim c : claims.entries()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(c.name()).append("\":");
            if (c.value() instanceof String s) {
                sb.append('"').append(s).append('"');
            } else {
                sb.append(c.value());
            }
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] claimsHandWritten() {
        return handWritten(set);
    }

    @Benchmark
    public byte[] claimsJackson() throws JsonProcessingException {
        return JACKSON.writeValueAsBytes(asMap);
    }

    @Benchmark
    public String base64urlPayload() {
        return Base64Url.encode(payload);
    }
}
