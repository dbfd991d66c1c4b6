package io.sigload.threshold;

import java.util.Arrays;
import java.util.Optional;

/** A threshold's comparison, {@code actual OP limit}, as k6 and Hyperfoil write them. */
public enum Operator {
    /** {@code <} */
    LESS("<"),
    /** {@code <=} */
    LESS_OR_EQUAL("<="),
    /** {@code >} */
    GREATER(">"),
    /** {@code >=} */
    GREATER_OR_EQUAL(">="),
    /** {@code ==} */
    EQUAL("=="),
    /** {@code !=} */
    NOT_EQUAL("!=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** As written: {@code <}, {@code <=}, ... */
    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual OP limit} holds. */
    public boolean holds(double actual, double limit) {
        return switch (this) {
            case LESS -> actual < limit;
            case LESS_OR_EQUAL -> actual <= limit;
            case GREATER -> actual > limit;
            case GREATER_OR_EQUAL -> actual >= limit;
            case EQUAL -> actual == limit;
            case NOT_EQUAL -> actual != limit;
        };
    }

    /** Whether the operator bounds the value from one side, so "N x the limit" means something. */
    public boolean isBound() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    /** The operator written as {@code symbol}. */
    public static Optional<Operator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
