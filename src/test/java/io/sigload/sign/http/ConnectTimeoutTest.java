package io.sigload.sign.http;

import static io.sigload.sign.http.HttpSignerFixture.options;
import static io.sigload.sign.http.HttpSignerFixture.request;
import static io.sigload.sign.http.HttpSignerFixture.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connect timeouts on loopback. A loopback SYN is answered at once, so the real test fills a
 * listener's accept queue (backlog 1, never accepted): Linux then drops further SYNs and the next
 * connect gets no answer. When the kernel does not behave that way (another OS, syncookies), the
 * test is skipped and {@link #classify_socketTimeoutDuringConnect} still checks the mapping.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectTimeoutTest {
    @Test
    void connectTimeout_whenAcceptQueueIsFull() throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            boolean full = false;
            for (int i = 0; i < 16 && !full; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(address, 200);
                } catch (SocketTimeoutException e) {
                    full = true;
                }
            }
            Assumptions.assumeTrue(full, "this kernel answers SYNs on a full accept queue");
            try (HttpSigner signer = signer(options("http://127.0.0.1:" + listener.getLocalPort() + "/"))) {
                SignException e = assertThrows(SignException.class, () -> signer.sign(request()));
                assertThat(e.category()).isEqualTo(FailureCategory.CONNECT_TIMEOUT);
                assertThat(e.getMessage()).contains("500ms");
            }
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }

    @Test
    void classify_socketTimeoutDuringConnect() throws Exception {
        HttpSignerOptions o = HttpSignerOptions.from(HttpSignerFixture.config(options("http://127.0.0.1:9/"),
                Map.of(), 1));
        assertThat(Failures.classify(new SocketTimeoutException("Connect timed out"), false, false, o).category())
                .isEqualTo(FailureCategory.CONNECT_TIMEOUT);
        IOException wrapped = new ConnectException("Failed to connect to /127.0.0.1:9");
        wrapped.initCause(new SocketTimeoutException("connect timed out"));
        assertThat(Failures.classify(wrapped, false, false, o).category()).isEqualTo(FailureCategory.CONNECT_TIMEOUT);
        IOException refused = new ConnectException("Failed to connect to /127.0.0.1:9");
        refused.initCause(new ConnectException("Connection refused"));
        assertThat(Failures.classify(refused, false, false, o).category()).isEqualTo(FailureCategory.CONNECTION_REFUSED);
        assertThat(Failures.classify(new SocketTimeoutException("timeout"), true, false, o).category())
                .isEqualTo(FailureCategory.READ_TIMEOUT);
        assertThat(Failures.classify(new SocketTimeoutException("timeout"), true, true, o).getMessage())
                .contains("callTimeout 1s");
        assertThat(Failures.classify(new UnknownHostException("nowhere.invalid"), false, false, o).category())
                .isEqualTo(FailureCategory.TRANSPORT_ERROR);
    }
}
