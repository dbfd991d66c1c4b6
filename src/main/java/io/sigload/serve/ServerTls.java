package io.sigload.serve;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS identity of {@code sigload serve --tls}: a self-signed X.509 certificate (EC P-256,
 * SHA256withECDSA; RFC 5280) made at start with Bouncy Castle's certificate builder, its subject
 * alternative names the given DNS names and IP addresses (RFC 6125: what a client's hostname
 * check compares), also marked as a CA so a client can trust it as {@code caFile:}. The private
 * key never leaves memory; the certificate is offered as PEM and by its SHA-256 fingerprint.
 *
 * @param context a server {@link SSLContext} holding the key and certificate
 * @param certificate the certificate
 * @param issuer the CA that issued it ({@link #issuedByNewCa}), or {@code null} when self-signed
 *
 * <p>Immutable and thread-safe.
 */
public record ServerTls(SSLContext context, X509Certificate certificate, X509Certificate issuer) {
    /** Names a loopback server answers to. */
    public static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "::1");

    /** A certificate valid from an hour ago for {@code validity}, for these names. */
    public static ServerTls selfSigned(List<String> names, Duration validity) {
        Instant now = Instant.now();
        return selfSigned(names, now.minus(Duration.ofHours(1)), now.plus(validity));
    }

    /**
     * A certificate valid in {@code [notBefore, notAfter]} (tests make expired ones).
     *
     * @param names DNS names and IP addresses (literal), at least one
     * @throws IllegalStateException when this runtime cannot make an EC key or sign
     */
    public static ServerTls selfSigned(List<String> names, Instant notBefore, Instant notAfter) {
        KeyPair pair = keyPair();
        X509Certificate cert = certificate(names, notBefore, notAfter, pair, null, null, true);
        return new ServerTls(context(pair, cert, null), cert, null);
    }

    /**
     * A certificate for {@code names} valid in {@code [notBefore, notAfter]}, issued by a new CA
     * (valid from an hour ago for a day) whose certificate is what a client trusts
     * ({@link #pem()}): how an expired server certificate looks to a client that trusts its CA
     * (a trust anchor's own dates are not checked, RFC 5280 §6.1, so a self-signed one cannot show it).
     */
    public static ServerTls issuedByNewCa(List<String> names, Instant notBefore, Instant notAfter) {
        Instant now = Instant.now();
        KeyPair caPair = keyPair();
        X509Certificate ca = certificate(List.of("sigload test CA"), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), caPair, null, null, true);
        KeyPair pair = keyPair();
        X509Certificate cert = certificate(names, notBefore, notAfter, pair, ca, caPair, false);
        return new ServerTls(context(pair, cert, ca), cert, ca);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an EC P-256 key: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(List<String> names, Instant notBefore, Instant notAfter, KeyPair pair,
            X509Certificate issuer, KeyPair issuerPair, boolean ca) {
        try {
            X500Name subject = new X500Name("CN=" + names.get(0) + ",O=sigload serve self-signed");
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notAfter), subject,
                    pair.getPublic());
            if (!ca || issuer == null && !names.get(0).startsWith("sigload test CA")) {
                List<GeneralName> sans = new ArrayList<>();
                for (String n : names) {
                    sans.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
                }
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            KeyPair signer = issuerPair == null ? pair : issuerPair;
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a certificate: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyPair pair, X509Certificate cert, X509Certificate issuer) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pass = new char[0];
            ks.setKeyEntry("serve", pair.getPrivate(), pass,
                    issuer == null ? new Certificate[] {cert} : new Certificate[] {cert, issuer});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a key store: " + e.getMessage(), e);
        }
    }

    private static boolean isIp(String n) {
        if (n.contains(":")) {
            return true;
        }
        if (!n.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(n);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What a client trusts, as PEM ({@code -----BEGIN CERTIFICATE-----}, RFC 7468): the issuing
     * CA's certificate, or the certificate itself when self-signed.
     */
    public String pem() {
        X509Certificate trusted = issuer != null ? issuer : certificate;
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(trusted.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons (as {@code openssl x509 -fingerprint -sha256}). */
    public String fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names in the certificate, for messages. */
    public String names() {
        try {
            List<String> out = new ArrayList<>();
            if (certificate.getSubjectAlternativeNames() != null) {
                certificate.getSubjectAlternativeNames().forEach(l -> out.add(String.valueOf(l.get(1))));
            }
            return String.join(", ", out).toLowerCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }
}
