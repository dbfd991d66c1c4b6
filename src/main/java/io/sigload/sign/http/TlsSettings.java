package io.sigload.sign.http;

import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How the {@code http} signer trusts an {@code https://} endpoint (RFC 9110 §4.3.4; TLS per
 * RFC 8446): by default the JDK's system trust store and hostname verification; {@code caFile:
 * PATH} trusts the PEM certificates in that file instead (a staging CA, or the certificate
 * {@code sigload serve --tls} writes); {@code insecure: true} trusts any certificate and skips
 * hostname verification, and the run's report then says so in a warning.
 *
 * @param trustManager the trust decisions
 * @param context an {@link SSLContext} initialised with {@link #trustManager}
 * @param insecure whether certificates are not checked at all
 * @param caFile the CA file, or {@code null}
 *
 * <p>Immutable and thread-safe.
 */
record TlsSettings(X509TrustManager trustManager, SSLContext context, boolean insecure, Path caFile) {
    /** What a run's report says when {@code insecure: true}. */
    static final String INSECURE_WARNING = "INSECURE: insecure: true, the endpoint's TLS certificate and hostname"
            + " were NOT verified; anyone on the path could have answered";

    /**
     * Reads {@code caFile} and {@code insecure}.
     *
     * @throws SignerConfigException when the CA file cannot be read or holds no certificate, or
     *     both are given
     */
    static TlsSettings from(SignerConfig config) throws SignerConfigException {
        boolean insecure = config.options().path("insecure").asBoolean(false);
        if (config.options().has("insecure") && !config.options().get("insecure").isBoolean()) {
            throw new SignerConfigException("insecure", "insecure is true or false");
        }
        String ca = config.options().path("caFile").asText(null);
        try {
            if (insecure && ca != null) {
                throw new SignerConfigException("insecure", "give caFile or insecure: true, not both");
            }
            if (insecure) {
                X509TrustManager all = new TrustAll();
                return new TlsSettings(all, context(all), true, null);
            }
            if (ca != null) {
                Path p = Path.of(ca);
                if (!p.isAbsolute() && config.baseDirectory() != null) {
                    p = config.baseDirectory().resolve(p);
                }
                X509TrustManager tm = trustManager(caKeyStore(p));
                return new TlsSettings(tm, context(tm), false, p);
            }
            X509TrustManager tm = trustManager(null);
            return new TlsSettings(tm, context(tm), false, null);
        } catch (GeneralSecurityException e) {
            throw new SignerConfigException(ca != null ? "caFile" : "url", "cannot set up TLS: " + e.getMessage());
        }
    }

    private static KeyStore caKeyStore(Path p) throws SignerConfigException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(p)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new SignerConfigException("caFile", "cannot read caFile " + p + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new SignerConfigException("caFile", "caFile " + p + " is not PEM certificates: " + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw new SignerConfigException("caFile", "caFile " + p + " holds no certificate (PEM, -----BEGIN"
                    + " CERTIFICATE-----)");
        }
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("ca-" + i++, c);
        }
        return ks;
    }

    /** The default trust manager for a key store ({@code null}: the JDK's system trust store). */
    private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager t : f.getTrustManagers()) {
            if (t instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {tm}, null);
        return c;
    }

    /** Trusts everything (insecure: true). Never the default. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** For reports: where trust comes from. */
    String describe() {
        return insecure ? "TLS NOT VERIFIED (insecure: true)" : caFile != null ? "TLS trusting caFile " + caFile
                : "TLS trusting the system trust store";
    }
}
