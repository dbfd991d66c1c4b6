package io.sigload.report;

/**
 * The fix for a diagnosed cause, written for a language when the mistake is language-specific
 * ({@code javascript}, {@code java}, {@code python}, {@code csharp}, {@code php}, {@code go}), else
 * language-neutral. Thread-safe: stateless.
 */
final class Fix {
    private Fix() {
    }

    /**
     * @param code the cause
     * @param detail a variant: the key encoding ({@code hex-decoded}, {@code base64-decoded}, ...), the
     *     first reason code of a direct cause, {@code -30} for a float grid 30 s below 128
     * @param lang the language, or {@code neutral}
     */
    static String of(CauseCode code, String detail, String lang) {
        return switch (code) {
            case CLIENT_CLOCKS -> "mint signatures on your server (Zoom's sample endpoint) with an NTP-synced clock and"
                    + " iat = now - 30" + iat30(lang) + ", never on the participant's device; the browser only asks"
                    + " the server for a signature.";
            case SERVER_CLOCK_OFFSET -> "sync the minting server's clock with NTP (chrony, or timedatectl set-ntp true)"
                    + " and keep iat = floor(now) - 30" + iat30(lang) + ", which absorbs a clock up to 30 s fast.";
            case TIMEZONE -> "clocks".equals(detail) ? "minting on the server (above) takes these devices' clocks out of"
                    + " the token; their owners set the clock to local time in the UTC zone (or the wrong zone)."
                    : "take the time from the epoch clock, never from a local date-time read as UTC: "
                    + switch (lang) {
                        case "javascript" -> "Math.floor(Date.now() / 1000) - 30, not Date.parse of a local date string.";
                        case "java" -> "Instant.now().getEpochSecond() - 30, not LocalDateTime.now().toEpochSecond(ZoneOffset.UTC).";
                        case "python" -> "int(time.time()) - 30, not calendar.timegm(datetime.now().timetuple()).";
                        case "csharp" -> "DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30, not DateTime.Now.";
                        case "php" -> "time() - 30, not strtotime of a local date string.";
                        case "go" -> "time.Now().Unix() - 30.";
                        default -> "seconds since the epoch in UTC, minus 30; and set the devices' time zones right.";
                    };
            case IAT_ROUNDED_UP -> "floor the seconds, never round them up, and subtract 30: " + iat30Code(lang) + ".";
            case FLOAT_ROUNDING -> switch (lang) {
                case "java" -> "compute iat in long arithmetic: long iat = System.currentTimeMillis() / 1000 - 30;"
                        + " never Math.round(ms / (float) 1000) or Math.round on a long (it widens to float).";
                case "csharp" -> "compute iat as a long: DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30, never through"
                        + " a float.";
                default -> "compute iat in integer (or double) arithmetic, never through a 32-bit float: "
                        + iat30Code(lang) + ".";
            };
            case FRACTIONAL_IAT -> "write whole seconds: " + iat30Code(lang) + ".";
            case MILLISECONDS -> "NumericDates are seconds: " + iat30Code(lang) + ", and exp = iat + lifetime in seconds.";
            case EXP_LIFETIME -> "set exp = iat + a lifetime in seconds between 1800 and 172800 (e.g. 7200), and"
                    + " tokenExp = exp.";
            case CLAIM_TYPES -> "MN_IS_NUMBER".equals(detail) || "MN_TYPE".equals(detail)
                    ? "write mn as a string of the meeting number's digits" + (lang.equals("javascript")
                            ? " (String(meetingNumber).replace(/\\D/g, ''))" : "") + "."
                    : "write role as the JSON number 0 or 1" + (lang.equals("javascript") ? " (parseInt(role, 10))" : "")
                            + " and mn as a string of digits.";
            case CLAIMS_INCOMPLETE -> "add every claim the profile requires: for meeting-web appKey (or sdkKey), mn,"
                    + " role, iat, exp (tokenExp optional), with equal appKey and sdkKey.";
            case MN_OR_ROLE_MISMATCH -> "sign the meeting number (and role) of this join, built per request: never a"
                    + " claims object shared between requests.";
            case WRONG_SECRET -> "sign with the SDK secret of the same Meeting SDK app as the SDK key (not another app's,"
                    + " nor the OAuth client secret).";
            case KEY_ENCODING -> keyEncoding(detail, lang);
            case MAC_ENCODING -> "encode the MAC bytes as base64url without padding, not as hex"
                    + (lang.equals("javascript") ? " (CryptoJS.enc.Base64url.stringify(mac))" : "") + ".";
            case TOKEN_FORMAT -> "send the Meeting SDK JWT exactly as the signature endpoint returns it (its"
                    + " signature field): header.payload.signature in base64url, alg HS256.";
            case NOT_THREAD_SAFE -> switch (lang) {
                case "java" -> "never share a javax.crypto.Mac (or a claims object) between requests: create one per"
                        + " call (Mac.getInstance + init), or keep one per thread (ThreadLocal<Mac>); a library signer"
                        + " such as java-jwt's Algorithm.HMAC256 is thread-safe.";
                case "csharp" -> "never share an HMACSHA256 instance between requests: create one per call or use"
                        + " HMACSHA256.HashData.";
                default -> "never share a MAC object or a mutable claims object between concurrent requests: build both"
                        + " per request.";
            };
            case TOKEN_REUSED -> "mint a fresh signature for every participant and join; never cache one and hand it"
                    + " to the next participant or meeting.";
            case SIGNER_FAILING -> "make the signer answer every request (see the categories and first examples above).";
            case INCONCLUSIVE -> "collect more evidence.";
        };
    }

    private static String iat30(String lang) {
        String c = iat30Code(lang);
        return c.startsWith("iat = floor") ? "" : " (" + c + ")";
    }

    /** {@code iat = floor(now) - 30} in a language. */
    static String iat30Code(String lang) {
        return switch (lang) {
            case "javascript" -> "Math.floor(Date.now() / 1000) - 30";
            case "java" -> "Math.floorDiv(System.currentTimeMillis(), 1000) - 30";
            case "python" -> "int(time.time()) - 30";
            case "csharp" -> "DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30";
            case "php" -> "time() - 30";
            case "go" -> "time.Now().Unix() - 30";
            default -> "iat = floor(now in seconds) - 30";
        };
    }

    private static String keyEncoding(String variant, String lang) {
        if (variant.startsWith("hex")) {
            return switch (lang) {
                case "javascript" -> "jsrsasign reads an all-hex string key as hex: pass the secret as UTF-8,"
                        + " KJUR.jws.JWS.sign('HS256', header, payload, {utf8: secret}).";
                default -> "use the secret string's UTF-8 bytes as the HMAC key; the library decoded the (all-hex)"
                        + " secret as hex (jsrsasign does so for a string key: pass {utf8: secret}).";
            };
        }
        if (variant.startsWith("base64")) {
            return switch (lang) {
                case "java" -> "jjwt's signWith(SignatureAlgorithm, String) base64-decodes the secret: use"
                        + " Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)).";
                case "csharp" -> "use Encoding.UTF8.GetBytes(secret) as the key, not Convert.FromBase64String(secret).";
                case "python" -> "use secret.encode('utf-8') as the key, not base64.b64decode(secret).";
                default -> "use the secret string's UTF-8 bytes as the HMAC key, not the secret base64-decoded.";
            };
        }
        return "use the secret string's UTF-8 bytes as the HMAC key exactly: no trimming, no trailing newline (read"
                + " it from the environment or strip the file's line end).";
    }
}
