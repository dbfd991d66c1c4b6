package io.sigload.sign;

import io.sigload.token.Secret;
import java.security.GeneralSecurityException;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@link SignerFault#SHARED_MAC} bug as code: one initialised {@code javax.crypto.Mac} used by
 * every request without a lock, as a singleton bean holding a Mac does. {@code Mac} is not
 * thread-safe: when two requests overlap between {@code update} and {@code doFinal}, each MAC
 * covers the other's bytes (or none), and the digest may throw. The window between the last
 * {@code update} and {@code doFinal} is widened on purpose ({@link RaceWindow}).
 *
 * <p>After an exception the Mac is reset, so one race does not break the signer for the rest of
 * the run (a real shared Mac may stay broken; that is a different symptom). Deliberately
 * <b>not</b> thread-safe: that is the fault.
 */
public final class SharedMac {
    private final Mac mac;
    private final Runnable window;

    /**
     * @param secret the HMAC key is its UTF-8 bytes
     * @param window what runs between the last {@code update} and {@code doFinal}, e.g. {@link RaceWindow#widen()}
     */
    public SharedMac(Secret secret, Runnable window) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(secret.bytes(), "HmacSHA256")); // a Secret is never empty
            this.mac = m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the runtime has no HmacSHA256", e);
        }
        this.window = window;
    }

    /**
     * The MAC of the bytes {@code feed} passes to the shared Mac's {@code update}.
     *
     * @param feed calls {@code update} on the Mac it is given, once or more
     * @return 32 bytes: HMAC-SHA256 of the bytes fed when no other request overlapped, else garbage
     * @throws IllegalStateException (or another runtime exception) when the race corrupts the digest
     */
    public byte[] mac(Consumer<Mac> feed) {
        try {
            feed.accept(mac);
            window.run();
            return mac.doFinal();
        } catch (RuntimeException e) {
            mac.reset();
            throw e;
        }
    }
}
