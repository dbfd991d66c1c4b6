package io.sigload.bench;

import io.sigload.hmac.HmacSha256;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does the HMAC-SHA256 of one token's signing input (241 bytes) cost, the floor no
 * signer can go under?
 *
 * <p>What you should see: {@code sha256Only} lowest (7 compressions, ~240 ns on this kind of
 * machine), {@code reusedMac} a little above (~280 ns: 2 more compressions for ipad/opad),
 * {@code clonedMac} close to it plus a small copy, {@code newMacPerOp} about twice the floor
 * (provider lookup + key schedule each time) and the only one that allocates much. The reused
 * Mac is THE floor: {@code sigload bench} divides every signer's score by it.
 *
 * <p>How to run: {@code java -jar target/sigload.jar bench --profile ci --include HmacFloorBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class HmacFloorBench {
    private byte[] input;
    private byte[] key;
    private Mac reused;
    private Mac prototype;
    private MessageDigest sha256;
    private HmacSha256 core;
    private final byte[] out = new byte[32];

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        input = Fixture.signingInput();
        key = Fixture.secret().bytes();
        reused = Mac.getInstance("HmacSHA256");
        reused.init(new SecretKeySpec(key, "HmacSHA256"));
        prototype = Mac.getInstance("HmacSHA256");
        prototype.init(new SecretKeySpec(key, "HmacSHA256"));
        sha256 = MessageDigest.getInstance("SHA-256");
        core = new HmacSha256(key);
    }

    /** Plain SHA-256 of the input: below any HMAC, for reference only. */
    @Benchmark
    public byte[] sha256Only() {
        return sha256.digest(input);
    }

    /** {@code Mac.getInstance} + {@code init} for every token. */
    @Benchmark
    public byte[] newMacPerOp() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input);
    }

    /** One initialised Mac, reused ({@code doFinal} resets it): the floor. */
    @Benchmark
    public byte[] reusedMac() {
        return reused.doFinal(input);
    }

    /** An initialised prototype cloned per token (what a thread-safe signer can do without ThreadLocals). */
    @Benchmark
    public byte[] clonedMac() throws CloneNotSupportedException {
        Mac mac = (Mac) prototype.clone();
        return mac.doFinal(input);
    }

    /**
     * sigload's core ({@code fast}, {@code legacy}, validator) on a plain key: the padded-key states
     * cached and cloned per MAC (5 compressions instead of 7, two digest clones). The {@code fast}
     * signer also absorbs its constant signing-input prefix once ({@code HmacSha256.withPrefix}),
     * which this benchmark leaves out on purpose: it is the same work as the floor.
     */
    @Benchmark
    public byte[] sigloadCore() {
        core.mac(input, 0, input.length, out, 0);
        return out;
    }
}
