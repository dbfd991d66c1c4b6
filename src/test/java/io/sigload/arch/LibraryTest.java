package io.sigload.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The library inside sigload's jar (docs/library.md): the packages a team's own tests use are
 * compiled for Java 21, use only each other, Jackson and the JUnit API, and every dependency they
 * do not need is optional in the pom, so a team's class path gets sigload and Jackson only. The
 * consumer build (src/it/consumer, run by {@code mvn verify}) checks the same from the outside.
 */
class LibraryTest {
    /** The library's packages (subpackages included, but {@code sign}'s subpackages are the tool's). */
    static final List<String> LIBRARY = List.of("guard", "token", "clock", "hmac", "validate", "sign", "skew");

    /** Dependencies the library needs (groupId:artifactId); every other one must be optional or test-scoped. */
    static final Set<String> LIBRARY_DEPENDENCIES = Set.of(
            "com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-databind");

    static boolean inLibrary(String pkg) {
        for (String p : LIBRARY) {
            String full = "io.sigload." + p;
            if (pkg.equals(full) || (!p.equals("sign") && pkg.startsWith(full + "."))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void libraryClassesUseOnlyTheJdkJacksonTheJunitApiAndEachOther() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sigload");
        List<String> violations = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!inLibrary(c.getPackageName())) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass t = d.getTargetClass();
                String to = t.getPackageName();
                boolean ok = t.isPrimitive() || t.isArray() && t.getBaseComponentType().isPrimitive()
                        || to.startsWith("java.") || to.startsWith("javax.crypto")
                        || to.startsWith("com.fasterxml.jackson.core") || to.startsWith("com.fasterxml.jackson.databind")
                        || to.startsWith("com.fasterxml.jackson.annotation")
                        || to.startsWith("org.junit.jupiter.api") && c.getPackageName().equals("io.sigload.skew")
                        || inLibrary(to)
                        || t.isArray() && inLibrary(t.getBaseComponentType().getPackageName());
                if (!ok) {
                    violations.add(d.getDescription());
                }
            }
        }
        assertThat(violations).as("library classes that need something a team's class path does not have"
                + " (move the class out of the library packages, or make it use only the JDK and Jackson)").isEmpty();
    }

    @Test
    void libraryClassesAreJava21_toolClassesJava25() throws IOException {
        Path root = Path.of("target", "classes", "io", "sigload");
        Set<String> wrong = new TreeSet<>();
        int library = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String pkg = root.getParent().getParent().relativize(f.getParent()).toString().replace('/', '.');
                int expected = inLibrary(pkg) ? 65 : 69;
                library += expected == 65 ? 1 : 0;
                int major = major(f);
                if (major != expected) {
                    wrong.add(f + ": class file " + major + ", expected " + expected);
                }
            }
        }
        assertThat(library).as("library classes found").isGreaterThan(50);
        assertThat(wrong).as("pom.xml compiles the library packages with --release 21 and the rest with 25;"
                + " LibraryTest.LIBRARY and the compiler plugin's includes must list the same packages").isEmpty();
    }

    @Test
    void everyDependencyTheLibraryDoesNotNeedIsOptional() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element project = doc.getDocumentElement();
        Element deps = null;
        for (var n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                deps = e;
            }
        }
        assertThat(deps).isNotNull();
        List<String> leaking = new ArrayList<>();
        Set<String> found = new TreeSet<>();
        NodeList list = deps.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            Element d = (Element) list.item(i);
            String ga = text(d, "groupId") + ":" + text(d, "artifactId");
            String scope = text(d, "scope");
            boolean optional = "true".equals(text(d, "optional"));
            boolean reachesConsumers = scope == null || scope.equals("compile") || scope.equals("runtime");
            if (reachesConsumers && !optional) {
                found.add(ga);
                if (!LIBRARY_DEPENDENCIES.contains(ga)) {
                    leaking.add(ga);
                }
            }
        }
        assertThat(leaking).as("dependencies that would reach every team's test class path: mark them"
                + " <optional>true</optional> (docs/library.md, 'Dependencies')").isEmpty();
        assertThat(found).isEqualTo(LIBRARY_DEPENDENCIES);
    }

    private static String text(Element e, String tag) {
        NodeList l = e.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().strip();
    }

    private static int major(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile); DataInputStream d = new DataInputStream(in)) {
            d.readInt();
            d.readUnsignedShort();
            return d.readUnsignedShort();
        }
    }
}
