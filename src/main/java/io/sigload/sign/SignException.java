package io.sigload.sign;

/**
 * A signer could not produce a token. The run counts it under {@link #category()} and goes on.
 *
 * <p>Messages never contain the secret.
 */
public final class SignException extends Exception {
    private final FailureCategory category;

    /**
     * @param category the category reports count it under, e.g. {@link FailureCategory#MINT_ERROR},
     *     {@link FailureCategory#HTTP_5XX}; not {@code null}
     * @param message what happened, for people
     */
    public SignException(FailureCategory category, String message) {
        super(message, null, false, false);
        this.category = category;
    }

    /**
     * @param category as above
     * @param message as above
     * @param cause the underlying exception, kept for {@code --stacktrace}
     */
    public SignException(FailureCategory category, String message, Throwable cause) {
        super(message, cause, false, false);
        this.category = category;
    }

    /** The category this failure is counted under. */
    public FailureCategory category() {
        return category;
    }
}
