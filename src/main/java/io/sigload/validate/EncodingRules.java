package io.sigload.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.token.Base64Url;
import io.sigload.token.DecodedToken;

/**
 * Rules on the token's form: {@code NON_BASE64URL} (RFC 7515 §2 and §7.1: unpadded base64url),
 * {@code MALFORMED_JSON} (RFC 7519 §7.2 steps 4 and 9: header and claims are JSON objects),
 * {@code MALFORMED_TOKEN} for an undecodable signature, {@code ALG_NOT_HS256} (Zoom Meeting SDK
 * auth: header {@code {"alg":"HS256","typ":"JWT"}}) and the {@code TYP_NOT_JWT} warning
 * (RFC 7519 §5.1; compared case-insensitively, RFC 7515 §4.1.9).
 *
 * <p>Thread-safe: stateless.
 */
final class EncodingRules {
    private static final String[] NAMES = {"header", "payload", "signature"};

    private EncodingRules() {
    }

    /**
     * Checks form and header.
     *
     * @return whether the MAC may be checked: the header is a JSON object with {@code alg} HS256
     *     and the signature could be decoded
     */
    static boolean check(DecodedToken t, Findings f) {
        if (!t.strictBase64url()) {
            String[] segs = {t.headerSegment(), t.payloadSegment(), t.signatureSegment()};
            for (int i = 0; i < 3; i++) {
                String why = whyNotStrict(segs[i]);
                if (why != null) {
                    f.add(ReasonCode.NON_BASE64URL, "the " + NAMES[i] + " segment is not strict base64url: " + why
                            + producer(segs[i]), "segment", NAMES[i]);
                }
            }
        }
        if (t.header() == null) {
            f.add(ReasonCode.MALFORMED_JSON, "the header is not a JSON object", "part", "header");
        }
        if (t.payload() == null) {
            f.add(ReasonCode.MALFORMED_JSON, "the payload is not a JSON object", "part", "payload");
        }
        boolean signatureOk = t.signature() != null;
        if (!signatureOk) {
            f.add(ReasonCode.MALFORMED_TOKEN, "the signature segment cannot be decoded, even read leniently",
                    "segment", "signature");
        }
        if (t.header() == null) {
            return false;
        }
        JsonNode alg = t.header().get("alg");
        boolean algOk = alg != null && alg.isTextual() && "HS256".equals(alg.textValue());
        if (!algOk) {
            f.add(ReasonCode.ALG_NOT_HS256, alg == null ? "the header has no alg; Zoom requires HS256"
                    : "alg is " + Json.shortText(alg) + "; Zoom requires \"HS256\" (the signature is not checked)",
                    "alg", alg == null ? "(absent)" : Json.shortText(alg));
        }
        JsonNode typ = t.header().get("typ");
        if (typ == null) {
            f.add(ReasonCode.TYP_NOT_JWT, "the header has no typ; Zoom's docs give \"JWT\"", "typ", "(absent)");
        } else if (!typ.isTextual() || !"JWT".equalsIgnoreCase(typ.textValue())) {
            f.add(ReasonCode.TYP_NOT_JWT, "typ is " + Json.shortText(typ) + ", not \"JWT\"", "typ", Json.shortText(typ));
        }
        return algOk && signatureOk;
    }

    /**
     * A header or payload segment that cannot be decoded even leniently is not base64url either: both
     * {@code MALFORMED_TOKEN} (added by the caller) and {@code NON_BASE64URL}, with the likely producer.
     *
     * @param token a token that {@code CompactJws.decode} refused
     */
    static void undecodable(String token, Findings f) {
        String[] segs = token.split("\\.", -1);
        if (segs.length != 3) {
            return;
        }
        for (int i = 0; i < 2; i++) {
            if (!segs[i].isEmpty() && Base64Url.decodeLenient(segs[i]).isEmpty()) {
                String why = whyNotStrict(segs[i]);
                f.add(ReasonCode.NON_BASE64URL, "the " + NAMES[i] + " segment is not base64url, not even read"
                        + " leniently: " + (why == null ? "it cannot be decoded" : why) + producer(segs[i]),
                        "segment", NAMES[i]);
            }
        }
    }

    /** The likely producer of a segment that is not base64url, as a clause starting "; ", or "". */
    static String producer(String seg) {
        if (dotNetUrlToken(seg)) {
            return "; its last character '" + seg.charAt(seg.length() - 1) + "' looks like the padding count that .NET's"
                    + " HttpServerUtility.UrlTokenEncode appends: encode with Base64UrlEncoder.Encode"
                    + " (Microsoft.IdentityModel.Tokens) or WebEncoders.Base64UrlEncode instead";
        }
        if (seg.indexOf('*') >= 0) {
            return "; '*' is a masking character: the token was copied from a log or screen that hides part of it";
        }
        if (seg.indexOf('{') >= 0 || seg.indexOf('"') >= 0) {
            return "; JSON text where base64url belongs: the segment was never encoded, or the endpoint's whole JSON"
                    + " body was passed in place of its signature field";
        }
        return "";
    }

    /** A segment whose last character is a 0-2 digit that, removed, leaves a decodable base64url segment. */
    static boolean dotNetUrlToken(String seg) {
        if (seg.length() < 2) {
            return false;
        }
        char last = seg.charAt(seg.length() - 1);
        if (last < '0' || last > '2') {
            return false;
        }
        String rest = seg.substring(0, seg.length() - 1);
        int pad = (4 - rest.length() % 4) % 4;
        return pad == last - '0' && Base64Url.isStrict(rest) && Base64Url.decodeStrict(rest).isPresent();
    }

    /** Why a segment is not strict unpadded base64url, or {@code null} when it is. */
    static String whyNotStrict(String seg) {
        if (Base64Url.isStrict(seg)) {
            return null;
        }
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!ok) {
                String shown = c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
                return "character " + shown + " at offset " + i + " (allowed: A-Z a-z 0-9 - _, no padding)";
            }
        }
        if (seg.length() % 4 == 1) {
            return "its length " + seg.length() + " is 1 more than a multiple of 4, impossible in base64";
        }
        return "its last character '" + seg.charAt(seg.length() - 1) + "' has non-zero unused bits: not the"
                + " canonical encoding (RFC 4648 §3.5)";
    }
}
