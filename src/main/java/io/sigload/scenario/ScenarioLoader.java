package io.sigload.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import io.sigload.clock.Durations;
import io.sigload.clock.SkewDistribution;
import io.sigload.clock.ZoneDistribution;
import io.sigload.sign.ClaimsRecipe;
import io.sigload.sign.ExpUnit;
import io.sigload.sign.IatFormula;
import io.sigload.sign.JsonType;
import io.sigload.sign.SignerConfig;
import io.sigload.sign.SignerFault;
import io.sigload.sign.SignerProvider;
import io.sigload.sign.TokenKind;
import io.sigload.sign.Signers;
import io.sigload.timing.Latency;
import io.sigload.timing.Stall;
import io.sigload.validate.Profile;
import io.sigload.guard.BoundedRead;
import io.sigload.guard.Controls;
import io.sigload.guard.InputRefusedException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads and checks a scenario file. Every problem is collected and reported at once, each with the
 * file, line:column, field path, what was found and what is allowed. Thread-safe: stateless.
 *
 * <p>The format is documented in {@code docs/scenario-format.md}; defaults are in {@link Defaults}.
 */
public final class ScenarioLoader {
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    /** Simulated time may start from here ... */
    static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");
    /** ... to here (NumericDates beyond look like milliseconds to a validator). */
    static final Instant LATEST_START = Instant.parse("2100-01-01T00:00:00Z");
    /** The longest join window: a week. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** The built-in signers that mint from the claims recipe ({@code signer.kind} applies to them). */
    static final Set<String> IN_PROCESS_RECIPES = Set.of("java-jwt", "fast", "nimbus", "jjwt");
    /** The longest Video SDK session name (the {@code tpc} claim), characters. */
    static final int MAX_SESSION_NAME = 200;
    /** The longest join window in wall time, where participants really wait for it. */
    static final Duration MAX_WALL_WINDOW = Duration.ofHours(1);

    /** The largest scenario accepted, bytes (and characters). */
    public static final int MAX_BYTES = 1 << 20;
    /** The longest scenario line, characters: keeps YAML scanning linear (SnakeYAML re-reads a long run). */
    public static final int MAX_LINE_CHARS = 16 * 1024;
    /** How long a pipe given as the scenario may take to deliver it. */
    public static final Duration PIPE_WAIT = Duration.ofSeconds(30);
    /** Longest excerpt of a line quoted in an error, characters. */
    static final int EXCERPT_CHARS = 120;

    /** Checks one threshold expression: what is wrong with it, or {@code null} when it is fine. */
    @FunctionalInterface
    public interface ExpressionCheck {
        String problem(String expression);
    }

    private static final List<String> TOP = List.of("name", "description", "participants", "seed", "meeting",
            "credentials", "signer", "clocks", "join", "load", "validator", "time", "thresholds", "compare", "endpoint");

    private ScenarioLoader() {
    }

    /**
     * Loads a scenario file.
     *
     * @param file the YAML file
     * @param sets {@code --set path=value} overrides, applied before checking
     * @throws ScenarioException with every problem found (exit code 2 in the CLI)
     */
    public static Scenario load(Path file, List<String> sets) throws ScenarioException {
        return load(file, sets, Map.of(), null);
    }

    /**
     * Loads a scenario file with overrides that came from other options than {@code --set}.
     *
     * @param origins an override (as in {@code sets}) → the option it came from, e.g.
     *     {@code signer.url=http://127.0.0.1:4000/} → {@code --url http://127.0.0.1:4000/}: a problem
     *     with that field names the option; overrides not listed are {@code --set} ones
     */
    public static Scenario load(Path file, List<String> sets, Map<String, String> origins) throws ScenarioException {
        return load(file, sets, origins, null);
    }

    /**
     * Loads a scenario file, checking its threshold expressions with {@code thresholds} too, so
     * their problems come with {@code line:col} and in file order with the others. The read is
     * bounded ({@link BoundedRead}): at most {@value #MAX_BYTES} bytes, a pipe must end within
     * {@link #PIPE_WAIT}, devices are refused.
     *
     * @param origins as in {@link #load(Path, List, Map)}, not {@code null}
     * @param thresholds what is wrong with one expression, or {@code null} when it is fine; may be
     *     {@code null} (expressions are then checked by the caller)
     * @throws ScenarioException with every problem found
     */
    public static Scenario load(Path file, List<String> sets, Map<String, String> origins, ExpressionCheck thresholds)
            throws ScenarioException {
        return parse(read(file), file.toString(), sets, origins, thresholds);
    }

