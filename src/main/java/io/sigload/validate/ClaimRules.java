package io.sigload.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Presence and type rules (docs/field-cases.md, "Required claims by profile" and the error table):
 * {@code MISSING_CLAIM}, {@code NON_NUMERIC_CLAIM}, {@code NUMERIC_DATE_IN_MILLISECONDS},
 * {@code ROLE_NOT_NUMBER}, {@code ROLE_OUT_OF_RANGE}, {@code MN_TYPE}, {@code KEY_MISMATCH},
 * and the warnings {@code FRACTIONAL_NUMERIC_DATE} (RFC 7519 §2 allows fractions; Zoom's docs
 * ask for integers) and {@code MN_IS_NUMBER}.
 *
 * <p>Thread-safe: stateless.
 */
final class ClaimRules {
    /** Other claims that must be JSON numbers when present (Zoom Meeting and Video SDK auth docs). */
    static final String[] OTHER_NUMERIC = {"version", "video_webrtc_mode", "audio_webrtc_mode",
        "cloud_recording_option", "cloud_recording_election"};

    /** Claims that must be JSON strings, and what a value of another type leaves the token without. */
    private static final String[][] MEETING_STRINGS = {{"appKey", "SDK key"}, {"sdkKey", "SDK key"}};
    private static final String[][] VIDEO_STRINGS = {{"app_key", "SDK key"}, {"tpc", "session name"}};

    private ClaimRules() {
    }

    /**
     * Checks presence and types; returns the claims fit for the time and context rules.
     *
     * @param payloadJson the payload's JSON text, to read {@code mn}'s number as written (a
     *     sign or exponent that the tree model drops), or {@code null} to trust the tree
     */
    static TypedClaims check(JsonNode p, String payloadJson, Profile profile, Findings f) {
        missing(p, profile, f);
        strings(p, profile, f);
        keys(p, f);
        BigDecimal iat = date(p, "iat", f);
        BigDecimal exp = date(p, "exp", f);
        BigDecimal tokenExp = date(p, "tokenExp", f);
        for (String name : OTHER_NUMERIC) {
            JsonNode n = p.get(name);
            if (n != null && !Json.isFiniteNumber(n)) {
                f.add(ReasonCode.NON_NUMERIC_CLAIM, name + " is " + Json.notFiniteNumber(n), "claim", name);
            }
        }
        role(p, profile == Profile.VIDEO ? "role_type" : "role", f);
        String mn = profile == Profile.VIDEO ? null : mn(p.get("mn"), payloadJson, f);
        JsonNode tpc = p.get("tpc");
        return new TypedClaims(iat, exp, tokenExp, mn, tpc != null && tpc.isTextual() ? tpc.textValue() : null);
    }

    private static void missing(JsonNode p, Profile profile, Findings f) {
        List<String> absent = new ArrayList<>(4);
        switch (profile) {
            case MEETING_WEB -> {
                if (!p.has("appKey") && !p.has("sdkKey")) {
                    absent.add("appKey or sdkKey");
                }
                require(p, absent, "mn", "role", "iat", "exp");
            }
            case MEETING_NATIVE -> require(p, absent, "appKey", "iat", "exp", "tokenExp");
            case VIDEO -> require(p, absent, "app_key", "role_type", "tpc", "version", "iat", "exp");
            case LEGACY -> { }
        }
        if (!absent.isEmpty()) {
            f.add(ReasonCode.MISSING_CLAIM, profile.wireName() + " requires " + String.join(", ", absent)
                    + (absent.size() == 1 ? ", which is" : ", which are") + " absent", "claims", absent,
                    "fix", "Add " + String.join(", ", absent.stream().map(ClaimRules::describe).toList())
                            + " to the payload.");
        }
    }

    /** A claim to add, with the value it takes, for a fix. */
    static String describe(String claim) {
        return switch (claim) {
            case "appKey", "sdkKey", "app_key" -> claim + " (your SDK key, a string)";
            case "mn" -> "mn (the meeting number's digits, a string)";
            case "role" -> "role (0 participant, 1 host, a number)";
            case "role_type" -> "role_type (0 participant, 1 host, a number)";
            case "iat" -> "iat (seconds since the epoch, minus 30)";
            case "exp" -> "exp (iat plus the lifetime in seconds, 1800 to 172800)";
            case "tokenExp" -> "tokenExp (equal to exp)";
            case "tpc" -> "tpc (the session name the client joins)";
            case "version" -> "version (1)";
            default -> claim;
        };
    }

