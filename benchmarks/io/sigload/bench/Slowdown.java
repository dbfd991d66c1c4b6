package io.sigload.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark-only deliberate slowdown for proving the gate: N extra HMAC-SHA256s of the token per
 * operation, switched on by a classpath resource that only the "slowed" test jar contains.
 * Never used by the real signers.
 */
final class Slowdown {
    private final int extraHmacs;
    private final Mac mac;

    private Slowdown(int extraHmacs, Mac mac) {
        this.extraHmacs = extraHmacs;
        this.mac = mac;
    }

    static Slowdown fromResource(String resource) {
        int n = 0;
        try (InputStream in = Slowdown.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                n = Integer.parseInt(p.getProperty("extraHmacs", "0").strip());
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e, e);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Fixture.secret().bytes(), "HmacSHA256"));
            return new Slowdown(n, mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int extraHmacs() {
        return extraHmacs;
    }

    void apply(String token, Blackhole bh) {
        for (int i = 0; i < extraHmacs; i++) {
            bh.consume(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
