package io.sigload.validate;

import java.util.EnumMap;
import java.util.Map;

/**
 * One-sentence fixes, keyed by reason code, for people reading a verdict ({@code sigload
 * inspect}, reports). Every code has one; hints carry theirs in {@code details.fix} too.
 *
 * <p>Thread-safe: immutable.
 */
public final class Fixes {
    private static final Map<ReasonCode, String> FIXES = new EnumMap<>(ReasonCode.class);

    static {
        put(ReasonCode.MALFORMED_TOKEN, "Send the token exactly as your signature endpoint returned it: three base64url"
                + " segments separated by dots.");
        put(ReasonCode.NON_BASE64URL, "Encode every segment as base64url without padding (RFC 7515 §2): '-' and '_'"
                + " instead of '+' and '/', no '='.");
        put(ReasonCode.MALFORMED_JSON, "Serialise header and payload as JSON objects with a JSON library, not by"
                + " string concatenation.");
        put(ReasonCode.ALG_NOT_HS256, "Sign with HMAC-SHA256 and set the header to {\"alg\":\"HS256\",\"typ\":\"JWT\"}.");
        put(ReasonCode.LEGACY_FORMAT, "Generate a Meeting SDK JWT (appKey/sdkKey, mn, role, iat, exp) instead of the"
                + " pre-JWT key.mn.ts.role.hash signature.");
        put(ReasonCode.WRONG_TOKEN_KIND, "Mint the token your SDK expects: a Meeting SDK JWT signed with the SDK secret"
                + " for Meeting SDK joins, a Video SDK JWT for Video SDK sessions, never a REST API or OAuth token.");
        put(ReasonCode.BAD_SIGNATURE, "Sign with the SDK secret of the same app as the SDK key, using the secret"
                + " string's UTF-8 bytes as the HMAC key.");
        put(ReasonCode.MISSING_CLAIM, "Add every claim the profile requires (see docs/validator.md).");
        put(ReasonCode.NON_NUMERIC_CLAIM, "Write iat, exp and tokenExp as JSON numbers, not strings.");
        put(ReasonCode.NUMERIC_DATE_IN_MILLISECONDS, "Divide milliseconds by 1000 and floor: NumericDates are whole"
                + " seconds since the epoch.");
        put(ReasonCode.ROLE_NOT_NUMBER, "Write role (role_type) as the JSON number 0 or 1, not a string.");
        put(ReasonCode.ROLE_OUT_OF_RANGE, "Use role 0 for participants and 1 for hosts.");
        put(ReasonCode.MN_TYPE, "Write mn as the meeting number's digits in a string, without spaces, signs or"
                + " exponents.");
        put(ReasonCode.KEY_MISMATCH, "Put the same SDK key in appKey and sdkKey, or only one of them.");
        put(ReasonCode.IAT_IN_FUTURE, "Mint on a server with an NTP-synchronised clock and set iat = floor(now) - 30.");
        put(ReasonCode.EXPIRED, "Mint a fresh signature for every join instead of caching one; if it was minted"
                + " just now, the minting clock is behind: mint on a server with an NTP-synchronised clock.");
        put(ReasonCode.EXP_TOO_SOON, "Set exp to at least iat + 1800 seconds.");
        put(ReasonCode.EXP_TOO_FAR, "Set exp to at most iat + 172800 seconds (48 h), in seconds, not milliseconds.");
        put(ReasonCode.TOKENEXP_TOO_SOON, "Set tokenExp to at least 1800 s after the moment the SDK uses the token,"
                + " e.g. tokenExp = exp with a lifetime of 2 h.");
        put(ReasonCode.MN_MISMATCH, "Sign the same meeting number, digits only, that the client passes to join.");
        put(ReasonCode.TPC_MISMATCH, "Sign the session name (tpc) that the client passes to join.");
        put(ReasonCode.LEGACY_EXPIRED, "Generate a new signature: a legacy signature is valid for 24 h.");
        put(ReasonCode.LEGACY_TS_IN_FUTURE, "Take the legacy timestamp from a synchronised clock, in milliseconds,"
                + " minus 30000.");
        put(ReasonCode.EXP_AT_MIN_BOUNDARY, "Give the token a longer lifetime (e.g. 7200 s) so rounding and delays"
                + " cannot push it below 1800 s.");
        put(ReasonCode.FRACTIONAL_NUMERIC_DATE, "Floor NumericDates to whole seconds: Math.floor(Date.now() / 1000).");
        put(ReasonCode.MN_IS_NUMBER, "Write mn as a string of digits: large meeting numbers lose precision as"
                + " numbers in some clients.");
        put(ReasonCode.TOKENEXP_AFTER_EXP, "Set tokenExp equal to exp, as Zoom's sample endpoint does.");
        put(ReasonCode.TYP_NOT_JWT, "Set the header's typ to \"JWT\".");
        put(ReasonCode.FLOAT_PRECISION_TIME, "Compute iat in long arithmetic, e.g. System.currentTimeMillis() / 1000"
                + " - 30, never through Math.round on a float.");
        put(ReasonCode.TIMEZONE_AS_UTC, "Take time from Instant.now() or Date.now(), never from a local date-time"
                + " read as UTC.");
        put(ReasonCode.CLIENT_CLOCK_SKEW, "Mint tokens on a server, never on a participant's device, keep that"
                + " server's clock NTP-synchronised, and subtract 30 s from iat to absorb small drift.");
        put(ReasonCode.ROUNDED_SECONDS, "Floor the seconds, never round them up, and subtract 30: iat = floor(now) - 30.");
        put(ReasonCode.WRONG_SECRET, "Sign with the Meeting SDK app's SDK secret, not another app's or the OAuth"
                + " client secret.");
        put(ReasonCode.KEY_ENCODING, "Use the SDK secret string's UTF-8 bytes as the HMAC key as they are: no"
                + " base64 or hex decoding, no trimming, no trailing newline.");
        put(ReasonCode.HEX_ENCODED_MAC, "Encode the MAC bytes as base64url (e.g. CryptoJS.enc.Base64url), not as hex.");
        for (ReasonCode c : ReasonCode.values()) {
            if (!FIXES.containsKey(c)) {
                throw new ExceptionInInitializerError("no fix for " + c);
            }
        }
    }

