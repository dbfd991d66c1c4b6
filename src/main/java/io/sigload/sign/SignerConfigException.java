package io.sigload.sign;

import java.util.Collection;
import java.util.List;

/** A signer's options are wrong; the message names the option and what is allowed. */
public final class SignerConfigException extends Exception {
    private final String field;
    private final String found;
    private final List<String> allowed;

    /**
     * @param field the option's path under {@code signer}, e.g. {@code url}
     * @param message what is wrong and what is allowed
     */
    public SignerConfigException(String field, String message) {
        this(field, message, null, List.of());
    }

    /**
     * An option whose value is not one of a few words: the scenario reader adds "Did you mean ...?"
     * for a near miss.
     *
     * @param found the value given
     * @param allowed the values allowed
     */
    public SignerConfigException(String field, String message, String found, Collection<String> allowed) {
        super(message, null, false, false);
        this.field = field;
        this.found = found;
        this.allowed = List.copyOf(allowed);
    }

    /** The option's path under {@code signer}. */
    public String field() {
        return field;
    }

    /** The value given, when the option takes one of {@link #allowed()}; else {@code null}. */
    public String found() {
        return found;
    }

    /** The values the option allows, or empty when it is not a choice of words. */
    public List<String> allowed() {
        return allowed;
    }
}
