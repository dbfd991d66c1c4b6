package io.sigload.bench;

import io.sigload.sign.SignException;
import io.sigload.sign.SignRequest;
import io.sigload.sign.Signer;
import io.sigload.sign.SignerConfigException;
import io.sigload.sign.Signers;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Question: what does each in-process signer cost per token, on identical claims (fixed clock)?
 *
 * <p>Each {@code signer} value is its own JMH run with its own forks (JMH forks per parameter
 * combination), so one library's JIT profile never pollutes another's (JMH sample 12).
 * Signers are built through {@link Signers#create}, by name only.
 *
 * <p>What you should see, against {@code HmacFloorBench.reusedMac} (the floor): {@code fast} within
 * ~1.3x of it (it hashes fewer bytes per token than the floor, so its fastest iterations can come
 * close), {@code legacy} ~1.2x, {@code java-jwt} ~6-10x, {@code nimbus} ~10-12x, {@code jjwt} ~30-40x
 * (docs/performance.md); the JSON libraries allocate several KB per token.
 *
 * <p>The gate's proof ({@code scripts/prove-gate.sh}) builds a "slowed" jar by adding the
 * resource {@value #SLOWDOWN_RESOURCE} ({@code extraHmacs=N}, {@code extraBlocks=M}); then this
 * wrapper (never the signers themselves) computes N extra HMACs and M extra SHA-256 compressions per token. The shipped jar has no such resource.
 *
 * <p>How to run: {@code java -jar target/sigload.jar bench --profile ci --include SignerBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SignerBench {
    /** Classpath resource that turns on the benchmark-only slowdown (see class comment). */
    public static final String SLOWDOWN_RESOURCE = "/io/sigload/bench/slowdown.properties";

    @Param({"java-jwt", "fast", "nimbus", "jjwt", "legacy"})
    public String signer;

    private Signer instance;
    private SignRequest request;
    private Slowdown slowdown;

    @Setup(Level.Trial)
    public void setUp() throws SignerConfigException, SignException {
        instance = Signers.create(signer, Fixture.signerConfig());
        request = Fixture.request();
        slowdown = Slowdown.fromResource(SLOWDOWN_RESOURCE);
        // Same claims for everyone: fail early if a signer cannot mint at all.
        if (instance.sign(request).isEmpty()) {
            throw new IllegalStateException(signer + " minted an empty token");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        instance.close();
    }

    @Benchmark
    public void sign(Blackhole bh) throws SignException {
        String token = instance.sign(request);
        bh.consume(token);
        slowdown.apply(token, bh);
    }
}