    /** The file's text, read bounded ({@link BoundedRead}, {@value #MAX_BYTES} bytes) and decoded as strict UTF-8. */
    private static String read(Path file) throws ScenarioException {
        byte[] raw;
        try {
            raw = BoundedRead.bytes(file, MAX_BYTES, PIPE_WAIT);
        } catch (InputRefusedException e) {
            throw new ScenarioException(file + ": " + e.getMessage()
                    + (e.getMessage().startsWith("is over") ? "; a scenario is a short YAML file" : ""));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file + ": not UTF-8 text; a scenario is a YAML file");
        }
        return text;
    }

    /**
     * Parses scenario text.
     *
     * @param text the YAML
     * @param source name for messages, e.g. the file path
     * @param sets overrides as in {@link #load}
     * @throws ScenarioException with every problem found
     */
    public static Scenario parse(String text, String source, List<String> sets) throws ScenarioException {
        return parse(text, source, sets, Map.of(), null);
    }

    /**
     * Parses scenario text with the options overrides came from ({@link #load(Path, List, Map)}),
     * checking threshold expressions as {@link #load(Path, List, Map, ExpressionCheck)} ({@code
     * thresholds} may be {@code null}).
     */
    public static Scenario parse(String text, String source, List<String> sets, Map<String, String> origins,
            ExpressionCheck thresholds) throws ScenarioException {
        checkSize(text, source);
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(yamlError(source, text, e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        YamlLocations locations = YamlLocations.index(text);
        List<String> yamlProblems = new ArrayList<>();
        for (YamlLocations.Alias a : locations.aliases()) {
            String loc = locations.locateExact(a.path());
            yamlProblems.add(source + (loc.isEmpty() ? "" : ":" + loc) + ": " + (a.path().isEmpty() ? "" : a.path() + ": ")
                    + "a YAML alias (*" + Controls.escape(a.name(), false) + "); a scenario does not use anchors and"
                    + " aliases (nor << merge keys): write the value out where it is used");
        }
        if (!locations.secondDocument().isEmpty()) {
            yamlProblems.add(source + ":" + locations.secondDocument() + ": a second YAML document (after ---); a"
                    + " scenario is one document: remove the --- line and what follows, or put it in its own file");
        }
        if (!locations.aliases().isEmpty()) {
            throw new ScenarioException(yamlProblems); // the tree holds alias names as text: nothing else is trustworthy
        }
        if (!root.isObject()) {
            throw new ScenarioException(source + ":1:1: expected a YAML mapping (key: value lines) at the top");
        }
        Overrides.apply((ObjectNode) root, sets, origins);
        Map<String, String> overridden = new LinkedHashMap<>();
        for (String set : sets) {
            int eq = set.indexOf('=');
            overridden.put(set.substring(0, eq).trim(), origins.getOrDefault(set, "--set " + Overrides.shown(set)));
        }
        FieldReader r = new FieldReader(source, locations, overridden);
        Scenario s = read(root, r, source, thresholds);
        List<String> problems = new ArrayList<>(r.problems());
        problems.addAll(yamlProblems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return s;
    }

    /** Refuses text over {@value #MAX_BYTES} characters or with a line over {@value #MAX_LINE_CHARS}, in one pass. */
    private static void checkSize(String text, String source) throws ScenarioException {
        if (text.length() > MAX_BYTES) {
            throw new ScenarioException(source + ": over " + BoundedRead.size(MAX_BYTES) + "; a scenario is a short YAML file");
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new ScenarioException(source + ":" + line + ": a line of " + (i - start) + " characters; a"
                            + " scenario line is at most " + MAX_LINE_CHARS + " (write a long list one item per line)");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /**
     * The scenario file as a tree with the overrides applied, unchecked: what a sharded run records
     * so that {@code sigload merge} can tell whether shards ran the same scenario and can rebuild it.
     * Call it on a file {@link #load} accepted. Holds no secret (a scenario never does).
     *
     * @param file the YAML file
     * @param sets {@code --set path=value} overrides, as in {@link #load}
     * @throws ScenarioException when the file cannot be read or parsed, or an override is malformed
     */
    public static ObjectNode resolvedTree(Path file, List<String> sets) throws ScenarioException {
        String text = read(file);
        checkSize(text, file.toString());
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(yamlError(file.toString(), text, e));
        }
        ObjectNode tree = root instanceof ObjectNode o ? o : YAML.createObjectNode();
        Overrides.apply(tree, sets);
        return tree;
    }

    /**
     * A YAML syntax error in sigload's style: {@code file:line:col: not valid YAML: what}, the line
     * with a caret, and the line before it (where an indentation or bracket mistake usually is).
     */
    static String yamlError(String source, String text, JsonProcessingException e) {
        List<String> lines = text.lines().toList();
        String what = Controls.escape(String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip(), false);
        if (what.startsWith("Duplicate field ")) {
            String dup = duplicateKey(source, text, lines);
            if (dup != null) {
                return dup;
            }
        }
        var loc = e.getLocation();
        int line = loc == null ? 0 : loc.getLineNr();
        int col = loc == null ? 0 : Math.max(1, loc.getColumnNr());
        // SnakeYAML knows where the problem is (a tab at the start of line 2); Jackson's location is
        // where it was reading (the end of line 1)
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            line = m.getProblemMark().getLine() + 1;
            col = m.getProblemMark().getColumn() + 1;
            if (m.getProblem() != null) {
                what = m.getProblem().contains("(TAB)") ? "a tab character; YAML indents with spaces, never tabs"
                        : Controls.escape(m.getProblem().strip(), false);
            }
        }
        if (what.length() > 2 * EXCERPT_CHARS) {
            what = what.substring(0, 2 * EXCERPT_CHARS) + "...";
        }
        if (line < 1) {
            return source + ": not valid YAML: " + what;
        }
        StringBuilder b = new StringBuilder(source + ":" + line + ":" + col + ": not valid YAML: " + what);
        if (line >= 2 && line - 2 < lines.size()) {
            b.append(System.lineSeparator()).append(String.format("%5d | %s", line - 1, excerpt(lines.get(line - 2), col)[0]));
        }
        if (line - 1 < lines.size()) {
            String[] ex = excerpt(lines.get(line - 1), col);
            b.append(System.lineSeparator()).append(String.format("%5d | %s", line, ex[0]));
            b.append(System.lineSeparator()).append("      | ").append(" ".repeat(Integer.parseInt(ex[1]) - 1)).append('^');
        }
        if (!what.startsWith("a tab character")) { // which says it already
            b.append(System.lineSeparator()).append("(check the indentation, colons and brackets on these lines; YAML"
                    + " indents with spaces, never tabs)");
        }
        return b.toString();
    }

    /** A key given twice: {@code file:B:col: path: given twice (lines A and B); keep one}, both lines shown. */
    private static String duplicateKey(String source, String text, List<String> lines) {
        YamlLocations idx = YamlLocations.index(text);
        int[] at = idx.duplicateLines();
        if (at == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(source + ":" + at[1] + ":" + Math.max(1, at[2]) + ": " + idx.duplicate()
                + "; a key may appear once in a mapping: keep one");
        for (int l : new int[] {at[0], at[1]}) {
            if (l >= 1 && l <= lines.size()) {
                b.append(System.lineSeparator()).append(String.format("%5d | %s", l, excerpt(lines.get(l - 1), 1)[0]));
            }
        }
        return b.toString();
    }

    /**
     * At most {@value #EXCERPT_CHARS} characters of a line around column {@code col}, control
     * characters escaped, the value of a {@code secret:} key hidden; and the caret's column in it.
     */
    static String[] excerpt(String line, int col) {
        String l = line.replaceAll("(?i)((?:^|[\\s{,])[\"']?secret[\"']?\\s*:).*", "$1 (value not shown)");
        int start = l.length() <= EXCERPT_CHARS ? 0 : Math.max(0, Math.min(col - 1 - EXCERPT_CHARS / 2, l.length() - EXCERPT_CHARS));
        int end = Math.min(l.length(), start + EXCERPT_CHARS);
        String cut = (start > 0 ? "..." : "") + Controls.escape(l.substring(start, end), false) + (end < l.length() ? "..." : "");
        int caret = Math.max(1, Math.min(col - start + (start > 0 ? 3 : 0), cut.length() + 1));
        return new String[] {cut, String.valueOf(caret)};
    }

    private static Scenario read(JsonNode root, FieldReader r, String source, ExpressionCheck check) {
        r.onlyKeys(root, "", TOP);
        String fallbackName = Path.of(source).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = r.string(root, "", "name", fallbackName);
        String description = r.string(root, "", "description", "");
        if (root.path("participants").isNull() || root.path("participants").isMissingNode()) {
            r.problem("participants", "missing; every scenario states its participant count, e.g. participants: 30");
        }
        int participants = (int) r.integer(root, "", "participants", 1, 10_000_000, 1);
        long seed = r.integer(root, "", "seed", Long.MIN_VALUE, Long.MAX_VALUE, Defaults.SEED);

        JsonNode m = r.section(root, "", "meeting");
        r.onlyKeys(m, "meeting", List.of("number", "numbers", "hosts", "expirationSeconds"));
        String number = r.string(m, "meeting", "number", Defaults.MEETING_NUMBER);
        if (!number.matches("\\d{1,19}")) {
            r.problem("meeting.number", "found '" + number + "'; allowed: digits only, e.g. \"85746065432\"");
        }
        List<String> numbers = r.texts(m, "meeting", "numbers");
        if (numbers != null) {
            if (m.hasNonNull("number")) {
                r.problem("meeting.numbers", "give either meeting.number (one meeting) or meeting.numbers (several), not both");
            }
            for (int i = 0; i < numbers.size(); i++) {
                if (!numbers.get(i).matches("\\d{1,19}")) {
                    r.problem("meeting.numbers[" + i + "]", "found '" + numbers.get(i) + "'; allowed: digits only,"
                            + " e.g. \"85746065432\"");
                }
            }
            number = numbers.getFirst();
        }
        int hosts = (int) r.integer(m, "meeting", "hosts", 0, 10_000_000, Defaults.HOSTS);
        int exp = (int) r.integer(m, "meeting", "expirationSeconds", 1, 10L * 365 * 86400, Defaults.EXPIRATION_SECONDS);
        var meeting = new Scenario.Meeting(number, hosts, exp, numbers);

        var credentials = credentials(r.section(root, "", "credentials"), r);
        JsonNode signerNode = root == null ? null : root.get("signer");
        Scenario.SignerSpec signer;
        if (signerNode != null && signerNode.isTextual() && !signerNode.asText().isBlank()) { // "signer: fast": say how
            r.problem("signer", "expected a section (key: value lines), found '" + signerNode.asText() + "'; write signer: {type: "
                    + signerNode.asText() + "}");
            signer = signer(null, r);
        } else {
            signer = signer(r.section(root, "", "signer"), r);
        }

        JsonNode c = r.section(root, "", "clocks");
        r.onlyKeys(c, "clocks", List.of("participants", "server", "validator", "timezones"));
        SkewDistribution pc = r.distribution(c, "clocks", "participants", new SkewDistribution.Fixed(Duration.ZERO));
        Duration server = r.duration(c, "clocks", "server", Duration.ZERO);
        Duration validatorSkew = r.duration(c, "clocks", "validator", Duration.ZERO);
        ZoneDistribution zones = r.zones(c, "clocks", "timezones", ZoneDistribution.UTC);
        var clocks = new Scenario.Clocks(pc, server, validatorSkew, zones);

        JsonNode j = r.section(root, "", "join");
        r.onlyKeys(j, "join", List.of("window", "deliveryDelay", "sessionName"));
        Duration window = r.duration(j, "join", "window", Defaults.JOIN_WINDOW);
        if (window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
            r.problem("join.window", "found " + Durations.format(window) + "; allowed: 0s to 7d");
        }
        var delay = r.distribution(j, "join", "deliveryDelay", new SkewDistribution.Fixed(Duration.ZERO));
        Duration lowestDelay = lowest(delay);
        if (lowestDelay.isNegative()) {
            r.problem("join.deliveryDelay", "found " + Durations.format(lowestDelay) + "; allowed: 0s or more (the time"
                    + " from minting until the validator checks the token; a normal distribution's draws below 0 count as 0s)");
            delay = new SkewDistribution.Fixed(Duration.ZERO);
        }
        List<String> sessions = r.texts(j, "join", "sessionName");
        if (sessions != null) {
            for (int i = 0; i < sessions.size(); i++) {
                String session = sessions.get(i);
                if (session.isEmpty() || session.length() > MAX_SESSION_NAME) {
                    r.problem(sessions.size() == 1 ? "join.sessionName" : "join.sessionName[" + i + "]", "found "
                            + session.length() + " characters; allowed: 1 to " + MAX_SESSION_NAME + " (the Video SDK's limit)");
                }
            }
        }
        var join = new Scenario.Join(window, delay, sessions);

        var load = LoadReader.read(r.section(root, "", "load"), r);

        JsonNode v = r.section(root, "", "validator");
        r.onlyKeys(v, "validator", List.of("profile", "iatLeewaySeconds"));
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Profile p : Profile.values()) {
            profiles.put(p.wireName(), p);
        }
        Profile profile = r.choice(v, "validator", "profile", profiles, Profile.MEETING_WEB);
        long leeway = r.integer(v, "validator", "iatLeewaySeconds", 0, 86_400, Defaults.IAT_LEEWAY_SECONDS);
        var validator = new Scenario.ValidatorSpec(profile, leeway);
        if (signer.options().path("kind").isMissingNode() || signer.options().path("kind").isNull()) {
            signer = signer.withRecipe(signer.recipe().withKind(profile == Profile.VIDEO ? TokenKind.VIDEO : TokenKind.MEETING));
        }
        if (signer.recipe().kind() == TokenKind.VIDEO && sessions == null && IN_PROCESS_RECIPES.contains(signer.type())) {
            r.problem("join.sessionName", "missing; a Video SDK token signs the session name the participant joins"
                    + " (tpc): give one, e.g. sessionName: standup, or a list, one per participant in turn");
        }

        JsonNode t = r.section(root, "", "time");
        r.onlyKeys(t, "time", List.of("mode", "start"));
        TimeMode dfltMode = "http".equals(signer.type()) ? TimeMode.WALL : TimeMode.SIMULATED;
        TimeMode mode = r.choice(t, "time", "mode", Map.of("simulated", TimeMode.SIMULATED, "wall", TimeMode.WALL), dfltMode);
        if ("http".equals(signer.type()) && mode == TimeMode.SIMULATED) {
            r.problem("time.mode", "a remote signer (http) mints on its own clock; allowed here: wall");
        }
        Instant start = Defaults.SIMULATED_START;
        String startText = r.string(t, "time", "start", null);
        if (startText != null) {
            try {
                start = Instant.parse(startText);
            } catch (DateTimeParseException e) {
                r.problem("time.start", "found '" + startText + "'; allowed: an ISO-8601 instant, e.g. 2026-03-02T09:00:00Z");
            }
        }
        if (start.isBefore(EARLIEST_START) || !start.isBefore(LATEST_START)) {
            r.problem("time.start", "found " + start + "; allowed: from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z");
            start = Defaults.SIMULATED_START;
        }
        if (mode == TimeMode.WALL && window.compareTo(MAX_WALL_WINDOW) > 0) {
            r.problem("join.window", "found " + Durations.format(window) + " in wall time, where"
                    + " participants really wait for it; allowed: 0s to 1h (or time.mode: simulated)");
        }
        var time = new Scenario.Time(mode, start);

        List<String> thresholds = new ArrayList<>();
        JsonNode th = root.get("thresholds");
        if (th != null && !th.isNull()) {
            if (!th.isArray()) {
                r.problem("thresholds", "expected a list of expressions, e.g. [\"invalid == 0\", \"p99(total) < 2ms\"]");
            } else {
                for (int i = 0; i < th.size(); i++) {
                    if (!th.get(i).isTextual()) {
                        r.problem("thresholds[" + i + "]", "expected an expression in quotes, found " + FieldReader.describe(th.get(i)));
                    } else {
                        thresholds.add(th.get(i).asText());
                        String wrong = check == null ? null : check.problem(th.get(i).asText());
                        if (wrong != null) {
                            r.problem("thresholds[" + i + "]", wrong);
                        }
                    }
                }
            }
        }
        Scenario.Endpoint endpoint = endpoint(r.section(root, "", "endpoint"), r, signer);
        if (endpoint == null && "http".equals(signer.type()) && !signer.options().has("url")) {
            r.problem("signer.url", "missing; give the signature endpoint's URL, e.g. url: http://127.0.0.1:4000/,"
                    + " or add an endpoint: section to start sigload's reference endpoint for the run");
        }
        return new Scenario(source, name, description, participants, seed, meeting, credentials, signer, clocks, join,
                load, validator, time, thresholds, endpoint);
    }

    private static Scenario.Endpoint endpoint(JsonNode e, FieldReader r, Scenario.SignerSpec signer) {
        if (e == null) {
            return null;
        }
        r.onlyKeys(e, "endpoint", List.of("clockOffset", "iat", "latency", "errorRate", "stall", "fault"));
        if (!"http".equals(signer.type())) {
            r.problem("endpoint", "an endpoint is started for the http signer only; set signer.type: http or remove it");
        }
        if (signer.options().has("url")) {
            r.problem("endpoint", "give either signer.url (your endpoint) or an endpoint: section (sigload's), not both");
        }
        Map<String, IatFormula> formulas = new LinkedHashMap<>();
        for (IatFormula f : IatFormula.values()) {
            formulas.put(f.wireName(), f);
        }
        Duration offset = r.duration(e, "endpoint", "clockOffset", Duration.ZERO);
        IatFormula iat = r.choice(e, "endpoint", "iat", formulas, IatFormula.FLOOR);
        String latency = r.string(e, "endpoint", "latency", null);
        if (latency != null) {
            try {
                Latency.parse(latency);
            } catch (IllegalArgumentException ex) {
                r.problem("endpoint.latency", ex.getMessage());
            }
        }
        double errorRate = r.decimal(e, "endpoint", "errorRate", 0, 1, 0);
        String stall = r.string(e, "endpoint", "stall", null);
        if (stall != null) {
            try {
                Stall.parse(stall);
            } catch (IllegalArgumentException ex) {
                r.problem("endpoint.stall", ex.getMessage());
            }
        }
        SignerFault fault = r.choice(e, "endpoint", "fault", faults(), SignerFault.NONE);
        return new Scenario.Endpoint(offset, iat, latency, errorRate, stall, fault);
    }

    private static Scenario.Credentials credentials(JsonNode c, FieldReader r) {
        r.onlyKeys(c, "credentials", List.of("sdkKey", "sdkKeyEnv", "secretEnv", "secretFile", "demoSecret",
                "validatorSecretEnv", "secret"));
        if (c != null && c.has("secret")) {
            r.problem("credentials.secret", "secrets are never written in a scenario; use secretEnv: VARIABLE,"
                    + " secretFile: PATH, or demoSecret: true for the built-in fake secret");
        }
        String sdkKey = r.string(c, "credentials", "sdkKey", null);
        String sdkKeyEnv = r.string(c, "credentials", "sdkKeyEnv", null);
        if (sdkKey == null && sdkKeyEnv != null) {
            sdkKey = System.getenv(sdkKeyEnv);
            if (sdkKey == null || sdkKey.isEmpty()) {
                r.problem("credentials.sdkKeyEnv", "environment variable " + sdkKeyEnv + " is not set; export it or"
                        + " write the SDK key (it is not secret) as credentials.sdkKey");
            }
        }
        if (sdkKey == null) {
            sdkKey = "SIGLOAD_DEMO_SDK_KEY_NOT_REAL";
        }
        String env = r.string(c, "credentials", "secretEnv", null);
        String file = r.string(c, "credentials", "secretFile", null);
        boolean demo = r.bool(c, "credentials", "demoSecret", false);
        int ways = (env == null ? 0 : 1) + (file == null ? 0 : 1) + (demo ? 1 : 0);
        if (ways > 1) {
            r.problem("credentials", "give only one of secretEnv, secretFile, demoSecret");
        }
        String validatorEnv = r.string(c, "credentials", "validatorSecretEnv", null);
        return new Scenario.Credentials(sdkKey, env, file, demo, validatorEnv);
    }

    private static Scenario.SignerSpec signer(JsonNode s, FieldReader r) {
        String type = r.string(s, "signer", "type", Defaults.SIGNER);
        SignerProvider provider = Signers.provider(type).orElse(null);
        Set<String> allowed = new LinkedHashSet<>(SignerConfig.COMMON_OPTIONS);
        if (provider == null) {
            String guess = DidYouMean.closest(type, Signers.names());
            r.problem("signer.type", "unknown signer '" + type + "'; installed: " + String.join(", ", Signers.names())
                    + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
        } else {
            allowed.addAll(provider.options());
            r.onlyKeys(s, "signer", allowed);
        }
        // "browser" is what reports call client-side minting, so it is accepted as its alias
        Map<String, Scenario.MintedOn> places = new LinkedHashMap<>();
        places.put("server", Scenario.MintedOn.SERVER);
        places.put("client", Scenario.MintedOn.CLIENT);
        places.put("browser", Scenario.MintedOn.CLIENT);
        // a signing page runs in the participant's browser: its own clock unless the scenario says otherwise
        var mintedOn = r.choice(s, "signer", "mintedOn", places,
                "browser".equals(type) ? Scenario.MintedOn.CLIENT : Scenario.MintedOn.SERVER);
        Map<String, IatFormula> formulas = new LinkedHashMap<>();
        for (IatFormula f : IatFormula.values()) {
            formulas.put(f.wireName(), f);
        }
        IatFormula iat = r.choice(s, "signer", "iat", formulas, IatFormula.FLOOR);
        Map<String, ExpUnit> expUnits = new LinkedHashMap<>();
        for (ExpUnit u : ExpUnit.values()) {
            expUnits.put(u.wireName(), u);
        }
        ExpUnit exp = r.choice(s, "signer", "exp", expUnits, ExpUnit.SECONDS);
        JsonType role = r.choice(s, "signer", "role", types(JsonType.NUMBER), JsonType.NUMBER);
        JsonType mn = r.choice(s, "signer", "mn", types(JsonType.STRING), JsonType.STRING);
        boolean tokenExp = r.bool(s, "signer", "tokenExp", true);
        boolean appKey = r.bool(s, "signer", "appKey", true);
        Map<String, TokenKind> kinds = new LinkedHashMap<>();
        for (TokenKind k : TokenKind.values()) {
            kinds.put(k.wireName(), k);
        }
        TokenKind kind = r.choice(s, "signer", "kind", kinds, null); // null: follows validator.profile
        var recipe = new ClaimsRecipe(iat, exp, role, mn, tokenExp, appKey, kind);
        SignerFault fault = r.choice(s, "signer", "fault", faults(), SignerFault.NONE);
        if (fault != SignerFault.NONE && provider != null && !provider.faults().contains(fault)) {
            r.problem("signer.fault", faultRefused(type, fault));
            fault = SignerFault.NONE;
        }
        return new Scenario.SignerSpec(type, mintedOn, recipe, s == null ? YAML.createObjectNode() : s, fault);
    }

    /** The faults by their scenario spelling, {@code none} first. */
    private static Map<String, SignerFault> faults() {
        Map<String, SignerFault> m = new LinkedHashMap<>();
        for (SignerFault f : SignerFault.values()) {
            m.put(f.wireName(), f);
        }
        return m;
    }

    /** Why this signer cannot inject the fault, and where it can be injected instead. */
    private static String faultRefused(String type, SignerFault fault) {
        if (type.equals("http")) {
            return "found '" + fault.wireName() + "', but a remote endpoint's faults are its own: inject it into"
                    + " sigload's endpoint with endpoint: {fault: " + fault.wireName() + "} (started for the run) or"
                    + " sigload serve --fault " + fault.wireName();
        }
        List<String> able = new ArrayList<>();
        for (String name : Signers.names()) {
            Signers.provider(name).filter(p -> p.faults().contains(fault)).ifPresent(p -> able.add(name));
        }
        return "the " + type + " signer cannot inject '" + fault.wireName() + "'"
                + (able.isEmpty() ? "" : "; signers that can: " + String.join(", ", able));
    }

    /** The lowest value a distribution is written to give (a normal one: its mean; its tails are clamped by the plan). */
    static Duration lowest(SkewDistribution d) {
        return switch (d) {
            case SkewDistribution.Fixed f -> f.skew();
            case SkewDistribution.Uniform u -> u.min();
            case SkewDistribution.Normal n -> n.mean();
            case SkewDistribution.Listed l -> l.skews().stream().min(Duration::compareTo).orElse(Duration.ZERO);
            case SkewDistribution.Mixture m -> m.components().stream().map(c -> lowest(c.distribution()))
                    .min(Duration::compareTo).orElse(Duration.ZERO);
        };
    }

    /** The JSON types by their scenario spelling, the correct one first (the order "allowed:" lists them in). */
    private static Map<String, JsonType> types(JsonType correct) {
        Map<String, JsonType> m = new LinkedHashMap<>();
        m.put(correct.wireName(), correct);
        for (JsonType t : JsonType.values()) {
            m.putIfAbsent(t.wireName(), t);
        }
        return m;
    }
}
