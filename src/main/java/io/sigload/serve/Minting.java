package io.sigload.serve;

import io.sigload.sign.IatFormula;
import java.time.Clock;

/**
 * How the server computes {@code iat}: its clock (possibly offset with {@code --clock-offset})
 * and the formula (Zoom's sample: {@link IatFormula#FLOOR}). Immutable.
 *
 * @param clock the server's clock, e.g. {@code Clock.offset(Clock.systemUTC(), Duration.ofSeconds(90))}
 * @param iat the {@code iat} formula
 */
public record Minting(Clock clock, IatFormula iat) {
    /** Zoom's sample: the system clock and {@code iat = floor(now)}. */
    public static Minting zoomSample() {
        return new Minting(Clock.systemUTC(), IatFormula.FLOOR);
    }
}
