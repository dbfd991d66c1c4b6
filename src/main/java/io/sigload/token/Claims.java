package io.sigload.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ordered, immutable set of claims (RFC 7519 §4), in the order they are written.
 *
 * <p>NumericDates ({@code iat}, {@code exp}, {@code tokenExp}) are seconds since the epoch
 * (RFC 7519 §2); their Java type says whether they are integers ({@code Long}/{@code Integer})
 * or fractional ({@code Double}), because the generator mistakes this tool reproduces live there.
 *
 * @param entries the claims, names unique
 */
public record Claims(List<Claim> entries) {
    public Claims {
        entries = List.copyOf(entries);
    }

    /** The value of a claim, if present. */
    public Optional<Object> get(String name) {
        for (Claim c : entries) {
            if (c.name().equals(name)) {
                return Optional.of(c.value());
            }
        }
        return Optional.empty();
    }

    /** A builder that keeps insertion order; a repeated name replaces the earlier value in place. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder for {@link Claims}; not thread-safe. */
    public static final class Builder {
        private final List<Claim> list = new ArrayList<>(10);

        /** Adds or replaces a claim; a {@code null} value leaves the claim out. */
        public Builder put(String name, Object value) {
            if (value == null) {
                return this;
            }
            Claim c = new Claim(name, value);
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).name().equals(name)) {
                    list.set(i, c);
                    return this;
                }
            }
            list.add(c);
            return this;
        }

        public Claims build() {
            return new Claims(list);
        }
    }
}
