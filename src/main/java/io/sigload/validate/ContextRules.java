package io.sigload.validate;

import java.util.Locale;

/**
 * Rules against what the client passed to join (docs/field-cases.md): {@code MN_MISMATCH} ({@code mn}
 * differs, as a string of digits, from the meeting number) and {@code TPC_MISMATCH} (Video SDK:
 * {@code tpc} differs from the session name, compared case-insensitively as Zoom's Video SDK
 * docs say session names are).
 *
 * <p>Thread-safe: stateless.
 */
final class ContextRules {
    private ContextRules() {
    }

    static void check(TypedClaims c, ValidationContext ctx, Findings f) {
        String joined = ctx.meetingNumber();
        if (joined != null && c.mn() != null && !c.mn().equals(joined)) {
            f.add(ReasonCode.MN_MISMATCH, "mn is \"" + c.mn() + "\" but the client joins meeting \"" + joined + "\"",
                    "mn", c.mn(), "meetingNumber", joined);
        }
        String session = ctx.sessionName();
        if (ctx.profile() == Profile.VIDEO && session != null && c.tpc() != null
                && !c.tpc().toLowerCase(Locale.ROOT).equals(session.toLowerCase(Locale.ROOT))) {
            f.add(ReasonCode.TPC_MISMATCH, "tpc is \"" + shorten(c.tpc()) + "\" but the client joins session \""
                    + shorten(session) + "\"", "tpc", shorten(c.tpc()), "sessionName", shorten(session));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
