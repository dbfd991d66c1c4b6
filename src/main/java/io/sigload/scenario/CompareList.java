package io.sigload.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sigload.sign.Signers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scenario's top-level {@code compare:} list, for {@code sigload compare}: each entry is a
 * signer name ({@code - nimbus}) or a mapping of {@code signer} fields to override
 * ({@code - {type: java-jwt, iat: java-float-round-minus-30, label: java-float}}), where the
 * optional {@code label} names the row. {@code compare: installed} means every installed signer
 * ({@link io.sigload.sign.Signers#names()}); the compare then skips those the scenario cannot build
 * (a remote signer without its {@code url}). Each entry becomes {@code --set signer.FIELD=VALUE}
 * overrides, so a variant is checked by the same loader as any scenario. Thread-safe: stateless.
 */
public final class CompareList {
    /**
     * One signer to compare.
     *
     * @param label the row's name
     * @param sets {@code signer.FIELD=VALUE} overrides applied to the scenario
     */
    public record Entry(String label, List<String> sets) {
        public Entry {
            sets = List.copyOf(sets);
        }

        /** A signer by name: {@code signer.type=NAME}. */
        public static Entry named(String name) {
            return new Entry(name, List.of("signer.type=" + name));
        }
    }

    /** The value of {@code compare:} that selects every installed signer. */
    public static final String INSTALLED = "installed";

    /**
     * What the scenario asks to compare.
     *
     * @param entries the signers, in order
     * @param installed whether they came from {@code compare: installed} (skip those that cannot be built)
     */
    public record Selection(List<Entry> entries, boolean installed) {
        public Selection {
            entries = List.copyOf(entries);
        }
    }

    private CompareList() {
    }

    /**
     * Reads the {@code compare:} list of a scenario file.
     *
     * @return the entries in order; empty when the scenario has no {@code compare:} key
     * @throws ScenarioException when the file cannot be read, or an entry is neither a name nor a mapping
     */
    public static List<Entry> read(Path file) throws ScenarioException {
        return select(file).entries();
    }

    /**
     * Reads the {@code compare:} key: a list, or {@code installed}.
     *
     * @throws ScenarioException as {@link #read}
     */
    public static Selection select(Path file) throws ScenarioException {
        JsonNode root;
        try {
            root = ScenarioLoader.YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("compare");
        if (list == null || list.isNull()) {
            return new Selection(List.of(), false);
        }
        if (list.isTextual() && list.asText().equals(INSTALLED)) {
            return new Selection(Signers.names().stream().map(Entry::named).toList(), true);
        }
        if (!list.isArray()) {
            throw new ScenarioException(file + ": compare: expected a list of signer names or signer mappings,"
                    + " e.g. compare: [java-jwt, nimbus], or compare: installed");
        }
        List<Entry> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (e.isTextual()) {
                out.add(Entry.named(e.asText()));
            } else if (e.isObject()) {
                List<String> sets = new ArrayList<>();
                String label = null;
                for (Map.Entry<String, JsonNode> f : e.properties()) {
                    if (f.getKey().equals("label")) {
                        label = f.getValue().asText();
                    } else {
                        sets.add("signer." + f.getKey() + "=" + (f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
                    }
                }
                if (label == null) {
                    label = e.path("type").asText("variant-" + (i + 1)) + (e.has("iat") ? "/" + e.get("iat").asText() : "");
                }
                out.add(new Entry(label, sets));
            } else {
                problems.add(file + ": compare[" + i + "]: found " + FieldReader.describe(e)
                        + "; allowed: a signer name (e.g. nimbus) or a mapping of signer fields (e.g. {type: fast, iat: floor})");
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Selection(out, false);
    }
}
