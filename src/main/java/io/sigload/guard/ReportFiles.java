package io.sigload.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a report file (JSON, JUnit XML, Markdown, HTML) through the one masking function
 * ({@link Redactor#mask}), so no report file can hold a secret whatever its content came from. A
 * masked run keeps escapes whole and stops at raw quotes and angle brackets, so the document stays
 * well-formed. Parent directories are created. Stateless and thread-safe.
 */
public final class ReportFiles {
    private ReportFiles() {
    }

    /**
     * @param file where to write (replaced if it exists)
     * @param text the whole document
     * @param redactor the run's secrets
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String text, Redactor redactor) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, redactor.mask(text), StandardCharsets.UTF_8);
    }
}
