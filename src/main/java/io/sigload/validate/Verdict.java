package io.sigload.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * The validator's answer for one token: every broken rule, every warning, every hint.
 *
 * @param errors rules broken; empty means the token is accepted
 * @param warnings accepted but fragile
 * @param hints likely causes, for people
 * @param times the token's {@code iat} and {@code exp} as the validator read them (for a run's
 *     diagnosis evidence, so the recorder never parses a token again); {@link TokenTimes#NONE}
 *     when the token had none readable
 */
public record Verdict(List<Violation> errors, List<Violation> warnings, List<Violation> hints, TokenTimes times) {
    public Verdict {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
        hints = List.copyOf(hints);
        times = times == null ? TokenTimes.NONE : times;
    }

    /** A verdict without readable times. */
    public Verdict(List<Violation> errors, List<Violation> warnings, List<Violation> hints) {
        this(errors, warnings, hints, TokenTimes.NONE);
    }

    /** Whether Zoom would accept the token: no errors. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** Codes of the errors, in the order found. */
    public List<ReasonCode> errorCodes() {
        return errors.stream().map(Violation::code).toList();
    }

    /** Whether an error with this code is present. */
    public boolean hasError(ReasonCode code) {
        for (Violation v : errors) {
            if (v.code() == code) {
                return true;
            }
        }
        return false;
    }

    /** Collects violations into the right list by their code's severity; not thread-safe. */
    public static final class Builder {
        private final List<Violation> errors = new ArrayList<>(4);
        private final List<Violation> warnings = new ArrayList<>(2);
        private final List<Violation> hints = new ArrayList<>(2);
        private TokenTimes times = TokenTimes.NONE;

        /** Sets the token's times as read (see {@link Verdict#times()}). */
        public Builder times(TokenTimes t) {
            this.times = t == null ? TokenTimes.NONE : t;
            return this;
        }

        /** Adds a violation, unless one with the same code is already there (each code once). */
        public Builder add(Violation v) {
            List<Violation> target = switch (v.code().severity()) {
                case ERROR -> errors;
                case WARNING -> warnings;
                case HINT -> hints;
            };
            for (Violation existing : target) {
                if (existing.code() == v.code()) {
                    return this;
                }
            }
            target.add(v);
            return this;
        }

        public boolean hasError(ReasonCode code) {
            return errors.stream().anyMatch(v -> v.code() == code);
        }

        public Verdict build() {
            return new Verdict(errors, warnings, hints, times);
        }
    }
}
