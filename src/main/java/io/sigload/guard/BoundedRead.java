package io.sigload.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a file from outside (a scenario, a secret file) with a size limit enforced while reading,
 * so a pipe ({@code --secret-file <(vault read ...)}, a FIFO) still works but {@code /dev/zero} or
 * a FIFO that never ends costs at most the limit. Character and block devices, directories and
 * sockets are refused before reading. A file that is not a regular file (a pipe) is read on a
 * daemon thread and must deliver its content within a deadline: opening a FIFO that nobody writes
 * to blocks forever, and the caller gets an error instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class BoundedRead {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;

    private BoundedRead() {
    }

    /**
     * The file's bytes.
     *
     * @param file the path (symbolic links are followed: {@code /dev/fd/63} is the pipe behind it)
     * @param limit most bytes accepted; one more and the file is refused
     * @param within how long a pipe may take to deliver its content (regular files are read at once)
     * @throws InputRefusedException when the file is missing, unreadable, a device, directory or
     *     socket, over {@code limit} bytes, or a pipe that did not end within {@code within}
     */
    public static byte[] bytes(Path file, long limit, Duration within) throws InputRefusedException {
        boolean regular = kind(file);
        if (regular) {
            return read(file, limit);
        }
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sigload-read-" + file.getFileName()).start(() -> {
            try {
                f.complete(read(file, limit));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new InputRefusedException("a pipe that delivered no end of file within " + seconds(within)
                    + " (a FIFO nobody writes to, or a command that hangs)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InputRefusedException r) {
                throw r;
            }
            throw new InputRefusedException("cannot be read: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputRefusedException("reading was interrupted");
        }
    }

    /** Whether the file is a regular file; refuses what cannot be read as one. */
    private static boolean kind(Path file) throws InputRefusedException {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            int type = ((Integer) mode) & S_IFMT;
            String what = switch (type) {
                case S_IFCHR -> "a character device";
                case S_IFBLK -> "a block device";
                case S_IFDIR -> "a directory";
                case S_IFSOCK -> "a socket";
                default -> null;
            };
            if (what != null) {
                throw new InputRefusedException("is " + what + ", not a file; give a regular file or a pipe");
            }
            return Files.isRegularFile(file);
        } catch (NoSuchFileException e) {
            throw new InputRefusedException("no such file");
        } catch (AccessDeniedException e) {
            throw new InputRefusedException("not readable (permission denied)");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view on this platform: directories are still refused, the rest is read bounded
            if (Files.isDirectory(file)) {
                throw new InputRefusedException("is a directory, not a file");
            }
            if (!Files.exists(file)) {
                throw new InputRefusedException("no such file");
            }
            return Files.isRegularFile(file);
        } catch (IOException e) {
            throw new InputRefusedException("cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] read(Path file, long limit) throws InputRefusedException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(8192, limit + 1));
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf, 0, (int) Math.min(buf.length, limit + 1 - total))) > 0) {
                out.write(buf, 0, n);
                total += n;
                if (total > limit) {
                    throw new InputRefusedException("is over the limit of " + size(limit) + " (reading stopped there)");
                }
            }
            return out.toByteArray();
        } catch (NoSuchFileException e) {
            throw new InputRefusedException("no such file");
        } catch (AccessDeniedException e) {
            throw new InputRefusedException("not readable (permission denied)");
        } catch (IOException e) {
            throw new InputRefusedException("cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /** {@code 1 MiB}, {@code 4 KiB}, {@code 100 bytes}. */
    public static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
