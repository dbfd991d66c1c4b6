package io.sigload.sign;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of the libraries on the class path, from their Maven {@code pom.properties}, for {@code describe()}. */
public final class LibraryVersions {
    private LibraryVersions() {
    }

    /**
     * The version of a Maven artifact on the class path.
     *
     * @return e.g. {@code "4.6.2"}, or {@code "?"} when its {@code pom.properties} is not there
     */
    public static String of(String groupId, String artifactId) {
        String res = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = LibraryVersions.class.getResourceAsStream(res)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
