package io.sigload.validate;

/** How much a reason code matters: refused, accepted but fragile, or an explanation for people. */
public enum Severity {
    /** The token would be refused ("Signature is invalid", errorCode 3712). */
    ERROR,
    /** Accepted, but one step from failing. */
    WARNING,
    /** Not a rule: the likely cause of the errors, for people. */
    HINT
}
