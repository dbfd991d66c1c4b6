package io.sigload.sign;

/**
 * A signer could not produce a token. The run counts it under {@link #category()} and goes on.
 *
 * <p>Messages never contain the secret.
 */
public final class SignException extends Exception {
    private final String category;

    /**
     * @param category a stable, upper-case category, e.g. {@code MINT_ERROR}, {@code CONNECTION_REFUSED},
     *     {@code HTTP_5XX}; reports group failures by it
     * @param message what happened, for people
     */
    public SignException(String category, String message) {
        super(message, null, false, false);
        this.category = category;
    }

    /**
     * @param category as above
     * @param message as above
     * @param cause the underlying exception, kept for {@code --stacktrace}
     */
    public SignException(String category, String message, Throwable cause) {
        super(message, cause, false, false);
        this.category = category;
    }

    /** The category this failure is counted under. */
    public String category() {
        return category;
    }
}
