package io.sigload.bench;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Benchmark-only deliberate slowdown for proving the gate: N extra HMAC-SHA256s and M extra
 * SHA-256 compressions (64-byte blocks, ~55 ns each here) per operation, switched on by a classpath
 * resource ({@code extraHmacs=N}, {@code extraBlocks=M}) that only the "slowed" test jar contains.
 * The blocks give a finer step, so a ~30% slowdown can be set for a cheap signer too ({@code fast}
 * costs about 9 compressions' worth). Never used by the real signers.
 */
final class Slowdown {
    private final int extraHmacs;
    private final int extraBlocks;
    private final MessageDigest sha256;
    private final byte[] innerPad = new byte[64];
    private final byte[] outerPad = new byte[64];
    private final byte[] input = Fixture.signingInput();
    private final byte[] out = new byte[32];
    private long ops;

    private Slowdown(int extraHmacs, int extraBlocks) {
        this.extraHmacs = extraHmacs;
        this.extraBlocks = extraBlocks;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] key = Fixture.secret().bytes();
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
    }

    static Slowdown fromResource(String resource) {
        int n = 0;
        int blocks = 0;
        try (InputStream in = Slowdown.class.getResourceAsStream(resource)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                n = Integer.parseInt(p.getProperty("extraHmacs", "0").strip());
                blocks = Integer.parseInt(p.getProperty("extraBlocks", "0").strip());
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e, e);
        }
        return new Slowdown(n, blocks);
    }

    int extraHmacs() {
        return extraHmacs;
    }

    /**
     * N HMACs of the 241-byte signing input (the 7 SHA-256 compressions a reused {@code Mac} does,
     * on one reused digest): pure extra time, no extra allocation, so the proof exercises the time
     * gate, not the allocation gate ({@code Mac.doFinal} would allocate ~70 B per call).
     */
    void apply(String token, Blackhole bh) {
        try {
            for (int i = 0; i < extraHmacs; i++) {
                sha256.update(innerPad);
                sha256.update(input);
                sha256.digest(out, 0, 32);
                sha256.update(outerPad);
                sha256.update(out, 0, 32);
                sha256.digest(out, 0, 32);
                bh.consume(out[i & 31] ^ token.length());
            }
            if (extraBlocks > 0) {
                // One compression per 64-byte block of the input: update() never pads, and the
                // digest's state is live, so the JIT cannot drop it; digest() (one more padding
                // compression) only every 64 operations keeps the length counter honest.
                for (int i = 0; i < extraBlocks; i++) {
                    sha256.update(input, 0, 64);
                }
                if ((++ops & 63) == 0) {
                    sha256.digest(out, 0, 32);
                    bh.consume(out[0]);
                }
            }
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
