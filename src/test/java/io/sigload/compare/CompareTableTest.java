package io.sigload.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sigload.scenario.CompareList;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compare table prints latencies as the run's console table does, in the unit that reads best. */
class CompareTableTest {
    private static ObjectNode run(double signP50, double signP99, double totalP99) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree("""
                {"valid": 30, "invalid": 0, "signer": "x", "throughputPerSec": 470.1, "mintErrors": {}, "byReason": {},
                 "latencyMicros": {"sign": {"p50": %s, "p99": %s}, "total": {"p99": %s}}}
                """.formatted(signP50, signP99, totalP99));
    }

    @Test
    void latencies_readInTheirBestUnit_notAsRawMicroseconds() throws Exception {
        // the trial: total p99 printed as 2879389.7 (µs)
        StringWriter out = new StringWriter();
        CompareTable.print("s", List.of(
                new CompareRow(CompareList.Entry.named("fast"), run(12.5, 3410, 2_879_389.7), null, null),
                new CompareRow(CompareList.Entry.named("java-jwt"), run(359.4, 152_300, 39_000_000), null, null)),
                new PrintWriter(out));

        String fast = out.toString().lines().filter(l -> l.startsWith("fast ")).findFirst().orElseThrow();
        assertThat(fast).contains("12.5 µs").contains("3.41 ms").contains("2.9 s").doesNotContain("2879389");
        String jwt = out.toString().lines().filter(l -> l.startsWith("java-jwt ")).findFirst().orElseThrow();
        assertThat(jwt).contains("359.4 µs").contains("152.3 ms").contains("39.0 s");
        assertThat(out.toString()).doesNotContain("latency in µs");
    }
}
