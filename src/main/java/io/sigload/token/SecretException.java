package io.sigload.token;

/** A secret that cannot be loaded; the message says how to supply it and never holds a value. */
public final class SecretException extends Exception {
    /** @param message what is missing and how to supply it */
    public SecretException(String message) {
        super(message, null, false, false);
    }
}
