package io.sigload.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/**
 * README's "Use it in your own tests" is what the consumer build (src/it/consumer) does: its test
 * class verbatim, its one dependency with this build's version.
 */
class ReadmeLibraryTest {
    static final Path README = Path.of("README.md");
    static final Path CONSUMER = Path.of("src", "it", "consumer");

    @Test
    void readmeShowsTheConsumerBuildsTestVerbatim() throws Exception {
        String test = Files.readString(CONSUMER.resolve("src/test/java/com/example/signing/TokenSkewTest.java"));
        assertThat(Files.readString(README)).contains("```java\n" + test.strip() + "\n```");
    }

    @Test
    void readmeShowsTheConsumerBuildsDependencyWithThisVersion() throws Exception {
        String pom = Files.readString(CONSUMER.resolve("pom.xml"));
        String snippet = pom.substring(pom.indexOf("<!-- [sigload]"), pom.indexOf("<!-- [/sigload] -->"));
        String dependency = snippet.substring(snippet.indexOf("<dependency>"), snippet.indexOf("</dependency>")
                + "</dependency>".length()).replace("@project.version@", version()).replace("\n    ", "\n");
        String readme = Files.readString(README);
        assertThat(readme).contains("```xml\n" + dependency + "\n```");
        assertThat(Files.readString(Path.of("docs", "library.md"))).contains("```xml\n" + dependency + "\n```");
    }

    private static String version() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        for (var n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("version".equals(n.getNodeName())) {
                return n.getTextContent().strip();
            }
        }
        throw new AssertionError("no version in pom.xml");
    }
}
