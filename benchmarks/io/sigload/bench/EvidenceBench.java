package io.sigload.bench;

import io.sigload.report.EvidenceRecorder;
import io.sigload.validate.Profile;
import io.sigload.validate.ValidationContext;
import io.sigload.validate.Validator;
import io.sigload.validate.Verdict;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Question: what does recording one token's diagnosis evidence cost on the hot path (issue #11:
 * "a few counter increments"), next to judging the token?
 *
 * <p>What you should see: {@code record} tens of nanoseconds (four or five histogram increments,
 * two distinct-sample offers that find the value already seen), a few percent of {@code validate}
 * (an HMAC and two JSON parses, microseconds). {@code record} runs on two threads sharing one
 * recorder, as participants do, with clock skews spread over a few seconds (the same bins contended).
 *
 * <p>How to run: {@code java -jar target/sigload.jar bench --profile ci --include EvidenceBench}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EvidenceBench {
    /** One recorder shared by the benchmark's threads, like a run's. */
    @State(Scope.Benchmark)
    public static class Shared {
        EvidenceRecorder recorder;
        Verdict verdict;
        ValidationContext context;
        String token;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new EvidenceRecorder();
            context = new ValidationContext(Profile.MEETING_WEB, Fixture.secret(), List.of(), Fixture.NOW.plusSeconds(10),
                    0, Fixture.MEETING_NUMBER, 0, null);
            token = Fixture.token();
            verdict = Validator.zoom().validate(token, context);
            if (!verdict.valid() || !verdict.times().hasIat()) {
                throw new IllegalStateException("the fixture token must be valid with a readable iat");
            }
        }
    }

    /** Per thread: the participant counter that spreads skews and mint instants. */
    @State(Scope.Thread)
    public static class Participant {
        long i;
    }

    @Benchmark
    @Threads(2)
    public void record(Shared s, Participant p) {
        long i = p.i++;
        long skew = (i * 7919) % 4000 - 2000;
        long mint = Fixture.NOW.toEpochMilli() + (i % 10_000);
        s.recorder.record(skew, mint, Fixture.NOW.toEpochMilli() + 10_000, s.verdict);
    }

    @Benchmark
    @Threads(2)
    public Verdict validate(Shared s) {
        return Validator.zoom().validate(s.token, s.context);
    }
}
