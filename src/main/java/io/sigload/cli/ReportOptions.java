package io.sigload.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
