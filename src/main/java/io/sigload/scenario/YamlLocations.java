package io.sigload.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each field of a YAML document starts: {@code "signer.iat"} → line 12, column 3. Array
 * elements are {@code "clocks.participants.list[2]"}. Built once per file by streaming the parser,
 * which also notes every alias ({@code *name}: Jackson's tree would read it as the text
 * {@code name}) and where a second document starts.
 */
final class YamlLocations {
    /** An alias in the document: the field path it is the value of, and its name. */
    record Alias(String path, String name) {
    }

    private final Map<String, int[]> where = new HashMap<>();
    private final List<Alias> aliases = new ArrayList<>();
    private int[] secondDocument;
    private String duplicate;
    private int[] duplicateLines;

    private YamlLocations() {
    }

    /** Indexes a document; an unparseable document gives an empty index (the parse error is reported elsewhere). */
    static YamlLocations index(String yaml) {
        YamlLocations idx = new YamlLocations();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<int[]> arrayIdx = new ArrayDeque<>();
            Deque<Boolean> inArray = new ArrayDeque<>();
            String pendingField = null;
            JsonToken t;
            int depth = 0;
            boolean started = false;
            while ((t = p.nextToken()) != null) {
                if (depth == 0 && started) { // a token after the first document ended
                    idx.secondDocument = new int[] {p.currentTokenLocation().getLineNr(),
                        p.currentTokenLocation().getColumnNr()};
                    break;
                }
                started = true;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                }
                if (t == JsonToken.FIELD_NAME) {
                    pendingField = p.currentName();
                    idx.putField(join(path, pendingField), p.currentTokenLocation());
                    continue;
                }
                String here = null;
                if (!inArray.isEmpty() && inArray.peek()) {
                    int i = arrayIdx.peek()[0]++;
                    here = (path.isEmpty() ? "" : path.peek()) + "[" + i + "]";
                    if (t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
                        idx.put(here, p.currentTokenLocation());
                    }
                } else if (pendingField != null) {
                    here = join(path, pendingField);
                }
                pendingField = null;
                if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                    String at = here == null ? "" : here;
                    idx.aliases.add(new Alias(at, p.getText()));
                    idx.where.putIfAbsent(at, new int[] {p.currentTokenLocation().getLineNr(),
                        p.currentTokenLocation().getColumnNr()});
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    path.push(here == null ? "" : here);
                    inArray.push(t == JsonToken.START_ARRAY);
                    arrayIdx.push(new int[] {0});
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    if (!path.isEmpty()) {
                        path.pop();
                        inArray.pop();
                        arrayIdx.pop();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep what was indexed
        }
        return idx;
    }

    private static String join(Deque<String> path, String field) {
        String parent = path.isEmpty() ? "" : path.peek();
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private void putField(String key, JsonLocation loc) {
        int[] first = where.get(key);
        if (first != null && duplicate == null) {
            duplicate = key;
            duplicateLines = new int[] {first[0], loc.getLineNr(), loc.getColumnNr()};
        }
        put(key, loc);
    }

    /**
     * The first key given twice in one mapping, as {@code path: given twice (lines A and B)}, or
     * {@code null} when none is.
     */
    String duplicate() {
        return duplicate == null ? null
                : duplicate + ": given twice (lines " + duplicateLines[0] + " and " + duplicateLines[1] + ")";
    }

    /** {@code {first line, second line, second column}} of {@link #duplicate()}, or {@code null}. */
    int[] duplicateLines() {
        return duplicateLines == null ? null : duplicateLines.clone();
    }

    private void put(String key, JsonLocation loc) {
        where.putIfAbsent(key, new int[] {loc.getLineNr(), loc.getColumnNr()});
    }

    /** Every alias in the document, in file order. */
    List<Alias> aliases() {
        return aliases;
    }

    /** {@code line:col} where a second YAML document starts, or empty when the file holds one. */
    String secondDocument() {
        return secondDocument == null ? "" : secondDocument[0] + ":" + secondDocument[1];
    }

    /** {@code line:col} of exactly this field, or empty when the file does not have it. */
    String locateExact(String path) {
        int[] lc = where.get(path);
        return lc == null ? "" : lc[0] + ":" + lc[1];
    }

    /** {@code line:col} of the field, or of its closest indexed parent; empty when unknown. */
    String locate(String path) {
        String p = path;
        while (p != null && !p.isEmpty()) {
            int[] lc = where.get(p);
            if (lc != null) {
                return lc[0] + ":" + lc[1];
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? null : p.substring(0, cut);
        }
        return "";
    }
}
