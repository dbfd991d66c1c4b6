package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sigload.scenario.ScenarioLoader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite, hostile files part: secret and scenario files that are devices, huge,
 * endless pipes or long lines cost bounded memory and time and give a short message, exit 2; the
 * pipes people use ({@code --secret-file <(vault read ...)}) keep working; the child count is capped.
 */
class AdversarialInputsTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    static Path fifo(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        assertThat(new ProcessBuilder("mkfifo", f.toString()).start().waitFor()).isZero();
        return f;
    }

    static void writer(Path fifo, byte[] head, boolean endless) {
        Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(head);
                byte[] comment = "# never ends\n".repeat(600).getBytes(StandardCharsets.UTF_8);
                while (endless) {
                    out.write(comment);
                }
            } catch (Exception e) {
                // the reader went away
            }
        });
    }

    static CliRun run(Path dir, String yaml, String... more) throws Exception {
        Path s = Files.writeString(dir.resolve("s" + System.nanoTime() + ".yaml"), yaml);
        String[] args = new String[more.length + 2];
        args[0] = "run";
        args[1] = s.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return assertTimeoutPreemptively(BOUND, () -> CliRun.of(args));
    }

    @Test
    void secretFileDevZero_isRefused_withAMessage(@TempDir Path dir) throws Exception {
        CliRun r = run(dir, "participants: 3\ncredentials: {secretFile: /dev/zero}\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("secret file /dev/zero is a character device, not a file").doesNotContain("Exception");
    }

    @Test
    void secretFileOfThreeGigabytes_isRefusedBySize(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        CliRun r = run(dir, "participants: 3\ncredentials: {secretFile: " + big + "}\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is over the limit of 4 KiB").contains("a Meeting SDK secret is a few dozen characters");
    }

    @Test
    void secretFromAPipe_keepsWorking_forRunAndInspect(@TempDir Path dir) throws Exception {
        Path p = fifo(dir, "vault");
        writer(p, "pipe-secret-0123456789abcdef\n".getBytes(StandardCharsets.UTF_8), false);
        CliRun r = run(dir, "participants: 3\ncredentials: {secretFile: " + p + "}\nsigner: {type: fast}\n");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 valid, 0 invalid");
        Path q = fifo(dir, "vault2");
        writer(q, "pipe-secret-0123456789abcdef\n".getBytes(StandardCharsets.UTF_8), false);
        CliRun i = assertTimeoutPreemptively(BOUND, () -> CliRun.of("inspect", "--secret-file", q.toString(), "a.b.c"));
        assertThat(i.err()).doesNotContain("no such").doesNotContain("cannot read");
        assertThat(i.exitCode()).isEqualTo(1); // read fine; the token is just bad
    }

    @Test
    void scenarioFromAPipeThatNeverEnds_isCutOffAtTheLimit(@TempDir Path dir) throws Exception {
        Path p = fifo(dir, "scenario.yaml");
        writer(p, "participants: 3\n".getBytes(StandardCharsets.UTF_8), true);
        CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.of("run", p.toString()));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("is over the limit of 1 MiB (reading stopped there); a scenario is a short YAML file");
    }

    @Test
    void sixteenMegabyteQuotedString_isRefusedBySize_withAShortMessage(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("long.yaml");
        Files.writeString(s, "participants: 3\ndescription: \"" + "a".repeat(16 << 20) + "\"\n");
        CliRun r = assertTimeoutPreemptively(BOUND, () -> CliRun.of("run", s.toString()));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("over the limit of 1 MiB");
        assertThat(r.err().length()).isLessThan(1000);
    }

    @Test
    void aLongLine_isRefusedAtOnce_andAYamlErrorQuotesAShortExcerpt(@TempDir Path dir) throws Exception {
        CliRun r = run(dir, "participants: 3\ndescription: \"" + "a".repeat(900_000) + "\"\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(":2: a line of 900015 characters; a scenario line is at most 16384");
        CliRun y = run(dir, "participants: 3\ndescription: [" + "b".repeat(10_000) + "\nsigner: {type: fast}\n");
        assertThat(y.exitCode()).isEqualTo(2);
        assertThat(y.err()).contains("not valid YAML");
        assertThat(y.err().length()).as(y.err()).isLessThan(1000);
    }

    @Test
    void aLongQuotedStringOverManyLines_isScannedInLinearTime(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder("participants: 3\ncredentials: {demoSecret: true}\ndescription: \"");
        while (b.length() < ScenarioLoader.MAX_BYTES - 20_000) {
            b.append("c".repeat(16_000)).append("\n  ");
        }
        b.append("\"\n");
        CliRun r = run(dir, b.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void tooManySignerInstances_areRefused_beforeAnyChildStarts(@TempDir Path dir) throws Exception {
        long before = ProcessHandle.current().children().count();
        CliRun r = run(dir, "participants: 3\ncredentials: {demoSecret: true}\n"
                + "signer: {type: process, command: [cat], instances: 100000}\n");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("signer.instances is 100000; allowed: 1 to 256");
        assertThat(ProcessHandle.current().children().count()).isLessThanOrEqualTo(before);
    }
}
