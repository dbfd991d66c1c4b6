package io.sigload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code sigload serve --http2}, with and without {@code --tls}: the first line is still the URL. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ServeHttp2CommandTest {
    @Test
    void http2WithTls_printsTheUrlFirstAndWhatItSpeaks(@TempDir Path dir) {
        CliRun run = CliRun.of("serve", "--port", "0", "--demo-credentials", "--tls", "--http2",
                "--cert-out", dir.resolve("c.pem").toString(), "--stop-after", "200ms");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().findFirst().orElse("")).matches("https://127\\.0\\.0\\.1:\\d+/");
        assertThat(run.err()).contains("HTTP/2 (h2) by ALPN").contains("up to 1024 streams per connection")
                .contains("SHA-256 fingerprint").contains("stopped after");
    }

    /** Served in a thread: an HTTP/2 client (the JDK's, by Upgrade: h2c) gets HTTP/2 from the running command. */
    @Test
    void http2InPlainText_answersAnHttp2Client() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread serve = Thread.ofVirtual().start(() -> Main.run(new PrintWriter(out, true),
                new PrintWriter(err, true), "serve", "--port", "0", "--demo-credentials", "--http2",
                "--stop-after", "5s"));
        String url = "";
        for (int i = 0; i < 200 && !url.startsWith("http"); i++) {
            Thread.sleep(25);
            url = out.toString().lines().findFirst().orElse("");
        }
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"meetingNumber\":\"1\",\"role\":0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        serve.join(10_000);
        assertThat(err.toString()).contains("h2c").contains("stopped after 1 requests");
    }
}
