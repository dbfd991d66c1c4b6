package io.sigload.sign;

/** A signer's options are wrong; the message names the option and what is allowed. */
public final class SignerConfigException extends Exception {
    private final String field;

    /**
     * @param field the option's path under {@code signer}, e.g. {@code url}
     * @param message what is wrong and what is allowed
     */
    public SignerConfigException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The option's path under {@code signer}. */
    public String field() {
        return field;
    }
}