    private Fixes() {
    }

    private static void put(ReasonCode code, String fix) {
        FIXES.put(code, fix);
    }

    /** The fix for a reason code, one sentence, language-neutral. */
    public static String of(ReasonCode code) {
        return FIXES.get(code);
    }

    /**
     * The fix for a violation: its own ({@code details.fix}, e.g. MISSING_CLAIM naming the claim),
     * else the code's.
     */
    public static String of(Violation v) {
        Object own = v.details().get("fix");
        return own instanceof String s && !s.isEmpty() ? s : of(v.code());
    }

    /**
     * The fix for a code in a language, where the mistake is language-specific (time arithmetic),
     * else {@link #of(ReasonCode)}.
     *
     * @param language {@code javascript}, {@code java}, {@code python}, {@code csharp}, {@code php},
     *     {@code go} or {@code neutral}
     */
    public static String of(ReasonCode code, String language) {
        String iat = switch (language) {
            case "javascript" -> "Math.floor(Date.now() / 1000) - 30";
            case "java" -> "Math.floorDiv(System.currentTimeMillis(), 1000) - 30";
            case "python" -> "int(time.time()) - 30";
            case "csharp" -> "DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30";
            case "php" -> "time() - 30";
            case "go" -> "time.Now().Unix() - 30";
            default -> null;
        };
        if (iat == null) {
            return of(code);
        }
        return switch (code) {
            case ROUNDED_SECONDS -> "Floor the seconds, never round them up, and subtract 30: iat = " + iat + ".";
            case FRACTIONAL_NUMERIC_DATE -> "Write whole seconds: iat = " + iat + ".";
            case FLOAT_PRECISION_TIME -> language.equals("java") ? of(code)
                    : "Compute iat in integer arithmetic, never through a 32-bit float: iat = " + iat + ".";
            case TIMEZONE_AS_UTC -> "Take the time from the epoch clock, never from a local date-time read as UTC: iat = "
                    + iat + ".";
            case CLIENT_CLOCK_SKEW -> "Mint tokens on a server with an NTP-synchronised clock, never on a participant's"
                    + " device, with iat = " + iat + ".";
            default -> of(code);
        };
    }
}
