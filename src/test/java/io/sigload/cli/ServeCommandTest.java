package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sigload.serve.ServeConfig;
import io.sigload.sign.IatFormula;
import io.sigload.token.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code sigload serve}: first stdout line, exit codes, credentials and fault flags. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeCommandTest {
    private static ServeConfig parse(Map<String, String> env, String... args) {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.config(env);
    }

    @Test
    void stopAfter_printsTheUrlFirstAndExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err),
                "serve", "--port", "0", "--demo-credentials", "--stop-after", "200ms");
        assertThat(code).isZero();
        assertThat(out.toString().lines().findFirst().orElse("")).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(err.toString()).contains("stopped after").doesNotContain(Secret.DEMO_VALUE);
    }

    @Test
    void missingCredentials_listsEveryWayToSupplyThem() {
        UsageException e = assertThrows(UsageException.class, () -> parse(Map.of(), "--port", "0"));
        assertThat(e.getMessage()).contains("ZOOM_MEETING_SDK_KEY").contains("ZOOM_MEETING_SDK_SECRET")
                .contains("--demo-credentials");
    }

    @Test
    void missingSecretOnly_namesOnlyTheSecretVariable() {
        UsageException e = assertThrows(UsageException.class,
                () -> parse(Map.of("ZOOM_MEETING_SDK_KEY", "k"), "--port", "0"));
        assertThat(e.getMessage()).startsWith("missing Meeting SDK credentials (ZOOM_MEETING_SDK_SECRET not set)");
    }

    @Test
    void credentials_fromEnvironment() {
        ServeConfig c = parse(Map.of("ZOOM_MEETING_SDK_KEY", "key1", "ZOOM_MEETING_SDK_SECRET", "s3cret-value"));
        assertThat(c.sdkKey()).isEqualTo("key1");
        assertThat(c.secret().sameKey(Secret.of("s3cret-value", "t"))).isTrue();
        assertThat(c.bind().getAddress().isLoopbackAddress()).isTrue();
        assertThat(c.bind().getPort()).isEqualTo(4000);
    }

    @Test
    void clockOffsetAndIat_reachTheServersClock() {
        ServeConfig c = parse(Map.of(), "--demo-credentials", "--clock-offset", "90s", "--iat", "java-round-long");
        assertThat(c.minting().iat()).isEqualTo(IatFormula.JAVA_ROUND_LONG);
        Clock clock = c.minting().clock();
        long drift = clock.millis() - Clock.systemUTC().millis();
        assertThat(drift).isBetween(89_000L, 91_000L);
        assertThat(Instant.now(clock).atZone(ZoneOffset.UTC)).isNotNull();
    }

    @Test
    void aBadOption_isReportedBeforeMissingCredentials() {
        // the trial: `serve --port 0 --fault nosuch` without credentials complained about credentials
        assertThat(assertThrows(UsageException.class, () -> parse(Map.of(), "--port", "0", "--fault", "nosuch"))
                .getMessage()).startsWith("--fault: unknown fault 'nosuch'; allowed: ");
        assertThat(assertThrows(UsageException.class, () -> parse(Map.of(), "--port", "70000")).getMessage())
                .startsWith("--port: 70000 is not a TCP port");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err),
                "serve", "--port", "0", "--demo-credentials", "--stop-after", "soon");
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--stop-after");
        assertThat(out.toString()).as("checked before the server starts").isEmpty();
    }

    @Test
    void badFlags_areExit2WithTheFlagNamed() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "serve", "--port", "0", "--demo-credentials", "--stall", "2s:5s");
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("--stall").contains("0 < FOR < EVERY");
        assertThat(assertThrows(UsageException.class, () -> parse(Map.of(), "--demo-credentials", "--iat", "round"))
                .getMessage()).contains("floor-minus-30");
        assertThat(assertThrows(UsageException.class, () -> parse(Map.of(), "--demo-credentials", "--error-rate", "2"))
                .getMessage()).startsWith("--error-rate");
        assertThat(assertThrows(UsageException.class, () -> parse(Map.of(), "--demo-credentials", "--clock-offset", "1 fortnight"))
                .getMessage()).startsWith("--clock-offset");
    }
}
