package io.sigload.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sigload.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML reports are one self-contained file, and render with charts and without console errors
 * in headless Chromium ({@code build/render-html.sh}). The render test is skipped when chromium is
 * not installed, except under {@code CI=true}, where it must be.
 */
class HtmlReportTest {
    static int sigload(String... args) {
        return Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    @Test
    void runReport_isSelfContained_withChartJsAndTheData(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("run.html");
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--html", html.toString())).isZero();
        String text = Files.readString(html);
        assertThat(text).contains("Chart.js").contains("\"scatter\":[").contains("IAT_IN_FUTURE")
                .doesNotContain("src=\"http").doesNotContain("href=\"http");
        int data = text.indexOf("id=\"sigload-data\">");
        assertThat(text.substring(data, text.indexOf("</script>", data))).doesNotContain("</");
    }

    @Test
    void runAndSkewReports_renderInHeadlessChromium_withoutConsoleErrors(@TempDir Path dir) throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean chromium = new ProcessBuilder("bash", "-c", "command -v chromium || command -v chromium-browser").start()
                .waitFor() == 0;
        assumeTrue(chromium || ci, "chromium is not installed (apt-get install -y chromium)");
        Path run = dir.resolve("run.html");
        Path skew = dir.resolve("skew.html");
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--html", run.toString())).isZero();
        assertThat(sigload("skew", "scenarios/skew-floor-minus-30.yaml", "--from", "-2h", "--to", "5m", "--html",
                skew.toString())).isZero();
        Path shots = Files.createDirectories(Path.of("target", "render"));
        for (Path p : new Path[] {run, skew}) {
            Process r = new ProcessBuilder("bash", "build/render-html.sh", p.toString(),
                    shots.resolve(p.getFileName() + ".png").toString()).redirectErrorStream(true).start();
            assertThat(r.waitFor(240, TimeUnit.SECONDS)).isTrue();
            String output = new String(r.getInputStream().readAllBytes());
            assertThat(r.exitValue()).as(output).isZero();
            assertThat(output).contains("rendered");
        }
    }
}
