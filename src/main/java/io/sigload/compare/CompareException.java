package io.sigload.compare;

/** A signer's run in a compare could not be carried out; the compare records it and goes on. */
public final class CompareException extends RuntimeException {
    /** @param message what failed and where to look */
    public CompareException(String message) {
        super(message, null, false, false);
    }
}
