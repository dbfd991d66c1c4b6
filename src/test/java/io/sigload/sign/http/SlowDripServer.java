package io.sigload.sign.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A one-connection HTTP server on 127.0.0.1 that sends a 200 status and headers at once, then the
 * body one byte every 50 ms: each read is quick, the whole body never comes in time. It stops
 * after 200 bytes (10 s) or when the client goes away.
 */
final class SlowDripServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread thread;

    private SlowDripServer(ServerSocket listener) {
        this.listener = listener;
        this.thread = Thread.ofVirtual().start(this::serveOne);
    }

    static SlowDripServer start() throws IOException {
        return new SlowDripServer(new ServerSocket(0, 4, InetAddress.getLoopbackAddress()));
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serveOne() {
        try (Socket s = listener.accept()) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            in.read(buf);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 200; i++) {
                out.write(i == 0 ? '{' : ' ');
                out.flush();
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up: that is the point
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        thread.interrupt();
    }
}
