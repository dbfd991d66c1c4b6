package io.sigload.guard;

/**
 * Input from outside refused by {@link BoundedRead}: too large, a device, unreadable, or not there
 * in time. The message says why, without the path (callers put the path and what the file is for
 * in front) and never quotes the content.
 */
public final class InputRefusedException extends Exception {
    public InputRefusedException(String message) {
        super(message);
    }
}
