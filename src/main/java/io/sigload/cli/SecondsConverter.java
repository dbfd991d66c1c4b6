package io.sigload.cli;

import java.math.BigDecimal;
import picocli.CommandLine;

/** Parses seconds ({@code 1700000000}, {@code 1700000000.25}) with a one-line message for people. */
final class SecondsConverter implements CommandLine.ITypeConverter<BigDecimal> {
    @Override
    public BigDecimal convert(String value) {
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number of seconds, e.g. 1700000000");
        }
    }
}
