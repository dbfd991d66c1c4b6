package io.sigload.gate;

/**
 * A result file the gate cannot judge: missing, truncated, not JMH's JSON, or not comparable
 * with the other side (different benchmark set, another JDK). The CLI turns it into exit 2: the
 * gate never passes silently on bad input.
 */
public final class GateInputException extends Exception {
    public GateInputException(String message) {
        super(message, null, false, false);
    }
}
