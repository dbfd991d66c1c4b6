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
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--html", html.toString())).isEqualTo(Main.OK);
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
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--html", run.toString())).isEqualTo(Main.OK);
        assertThat(sigload("skew", "scenarios/skew-floor-minus-30.yaml", "--from", "-2h", "--to", "5m", "--html",
                skew.toString())).isZero();
        Path compare = dir.resolve("compare.html");
        assertThat(sigload("compare", "scenarios/thirty-users.yaml", "--in-process", "--signer", "java-jwt", "--signer",
                "fast", "--signer", "nimbus", "--skew-from", "-3h", "--skew-to", "10m", "--html", compare.toString()))
                .isEqualTo(Main.OK);
        Path shots = Files.createDirectories(Path.of("target", "render"));
        for (Path p : new Path[] {run, skew, compare}) {
            String output = render(p, shots);
            assertThat(output).contains("rendered").contains(", 0 with no visible point");
        }
        // the skew report has no load run: no empty load-run sections, only the skew window
        assertThat(render(skew, shots)).contains("2 charts, 2 series");
        // three signers with the same participants: one scatter series each, all visible (offset rows)
        assertThat(render(compare, shots)).doesNotContain("with no visible point: ");
    }

    @Test
    void theRenderCheck_failsWhenASeriesHasNoVisiblePoint(@TempDir Path dir) throws Exception {
        boolean chromium = new ProcessBuilder("bash", "-c", "command -v chromium || command -v chromium-browser").start()
                .waitFor() == 0;
        assumeTrue(chromium || "true".equalsIgnoreCase(System.getenv("CI")), "chromium is not installed");
        Path run = dir.resolve("run.html");
        assertThat(sigload("run", "scenarios/thirty-users.yaml", "--html", run.toString())).isEqualTo(Main.OK);
        String page = Files.readString(run);
        int end = page.lastIndexOf("</body>");
        // a chart whose only series lies outside its axes: drawn, but nothing of it can be seen
        Files.writeString(run, page.substring(0, end) + "<script>(function () { var c = document.createElement('canvas');"
                + " document.body.appendChild(c); window.sigloadCharts.push(new Chart(c.getContext('2d'), {type: 'line',"
                + " data: {datasets: [{label: 'lost', data: [{x: 100, y: 1}]}]},"
                + " options: {scales: {x: {type: 'linear', min: 0, max: 10}}}})); })();</script>" + page.substring(end));
        Process r = new ProcessBuilder("bash", "build/render-html.sh", run.toString()).redirectErrorStream(true).start();
        assertThat(r.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String output = new String(r.getInputStream().readAllBytes());
        assertThat(r.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("no visible point: chart 5").contains("series lost");
    }

    private static String render(Path page, Path shots) throws Exception {
        Process r = new ProcessBuilder("bash", "build/render-html.sh", page.toString(),
                shots.resolve(page.getFileName() + ".png").toString()).redirectErrorStream(true).start();
        assertThat(r.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String output = new String(r.getInputStream().readAllBytes());
        assertThat(r.exitValue()).as(output).isZero();
        return output;
    }
}
