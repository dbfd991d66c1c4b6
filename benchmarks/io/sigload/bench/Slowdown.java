package io.sigload.bench;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark-only deliberate slowdown for proving the gate: N extra HMAC-SHA256s per operation,
 * switched on by a classpath resource that only the "slowed" test jar contains.
 * Never used by the real signers.
 */
final class Slowdown {
    private final int extraHmacs;
    private final Mac mac;
    private final byte[] input = Fixture.signingInput();
    private final byte[] out = new byte[32];

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

    /**
     * N HMACs of the 241-byte signing input into a reused buffer: pure extra time, no extra
     * allocation (so the proof exercises the time gate, not the allocation gate).
     */
    void apply(String token, Blackhole bh) throws ShortBufferException {
        for (int i = 0; i < extraHmacs; i++) {
            mac.update(input);
            mac.doFinal(out, 0);
            bh.consume(out[i & 31] ^ token.length());
        }
    }
}
