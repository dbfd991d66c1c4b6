package io.sigload.skew;

/** A skew sweep that ended before its report: its deadline passed, or the signer kept failing. */
public final class SweepStoppedException extends Exception {
    public SweepStoppedException(String message) {
        super(message);
    }
}
