package io.sigload.sign;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Versions of sigload and the signing libraries it was built with, for {@code describe()} and
 * reports. Read once from {@code /io/sigload/versions.properties}, which the build fills in from
 * the pom (some libraries' jars carry no version of their own). Thread-safe.
 */
public final class LibraryVersions {
    private static final Properties VERSIONS = load();

    private LibraryVersions() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = LibraryVersions.class.getResourceAsStream("/io/sigload/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // versions are informative only
        }
        return p;
    }

    /**
     * The version of a library.
     *
     * @param library {@code sigload}, {@code java-jwt}, {@code nimbus-jose-jwt}, {@code jjwt}, {@code okhttp} or {@code jmh}
     * @return e.g. {@code "4.6.2"}, or {@code "?"} when unknown
     */
    public static String of(String library) {
        return VERSIONS.getProperty(library, "?");
    }
}
