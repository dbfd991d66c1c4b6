package io.sigload.sign.http;

import static io.sigload.clock.Durations.format;

import io.sigload.sign.FailureCategory;
import io.sigload.sign.SignException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * How a failure of the {@code http} signer maps to its {@link FailureCategory}: how an {@link IOException} from OkHttp maps
 * to one. Stateless and thread-safe.
 *
 * <p>What OkHttp 5 throws on the JVM: a refused TCP connect is a {@link ConnectException}
 * ("Failed to connect to /127.0.0.1:PORT", caused by "Connection refused"); a connect that gets no
 * answer is a {@link SocketTimeoutException} "Connect timed out"; a read with no byte for
 * {@code readTimeout} is a {@link SocketTimeoutException} "timeout" or "Read timed out"; the call
 * timeout surfaces as that same "timeout", told apart by the time the attempt took.
 */
public final class Failures {
    /** Categories worth another attempt when {@code retries > 0}. */
    static final Set<FailureCategory> RETRYABLE = Set.of(FailureCategory.CONNECTION_REFUSED,
            FailureCategory.CONNECT_TIMEOUT, FailureCategory.READ_TIMEOUT, FailureCategory.HTTP_5XX,
            FailureCategory.TRANSPORT_ERROR);

    private Failures() {
    }

    /** A TLS failure's category and first example, or {@code null} when {@code e} is not one. */
    static SignException tls(Throwable e, String url) {
        boolean ssl = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            String name = t.getClass().getName();
            if (t instanceof CertificateExpiredException
                    || t instanceof CertificateNotYetValidException
                    || m.contains("validity check failed")) {
                return new SignException(FailureCategory.TLS_CERTIFICATE_EXPIRED, "the TLS certificate of " + url
                        + " is outside its validity period: " + m, e);
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return new SignException(FailureCategory.TLS_HOSTNAME_MISMATCH, "the TLS certificate of " + url
                        + " is not for its host: " + m, e);
            }
            if (name.endsWith("SunCertPathBuilderException") || t instanceof CertPathValidatorException
                    || m.contains("PKIX path")) {
                return new SignException(FailureCategory.TLS_UNTRUSTED_CERTIFICATE, "the TLS certificate of " + url + " does not chain"
                        + " to a trusted CA (add it with caFile:, or fix the server's chain): " + m, e);
            }
            if (name.endsWith("NotSslRecordException") || m.contains("Unsupported or unrecognized SSL message")
                    || m.contains("not an SSL/TLS record")) {
                return new SignException(FailureCategory.TLS_TO_PLAIN_PORT, url + " answered in plain text, not TLS: is it an http://"
                        + " port?", e);
            }
            ssl |= t instanceof SSLException;
        }
        return ssl ? new SignException(FailureCategory.TLS_HANDSHAKE_FAILED, "TLS with " + url + " failed: " + e.getMessage(), e) : null;
    }

    private static String ephemeralRange() {
        try {
            return Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip().replace('\t', '-');
        } catch (IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /**
     * Classifies a transport failure.
     *
     * @param e what OkHttp threw
     * @param responseStarted whether the status line had arrived
     * @param callTimedOut whether the attempt ran for {@code callTimeout} (OkHttp then reports a
     *     {@link SocketTimeoutException} "timeout", exactly like a read timeout)
     * @param options for the timeouts named in the message
     * @return the failure, with {@code e} as its cause
     */
    public static SignException classify(IOException e, boolean responseStarted, boolean callTimedOut,
            HttpSignerOptions options) {
        String url = options.url().redact();
        SignException tls = tls(e, url);
        if (tls != null) {
            return tls;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Cannot assign requested address")) {
                return new SignException(FailureCategory.PORTS_EXHAUSTED, "no local port left to connect to " + url + " (ephemeral"
                        + " range " + ephemeralRange() + " used up, sockets in TIME_WAIT): " + t.getMessage(), e);
            }
        }
        if (callTimedOut) {
            return new SignException(FailureCategory.READ_TIMEOUT, (responseStarted ? "body from " : "answer from ") + url
                    + " not complete within callTimeout " + format(options.callTimeout()), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof SocketTimeoutException && msg.contains("connect")
                    || t instanceof ConnectException && msg.contains("timed out")) {
                return new SignException(FailureCategory.CONNECT_TIMEOUT, "no TCP answer from " + url + " within connectTimeout "
                        + format(options.connectTimeout()), e);
            }
            if (t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return new SignException(FailureCategory.TRANSPORT_ERROR, "cannot reach " + url + ": " + t, e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return new SignException(FailureCategory.CONNECTION_REFUSED, "connection refused by " + url
                        + " (nothing listens on that port?)", e);
            }
        }
        if (e instanceof SocketTimeoutException) {
            return new SignException(FailureCategory.READ_TIMEOUT, "no byte from " + url + " within readTimeout "
                    + format(options.readTimeout()), e);
        }
        return new SignException(FailureCategory.TRANSPORT_ERROR, "transport error with " + url + ": " + e, e);
    }
}
