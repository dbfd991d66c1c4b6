package io.sigload.guard;

import java.util.Locale;

/**
 * Escapes control characters in text from outside before it reaches a terminal or a report, so a
 * hostile endpoint body or child output cannot retitle the window, clear the screen or overwrite a
 * line ({@code ESC}, {@code CR}, backspace, the C1 range with its single-byte CSI, bidi overrides).
 *
 * <p>Escapes: {@code \r}, {@code \n} (unless kept), {@code \xNN} for other C0 characters and
 * {@code DEL}, {@code \}{@code uNNNN} for C1 controls, bidi embedding/override/isolate marks
 * (U+202A..U+202E, U+2066..U+2069) and the line and paragraph separators (U+2028, U+2029). Tabs stay.
 * Stateless and thread-safe.
 */
public final class Controls {
    private Controls() {
    }

    /**
     * The text with control characters written as visible escapes.
     *
     * @param text any text, or {@code null} (returned as is)
     * @param keepLineBreaks whether {@code \n} stays a line break (console output) or becomes
     *     {@code \n} text (a one-line message)
     */
    public static String escape(String text, boolean keepLineBreaks) {
        if (text == null) {
            return null;
        }
        int i = 0;
        int n = text.length();
        while (i < n && !isControl(text.charAt(i), keepLineBreaks)) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (!isControl(c, keepLineBreaks)) {
                b.append(c);
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** Whether the character is escaped by {@link #escape}. */
    public static boolean isControl(char c, boolean keepLineBreaks) {
        if (c == '\t' || (c == '\n' && keepLineBreaks)) {
            return false;
        }
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
    }
}