    private static void require(JsonNode p, List<String> absent, String... names) {
        for (String n : names) {
            if (!p.has(n)) {
                absent.add(n);
            }
        }
    }

    /**
     * {@code MISSING_CLAIM} for a string claim present with another JSON type (null, number,
     * boolean, object, array): the claim is there but carries no usable value.
     */
    private static void strings(JsonNode p, Profile profile, Findings f) {
        String[][] names = switch (profile) {
            case MEETING_WEB, MEETING_NATIVE -> MEETING_STRINGS;
            case VIDEO -> VIDEO_STRINGS;
            case LEGACY -> new String[0][];
        };
        for (String[] n : names) {
            JsonNode v = p.get(n[0]);
            if (v != null && !v.isTextual()) {
                f.add(ReasonCode.MISSING_CLAIM, n[0] + " is " + Json.shortText(v) + ", not a string: no " + n[1],
                        "claims", List.of(n[0]), "fix", "Write " + describe(n[0]) + ".");
            }
        }
    }

    /** {@code KEY_MISMATCH}, only between two string keys (a key of another type is MISSING_CLAIM). */
    private static void keys(JsonNode p, Findings f) {
        JsonNode app = p.get("appKey");
        JsonNode sdk = p.get("sdkKey");
        if (app != null && sdk != null && app.isTextual() && sdk.isTextual() && !app.equals(sdk)) {
            f.add(ReasonCode.KEY_MISMATCH, "appKey " + Json.shortText(app) + " and sdkKey " + Json.shortText(sdk)
                    + " differ; both must be the SDK key");
        }
    }

    private static BigDecimal date(JsonNode p, String name, Findings f) {
        JsonNode n = p.get(name);
        return n == null ? null : NumericDates.read(name, n, f);
    }

    private static void role(JsonNode p, String name, Findings f) {
        JsonNode r = p.get(name);
        if (r == null) {
            return;
        }
        if (!Json.isFiniteNumber(r)) {
            String what = r.isNumber() ? r.asText() + " (not a finite number)" : Json.describe(r);
            f.add(ReasonCode.ROLE_NOT_NUMBER, name + " is " + what + ", not the JSON number 0 or 1",
                    "claim", name);
        } else if (!isZeroOrOne(r)) {
            f.add(ReasonCode.ROLE_OUT_OF_RANGE, name + " is " + Json.shortText(r) + "; allowed: 0 (participant),"
                    + " 1 (host)", "claim", name);
        }
    }

    private static boolean isZeroOrOne(JsonNode r) {
        if (r.isIntegralNumber()) {
            return r.canConvertToLong() && (r.longValue() == 0 || r.longValue() == 1);
        }
        BigDecimal v = r.decimalValue();
        return v.compareTo(BigDecimal.ZERO) == 0 || v.compareTo(BigDecimal.ONE) == 0;
    }

    /** The meeting number as digits, or {@code null} when absent or of the wrong type. */
    private static String mn(JsonNode n, String payloadJson, Findings f) {
        if (n == null) {
            return null;
        }
        if (n.isTextual() && isDigits(n.textValue())) {
            return n.textValue();
        }
        String raw = n.isNumber() && payloadJson != null ? RawNumbers.memberText(payloadJson, "mn") : null;
        if (raw != null && !RawNumbers.isPlainDigits(raw)) {
            f.add(ReasonCode.MN_TYPE, "mn is the number " + shorten(raw) + " as written: an exponent, a fraction"
                    + " or a sign, not a string of digits", "mn", shorten(raw));
            return null;
        }
        if (n.isIntegralNumber() && n.bigIntegerValue().signum() >= 0) {
            f.add(ReasonCode.MN_IS_NUMBER, "mn is the JSON number " + Json.shortText(n) + ", not a string of digits");
            return n.bigIntegerValue().toString();
        }
        f.add(ReasonCode.MN_TYPE, "mn is " + Json.describe(n) + ": neither a string of digits nor a non-negative"
                + " JSON integer", "mn", Json.shortText(n));
        return null;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
