package io.sigload.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedReadTest {
    static Path fifo(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        Process p = new ProcessBuilder("mkfifo", f.toString()).start();
        assertThat(p.waitFor()).isZero();
        return f;
    }

    /** Writes to a FIFO on a daemon thread: {@code text}, then, when {@code endless}, zeros until the reader goes. */
    static void writer(Path fifo, String text, boolean endless) {
        Thread.ofPlatform().daemon().start(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                byte[] chunk = new byte[8192];
                while (endless) {
                    out.write(chunk);
                }
            } catch (Exception e) {
                // the reader closed
            }
        });
    }

    @Test
    void devZero_isRefusedAsADevice_beforeReadingAByte() {
        assertThatThrownBy(() -> BoundedRead.bytes(Path.of("/dev/zero"), 4096, Duration.ofSeconds(5)))
                .isInstanceOf(InputRefusedException.class).hasMessageContaining("a character device");
    }

    @Test
    void directory_isRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> BoundedRead.bytes(dir, 4096, Duration.ofSeconds(5))).hasMessageContaining("a directory");
    }

    @Test
    void aPipe_isRead(@TempDir Path dir) throws Exception {
        Path f = fifo(dir, "secret");
        writer(f, "s3cret-from-vault\n", false);
        assertThat(new String(BoundedRead.bytes(f, 4096, Duration.ofSeconds(30)), StandardCharsets.UTF_8))
                .isEqualTo("s3cret-from-vault\n");
    }

    @Test
    void aPipeThatNeverEnds_isCutOffAtTheLimit(@TempDir Path dir) throws Exception {
        Path f = fifo(dir, "endless");
        writer(f, "participants: 3\n", true);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> BoundedRead.bytes(f, 1 << 20,
                Duration.ofSeconds(30))).hasMessageContaining("over the limit of 1 MiB"));
    }

    @Test
    void aFifoNobodyWritesTo_isRefusedAfterTheWait(@TempDir Path dir) throws Exception {
        Path f = fifo(dir, "silent");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> BoundedRead.bytes(f, 4096,
                Duration.ofMillis(500))).hasMessageContaining("no end of file within 500 ms"));
    }

    @Test
    void aHugeSparseFile_isRefusedAfterTheLimit(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sparse");
        try (var raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        assertThatThrownBy(() -> BoundedRead.bytes(f, 4096, Duration.ofSeconds(5))).hasMessageContaining("over the limit of 4 KiB");
    }
}
