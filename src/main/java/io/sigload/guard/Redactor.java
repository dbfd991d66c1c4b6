package io.sigload.guard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one masking function: replaces every piece of a secret, in any of its usual encodings, with
 * {@value #MASK}. Every report path goes through it (the console and stderr through
 * {@link GuardedPrintWriter}, report files through {@link ReportFiles}); text from outside (an
 * endpoint's body, a child's stderr) is masked with it before it is cut to length
 * ({@link #quote(String, int)}), so a cut can never leave a long piece unmasked.
 *
 * <p>What is masked: any run of text covered by {@value #PIECE}-character pieces of one of these
 * forms of a registered secret, compared case-insensitively (so {@code SECRET} and hex in either
 * case are caught): the secret itself; standard base64 and base64url of its UTF-8 bytes, at each
 * of the three byte alignments (a secret inside a JWT claim lands on any of them); hex;
 * percent-encoding (every byte, and {@link java.net.URLEncoder}'s form); JSON {@code \}{@code uXXXX}
 * escapes and JSON string escaping; HTML numeric entities (decimal and hex) and HTML escaping. A
 * secret of fewer than {@value #PIECE} characters is masked where it occurs whole, in those forms;
 * one under {@value #MIN_SECRET} characters is not registered (it would mask ordinary words).
 *
 * <p>Masked runs never split an escape sequence ({@code \}{@code "}, {@code \}{@code u0041},
 * {@code &amp;}, {@code %2F}): a run is widened to whole escapes and stops at raw {@code "}, {@code <},
 * {@code >} and line breaks, so a masked JSON, XML or HTML document stays well-formed.
 *
 * <p>Cost: registering a secret of n characters builds about 40·n pieces (every form, and each
 * once more escaped for JSON and HTML); {@link #mask} is linear in the text (one rolling hash).
 * A secret that shares {@value #PIECE} characters with ordinary text masks that text too (a real
 * SDK secret is random). Thread-safe: registering publishes a new immutable table.
 */
public final class Redactor {
    /** What a masked run becomes. */
    public static final String MASK = "[secret]";
    /** Length of the pieces compared, characters: any piece this long of a secret's form is masked. */
    public static final int PIECE = 8;
    /** Shorter secrets are not registered. */
    public static final int MIN_SECRET = 4;

    private static final long BASE = 0x100000001B3L;
    private static final long BASE_POW; // BASE^(PIECE-1)

    static {
        long p = 1;
        for (int i = 0; i < PIECE - 1; i++) {
            p *= BASE;
        }
        BASE_POW = p;
    }

    /** Masks nothing. */
    public static final Redactor NONE = new Redactor();

    /** The table: hashes of every piece, and whole forms of short secrets. Immutable once published. */
    private record Table(LongSet pieces, List<String> whole, Set<String> secrets) {
    }

    private volatile Table table = new Table(new LongSet(16), List.of(), Set.of());
    private final boolean frozen;

    private Redactor(boolean frozen) {
        this.frozen = frozen;
    }

    private Redactor() {
        this(true);
    }

    /** An empty redactor that secrets can be added to ({@link #add}). */
    public static Redactor create() {
        return new Redactor(false);
    }

    /** A redactor for these secrets (each as {@link #add}). */
    public static Redactor of(String... secrets) {
        Redactor r = create();
        for (String s : secrets) {
            r.add(s);
        }
        return r;
    }

    /**
     * Registers a secret: from now on {@link #mask} replaces its pieces. {@code null}, blank and
     * values under {@value #MIN_SECRET} characters are ignored; adding the same value twice is harmless.
     *
     * @return this redactor
     * @throws UnsupportedOperationException on {@link #NONE}
     */
    public synchronized Redactor add(String secret) {
        if (frozen) {
            throw new UnsupportedOperationException("Redactor.NONE masks nothing; use Redactor.create()");
        }
        if (secret == null || secret.isBlank() || secret.length() < MIN_SECRET || table.secrets().contains(secret)) {
            return this;
        }
        Table t = table;
        Set<String> secrets = new LinkedHashSet<>(t.secrets());
        secrets.add(secret);
        LongSet pieces = t.pieces().copy();
        List<String> whole = new ArrayList<>(t.whole());
        for (String form : forms(secret)) {
            String f = foldAll(form);
            if (secret.length() >= PIECE && f.length() >= PIECE) {
                long h = 0;
                for (int i = 0; i < f.length(); i++) {
                    h = roll(h, i >= PIECE ? f.charAt(i - PIECE) : 0, f.charAt(i), i >= PIECE);
                    if (i >= PIECE - 1) {
                        pieces.add(h);
                    }
                }
            } else if (!f.isEmpty()) {
                whole.add(f);
            }
        }
        table = new Table(pieces, List.copyOf(whole), Set.copyOf(secrets));
        return this;
    }

    /** Registers every secret of {@code other} here too. */
    public Redactor addAll(Redactor other) {
        for (String s : other.table.secrets()) {
            add(s);
        }
        return this;
    }

    /** Whether any secret is registered. */
    public boolean isEmpty() {
        return table.secrets().isEmpty();
    }

    /**
     * The text with every covered run replaced by {@value #MASK} (see the class comment).
     *
     * @param text any text, or {@code null} (returned as is)
     */
    public String mask(String text) {
        Table t = table;
        if (text == null || text.isEmpty() || t.secrets().isEmpty()) {
            return text;
        }
        boolean[] covered = null;
        int n = text.length();
        if (!t.pieces().isEmpty() && n >= PIECE) {
            long h = 0;
            for (int i = 0; i < n; i++) {
                h = roll(h, i >= PIECE ? fold(text.charAt(i - PIECE)) : 0, fold(text.charAt(i)), i >= PIECE);
                if (i >= PIECE - 1 && t.pieces().contains(h)) {
                    if (covered == null) {
                        covered = new boolean[n];
                    }
                    for (int j = i - PIECE + 1; j <= i; j++) {
                        covered[j] = true;
                    }
                }
            }
        }
        if (!t.whole().isEmpty()) {
            String low = foldAll(text);
            for (String w : t.whole()) {
                for (int at = low.indexOf(w); at >= 0; at = low.indexOf(w, at + 1)) {
                    if (covered == null) {
                        covered = new boolean[n];
                    }
                    Arrays.fill(covered, at, at + w.length(), true);
                }
            }
        }
        return covered == null ? text : replace(text, covered);
    }

    /**
     * Text from outside made fit for a one-line message: masked first, then control characters
     * escaped ({@link Controls#escape}), then cut to {@code maxChars} (plus {@code "..."}); a cut
     * never splits {@value #MASK}.
     *
     * @param text the text, or {@code null} (gives {@code ""})
     * @param maxChars the longest result before {@code "..."}, {@code >= 1}
     */
    public String quote(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String s = Controls.escape(mask(text), false);
        if (s.length() <= maxChars) {
            return s;
        }
        int cut = maxChars;
        int m = s.lastIndexOf(MASK, cut);
        if (m >= 0 && m < cut && m + MASK.length() > cut) {
            cut = m;
        }
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, cut) + "...";
    }

    private static char fold(char c) {
        return Character.toLowerCase(c);
    }

    /** Lower case char by char, as {@link #mask} compares (the length never changes). */
    private static String foldAll(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            c[i] = fold(c[i]);
        }
        return new String(c);
    }

    private static long roll(long h, char out, char in, boolean full) {
        if (full) {
            h -= (out + 1) * BASE_POW;
        }
        return h * BASE + in + 1;
    }

    /** Replaces covered runs, widened to whole escapes and split at structure characters. */
    private static String replace(String text, boolean[] covered) {
        int n = text.length();
        StringBuilder b = new StringBuilder(n);
        int i = 0;
        int lastEnd = 0;
        while (i < n) {
            if (!covered[i]) {
                b.append(text.charAt(i++));
                continue;
            }
            int s = i;
            int e = i;
            while (e < n && covered[e]) {
                e++;
            }
            // widen over escapes that straddle either end
            for (int p = s - 1; p >= Math.max(lastEnd, s - 12); p--) {
                if (escapeStart(text, p) && escapeEnd(text, p) > s) {
                    s = p;
                }
            }
            for (int p = Math.max(s, e - 12); p < e; p++) {
                if (escapeStart(text, p)) {
                    e = Math.max(e, escapeEnd(text, p));
                }
            }
            e = Math.min(e, n);
            // what was already appended past s is taken back
            b.setLength(b.length() - (i - s));
            appendMasked(b, text, s, e);
            i = e;
            lastEnd = e;
        }
        return b.toString();
    }

    /** Appends {@code text[s, e)} masked, keeping structure characters (raw quotes, angle brackets, line breaks). */
    private static void appendMasked(StringBuilder b, String text, int s, int e) {
        boolean inRun = false;
        for (int p = s; p < e; p++) {
            char c = text.charAt(p);
            boolean structure = (c == '"' && !escapedAt(text, p)) || c == '<' || c == '>' || c == '\n' || c == '\r';
            if (structure) {
                b.append(c);
                inRun = false;
            } else if (!inRun) {
                b.append(MASK);
                inRun = true;
            }
        }
    }

    /** Whether {@code text[p]} is preceded by an odd number of backslashes. */
    private static boolean escapedAt(String text, int p) {
        int k = 0;
        for (int q = p - 1; q >= 0 && text.charAt(q) == '\\'; q--) {
            k++;
        }
        return (k & 1) == 1;
    }

    private static boolean escapeStart(String text, int p) {
        char c = text.charAt(p);
        return (c == '\\' && !escapedAt(text, p)) || c == '&' || c == '%';
    }

    /** The end (exclusive) of the escape starting at {@code p}: {@code \x}, {@code \}{@code uXXXX}, {@code &name;}, {@code %XX}. */
    private static int escapeEnd(String text, int p) {
        int n = text.length();
        char c = text.charAt(p);
        if (c == '\\') {
            if (p + 1 < n && text.charAt(p + 1) == 'u') {
                int q = p + 2;
                while (q < n && q < p + 6 && isHex(text.charAt(q))) {
                    q++;
                }
                return q;
            }
            return Math.min(n, p + 2);
        }
        if (c == '&') {
            for (int q = p + 1; q < n && q < p + 12; q++) {
                char d = text.charAt(q);
                if (d == ';') {
                    return q + 1;
                }
                if (!(Character.isLetterOrDigit(d) || d == '#')) {
                    break;
                }
            }
            return p + 1;
        }
        return p + 2 < n && isHex(text.charAt(p + 1)) && isHex(text.charAt(p + 2)) ? p + 3 : p + 1;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The forms of a secret that are masked (see the class comment). */
    static List<String> forms(String secret) {
        Set<String> out = new LinkedHashSet<>();
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        out.add(secret);
        out.add(Base64.getEncoder().encodeToString(b)); // the secret encoded alone: its end and padding too
        out.add(Base64.getUrlEncoder().encodeToString(b));
        for (int k = 0; k < 3 && k < b.length; k++) {
            byte[] tail = Arrays.copyOfRange(b, k, b.length);
            out.add(determined(Base64.getEncoder().withoutPadding().encodeToString(tail), tail.length));
            out.add(determined(Base64.getUrlEncoder().withoutPadding().encodeToString(tail), tail.length));
        }
        out.add(HexFormat.of().formatHex(b));
        StringBuilder pct = new StringBuilder();
        StringBuilder url = new StringBuilder();
        for (byte x : b) {
            int v = x & 0xff;
            pct.append('%').append(HexFormat.of().toHexDigits((byte) v));
            boolean plain = (v >= 'a' && v <= 'z') || (v >= 'A' && v <= 'Z') || (v >= '0' && v <= '9')
                    || v == '.' || v == '-' || v == '*' || v == '_';
            if (plain) {
                url.append((char) v);
            } else if (v == ' ') {
                url.append('+');
            } else {
                url.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) v));
            }
        }
        out.add(pct.toString());
        out.add(url.toString());
        StringBuilder u = new StringBuilder();
        StringBuilder json = new StringBuilder();
        StringBuilder dec = new StringBuilder();
        StringBuilder hex = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            u.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            json.append(switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "/";
                default -> c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
            });
            dec.append("&#").append((int) c).append(';');
            hex.append("&#x").append(Integer.toHexString(c)).append(';');
            html.append(switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> String.valueOf(c);
            });
        }
        out.add(u.toString());
        out.add(json.toString());
        out.add(dec.toString());
        out.add(hex.toString());
        out.add(html.toString());
        // each form as it appears once more escaped inside a JSON string or an XML/HTML document
        for (String f : List.copyOf(out)) {
            out.add(f.replace("\\", "\\\\").replace("\"", "\\\""));
            out.add(f.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;"));
        }
        out.removeIf(String::isEmpty);
        return List.copyOf(out);
    }

    /** Base64 text of {@code len} bytes without its last character when that one also depends on the next byte. */
    private static String determined(String b64, int len) {
        return len % 3 == 0 || b64.isEmpty() ? b64 : b64.substring(0, b64.length() - 1);
    }

    /** A set of longs, open addressing; not thread-safe until published (then read-only). */
    private static final class LongSet {
        private long[] keys;
        private boolean[] used;
        private int size;

        LongSet(int capacity) {
            int c = Integer.highestOneBit(Math.max(16, capacity) * 2);
            keys = new long[c];
            used = new boolean[c];
        }

        LongSet copy() {
            LongSet s = new LongSet(keys.length);
            s.keys = keys.clone();
            s.used = used.clone();
            s.size = size;
            return s;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long k) {
            if (contains(k)) {
                return;
            }
            if ((size + 1) * 2 > keys.length) {
                long[] ok = keys;
                boolean[] ou = used;
                keys = new long[ok.length * 2];
                used = new boolean[ok.length * 2];
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ou[i]) {
                        put(ok[i]);
                    }
                }
            }
            put(k);
        }

        private void put(long k) {
            int m = keys.length - 1;
            int i = (int) (mix(k) & m);
            while (used[i]) {
                i = (i + 1) & m;
            }
            used[i] = true;
            keys[i] = k;
            size++;
        }

        boolean contains(long k) {
            int m = keys.length - 1;
            int i = (int) (mix(k) & m);
            while (used[i]) {
                if (keys[i] == k) {
                    return true;
                }
                i = (i + 1) & m;
            }
            return false;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            return z ^ (z >>> 33);
        }
    }
}
