package io.sigload.serve;

import io.sigload.token.Secret;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a {@link SignatureServer} needs. Immutable.
 *
 * @param bind address and port to listen on; port 0 picks a free port
 * @param sdkKey the SDK key written into tokens and answers
 * @param secret the SDK secret (HMAC key); never printed
 * @param minting the server's clock and {@code iat} formula
 * @param faults injected faults ({@link Faults#none()} for none)
 */
public record ServeConfig(InetSocketAddress bind, String sdkKey, Secret secret, Minting minting, Faults faults) {
    /** Zoom's sample on 127.0.0.1 and a free port, without faults. */
    public static ServeConfig loopback(String sdkKey, Secret secret) {
        return new ServeConfig(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), sdkKey, secret,
                Minting.zoomSample(), Faults.none());
    }

    /** The same config with another clock and formula. */
    public ServeConfig withMinting(Minting m) {
        return new ServeConfig(bind, sdkKey, secret, m, faults);
    }

    /** The same config with other faults. */
    public ServeConfig withFaults(Faults f) {
        return new ServeConfig(bind, sdkKey, secret, minting, f);
    }
}
