package io.sigload.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --json FILE} and {@code --html FILE}, shared by {@code run}, {@code skew} and {@code compare} (a picocli mixin). */
final class ReportOptions {
    @Option(names = "--json", paramLabel = "FILE", description = "Write the machine-readable report here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts here.")
    Path html;

    /** Writes a report file (UTF-8), creating its directory. */
    static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Checks {@code --json} and {@code --html} before the run ({@link #checkWritable}).
     *
     * @throws UsageException naming the option when a report could not be written
     */
    void check() {
        checkWritable("--json", json);
        checkWritable("--html", html);
    }

    /**
     * Checks, before a run, that a report can be written at {@code file}, so a run is not measured
     * only to fail at the end: the file is not a directory, and the nearest existing directory on
     * its path (which {@link #write} creates the rest of) is a directory that accepts a new file.
     * That is tried (a probe file made and deleted at once), not read off the permission bits: root
     * "may write" to {@code /proc}, which refuses every new file. Does nothing when {@code file} is
     * {@code null}.
     *
     * @param option the option, for the message, e.g. {@code --html}
     * @throws UsageException naming the option and the reason when the file could not be written
     */
    static void checkWritable(String option, Path file) {
        if (file == null) {
            return;
        }
        Path abs = file.toAbsolutePath().normalize();
        String what = option + " " + file + ": ";
        if (Files.isDirectory(abs)) {
            throw new UsageException(what + "is a directory; give a file name, e.g. " + file.resolve("report"
                    + (option.equals("--html") ? ".html" : ".json")));
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new UsageException(what + "cannot write: permission denied (checked before the run)");
        }
        Path dir = abs.getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(what + "cannot create its directory: " + dir + " is a file (checked before the run)");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".sigload-", ".probe"));
        } catch (IOException e) {
            throw new UsageException(what + "cannot write in " + dir + ": " + reason(e)
                    + " (checked before the run; give a path in a writable directory)");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return "it accepts no new files";
    }
}
