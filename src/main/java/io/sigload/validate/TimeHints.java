package io.sigload.validate;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Hints that name the likely cause of a time error (docs/field-cases.md, "Hints"; docs/sources.md "Java
 * traps"): {@code FLOAT_PRECISION_TIME} (an {@code iat} in the future on a multiple of 128 s, or
 * 30 or 60 s below one: {@code Math.round} on a float near 1.7e9 s; one token lands there by chance 3 in 128, so it never replaces the clock hint),
 * {@code TIMEZONE_AS_UTC} (off
 * by a whole number of quarter hours, up to 14 h, within {@value #QUARTER_TOLERANCE} s for the
 * usual 30 s margin and delivery delay), else {@code CLIENT_CLOCK_SKEW} (the skew as measured, and
 * under the usual {@code iat = now - 30}) and, when iat is at most 1 s ahead, {@code ROUNDED_SECONDS}. After {@code EXPIRED},
 * {@code TIMEZONE_AS_UTC} needs the overshoot {@code now - exp} itself to be about a whole number
 * of quarter hours: a token used a minute after its expiry is ordinary expiry, not a time zone.
 *
 * <p>Thread-safe: stateless.
 */
final class TimeHints {
    private static final BigInteger STEP = BigInteger.valueOf(128);
    private static final long QUARTER = 900;
    private static final long QUARTER_TOLERANCE = 90;
    private static final long MAX_QUARTERS = 56;

    private TimeHints() {
    }

    static void check(TypedClaims c, BigDecimal now, Findings f) {
        if (c.iat() == null) {
            return;
        }
        if (f.has(ReasonCode.IAT_IN_FUTURE)) {
            BigDecimal ahead = c.iat().subtract(now);
            // a float-grid iat is weak evidence alone (3 in 128 by chance): the clock hint stays beside it
            floatPrecision(c.iat(), f);
            boolean explained = timezone(ahead, "ahead of", f);
            if (!explained) {
                if (ahead.compareTo(BigDecimal.ONE) <= 0) {
                    f.add(ReasonCode.ROUNDED_SECONDS, "iat is only " + NumericDates.format(ahead) + " s after the"
                            + " validator's clock, at most a second: the seconds were rounded up (Math.round(Date.now()"
                            + " / 1000) is up to 0.5 s in the future, with no 30 s margin), or the minting clock is a"
                            + " little fast", "aheadSeconds", NumericDates.number(ahead));
                }
                BigDecimal minus30 = ahead.add(BigDecimal.valueOf(30));
                f.add(ReasonCode.CLIENT_CLOCK_SKEW, "iat is " + NumericDates.format(ahead) + " s after the validator's"
                        + " clock: the minting clock is about " + NumericDates.format(ahead) + " s fast if it sets iat ="
                        + " now, or about " + NumericDates.format(minus30) + " s fast with the usual iat = now - 30 (or"
                        + " the validator's clock is behind)", "skewSeconds", NumericDates.number(ahead),
                        "skewSecondsIfMinus30", NumericDates.number(minus30));
            }
        } else if (f.has(ReasonCode.EXPIRED) && c.exp() != null) {
            // Ordinary expiry (a cached token used a minute late) is not a time zone: hint only when
            // the overshoot now - exp is itself about a whole number of quarter hours.
            BigDecimal over = now.subtract(c.exp());
            if (quarters(over) > 0) {
                BigDecimal behind = now.subtract(c.iat());
                if (!timezone(behind, "iat", "behind", f)) {
                    timezone(over, "exp", "behind", f);
                }
            }
        }
    }

    private static boolean floatPrecision(BigDecimal iat, Findings f) {
        BigDecimal stripped = iat.stripTrailingZeros();
        if (stripped.scale() > 0) {
            return false;
        }
        int r = iat.toBigInteger().mod(STEP).intValue();
        if (r != 0 && r != 128 - 30 && r != 128 - 60) {
            return false;
        }
        String where = r == 0 ? "a multiple of 128 s" : (128 - r) + " s below a multiple of 128 s";
        f.add(ReasonCode.FLOAT_PRECISION_TIME, "iat " + NumericDates.format(iat) + " is " + where
                + ": near 1.7e9 a float holds only multiples of 128, so Math.round on a float moves iat by up to 64 s;"
                + " one token lands on these residues by chance 3 in 128 (1 in 128 each), weak evidence alone:"
                + " several tokens on the same residue are strong", "iatMod128", r, "chance", 3 / 128.0);
        return true;
    }

    /** How many quarter hours (1..56) {@code off} is, within the tolerance; 0 when it is none. */
    private static long quarters(BigDecimal off) {
        if (off.compareTo(BigDecimal.valueOf(QUARTER - QUARTER_TOLERANCE)) < 0
                || off.compareTo(BigDecimal.valueOf(MAX_QUARTERS * QUARTER + QUARTER_TOLERANCE)) > 0) {
            return 0;
        }
        long secs = off.longValue();
        long quarters = Math.round(secs / (double) QUARTER);
        if (quarters < 1 || quarters > MAX_QUARTERS || Math.abs(secs - quarters * QUARTER) > QUARTER_TOLERANCE) {
            return 0;
        }
        return quarters;
    }

    private static boolean timezone(BigDecimal off, String direction, Findings f) {
        return timezone(off, "iat", direction, f);
    }

    private static boolean timezone(BigDecimal off, String claim, String direction, Findings f) {
        long quarters = quarters(off);
        if (quarters == 0) {
            return false;
        }
        long secs = off.longValue();
        f.add(ReasonCode.TIMEZONE_AS_UTC, claim + " is " + NumericDates.format(off) + " s " + direction
                + " the validator's clock, about " + hours(quarters) + ": a local time read as UTC?",
                "offsetSeconds", secs, "quarterHours", quarters);
        return true;
    }

    private static String hours(long quarters) {
        long h = quarters / 4;
        long m = (quarters % 4) * 15;
        return m == 0 ? h + " h" : (h == 0 ? m + " min" : h + " h " + m + " min");
    }
}
