package io.sigload.sign.script;

import io.sigload.sign.SignerConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A harness script and what it needs, copied out of sigload's jar into a new private temporary
 * directory for one signer, and deleted with it. The node harness needs @sinonjs/fake-timers,
 * which the build bundles ({@code build/fetch-node-harness.sh}, listed in {@code node_modules.files}).
 *
 * <p>Not thread-safe; one per signer.
 */
final class Harness implements AutoCloseable {
    /** The bundled fake-timers files, relative to this package's resources. */
    static final String NODE_MODULES_LIST = "node_modules.files";
    private final Path directory;
    private final Path script;

    private Harness(Path directory, Path script) {
        this.directory = directory;
        this.script = script;
    }

    /**
     * Extracts the harness of a language.
     *
     * @throws SignerConfigException when this build lacks the bundled files (built without npm)
     * @throws IOException when the temporary directory cannot be written
     */
    static Harness extract(ScriptLanguage language) throws SignerConfigException, IOException {
        List<String> files = new ArrayList<>();
        files.add(language.harness());
        if (language == ScriptLanguage.NODE) {
            files.addAll(bundledNodeModules());
        }
        Path dir = Files.createTempDirectory("sigload-" + language.signer() + "-harness-");
        try {
            for (String f : files) {
                Path to = dir.resolve(f);
                Files.createDirectories(to.getParent());
                try (InputStream in = resource(f)) {
                    Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
        return new Harness(dir, dir.resolve(language.harness()));
    }

    /**
     * The bundled @sinonjs/fake-timers files (paths under {@code node_modules/}).
     *
     * @throws SignerConfigException when this build has none
     */
    static List<String> bundledNodeModules() throws SignerConfigException {
        try (InputStream in = Harness.class.getResourceAsStream(NODE_MODULES_LIST)) {
            if (in == null) {
                throw new SignerConfigException("type", "this sigload build has no @sinonjs/fake-timers bundled (it was"
                        + " built without npm): install npm (Debian/Ubuntu: apt-get install -y npm) and rebuild"
                        + " (mvn -B package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource beside this class; throws when it is missing from the build. */
    static InputStream resource(String name) throws IOException {
        InputStream in = Harness.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("sigload's jar lacks " + name + " (a broken build)");
        }
        return in;
    }

    /** The harness script. */
    Path script() {
        return script;
    }

    /** The directory it was extracted to. */
    Path directory() {
        return directory;
    }

    /** Deletes the extracted files. */
    @Override
    public void close() {
        delete(directory);
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }
}
