package com.example.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What adding sigload did to this build: sigload's library classes are Java 21 (class file 65),
 * the team's Jackson 2.17 stayed, and the test class path holds sigload, Jackson, JUnit and
 * Surefire, nothing else (no JWT library, HTTP client, CLI parser or benchmark harness of sigload's).
 */
class ClassPathTest {
    /** Jars a build that adds sigload may have on its test class path (file names). */
    private static final Pattern ALLOWED = Pattern.compile(
            "(sigload|jackson-(core|databind|annotations)|junit-(jupiter|platform)[a-z-]*|opentest4j|apiguardian-api"
                    + "|surefire[a-z-]*|common-java5|common-junit[0-9]*|maven-surefire-common)-[0-9][^/]*\\.jar");

    @Test
    void sigloadsLibraryClassesAreJava21() throws IOException {
        for (String c : List.of("io/sigload/skew/SkewAssertions", "io/sigload/sign/Signer",
                "io/sigload/validate/Validator", "io/sigload/token/Secret", "io/sigload/hmac/HmacSha256")) {
            assertEquals(65, majorVersion(c), c);
        }
        assertEquals(65, majorVersion("com/example/signing/TokenService"), "this build's own classes (--release 21)");
    }

    @Test
    void theTeamsJacksonStays() {
        String v = PackageVersion.VERSION.toString();
        assertTrue(v.startsWith("2.17."), "Jackson on the class path: " + v);
        assertTrue(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString().startsWith("2.17."));
    }

    @Test
    void sigloadBringsOnlyJackson() {
        List<String> unexpected = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File f = new File(entry);
            if (f.isDirectory()) {
                continue; // target/classes, target/test-classes
            }
            if (!ALLOWED.matcher(f.getName()).matches()) {
                unexpected.add(f.getName());
            }
        }
        assertEquals(List.of(), unexpected, "jars sigload added to a team's test class path");
    }

    private static int majorVersion(String className) throws IOException {
        try (InputStream in = ClassPathTest.class.getClassLoader().getResourceAsStream(className + ".class")) {
            DataInputStream d = new DataInputStream(in);
            d.readInt(); // 0xCAFEBABE
            d.readUnsignedShort(); // minor
            return d.readUnsignedShort();
        }
    }
}
