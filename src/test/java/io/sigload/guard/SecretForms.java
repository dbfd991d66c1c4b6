package io.sigload.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The test side of secret masking, written independently of {@link Redactor}: a secret's encodings
 * and the rolling check that no {@value #PIECE}-character piece of any of them is in some output.
 */
public final class SecretForms {
    /** Pieces this long are looked for. */
    public static final int PIECE = 8;

    private SecretForms() {
    }

    /** A random secret of 43 letters and digits (the shape of a Zoom SDK secret, a bit longer). */
    public static String randomSecret(long seed) {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 43; i++) {
            b.append(abc.charAt(r.nextInt(abc.length())));
        }
        return b.toString();
    }

    /** The secret in every encoding an echo may use, by name. */
    public static Map<String, String> encodings(String secret) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        Map<String, String> m = new LinkedHashMap<>();
        m.put("plain", secret);
        m.put("upper", secret.toUpperCase(Locale.ROOT));
        m.put("base64", Base64.getEncoder().encodeToString(b));
        m.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(b));
        m.put("base64url+1", Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(b, 1, b.length)));
        m.put("base64url+2", Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(b, 2, b.length)));
        m.put("hex", HexFormat.of().formatHex(b));
        m.put("HEX", HexFormat.of().withUpperCase().formatHex(b));
        StringBuilder pct = new StringBuilder();
        StringBuilder u = new StringBuilder();
        StringBuilder dec = new StringBuilder();
        StringBuilder hex = new StringBuilder();
        for (byte x : b) {
            pct.append(String.format(Locale.ROOT, "%%%02X", x & 0xff));
        }
        for (char c : secret.toCharArray()) {
            u.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            dec.append("&#").append((int) c).append(';');
            hex.append("&#x").append(Integer.toHexString(c)).append(';');
        }
        m.put("percent", pct.toString());
        m.put("json-u", u.toString());
        m.put("html-dec", dec.toString());
        m.put("html-hex", hex.toString());
        return m;
    }

    /**
     * Every place where a {@value #PIECE}-character piece of the secret, in any of its encodings,
     * occurs in the text (case-insensitively), as {@code "encoding: piece"}; empty when none.
     */
    public static List<String> leaks(String secret, String text) {
        String low = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (var e : encodings(secret).entrySet()) {
            String f = e.getValue().toLowerCase(Locale.ROOT);
            for (int i = 0; i + PIECE <= f.length(); i++) {
                String piece = f.substring(i, i + PIECE);
                if (low.contains(piece)) {
                    out.add(e.getKey() + ": " + piece);
                    break;
                }
            }
        }
        return out;
    }
}
