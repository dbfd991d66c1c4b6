package io.sigload.threshold;

/** A threshold expression that cannot be parsed; the message shows the grammar by example. */
public final class ThresholdException extends Exception {
    /** @param message what is wrong, with examples */
    public ThresholdException(String message) {
        super(message, null, false, false);
    }
}
