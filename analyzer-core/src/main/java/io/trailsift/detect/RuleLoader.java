package io.trailsift.detect;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads rule YAML files: the pack shipped in {@code rules/<tactic>/} on the class path (listed in
 * {@code rules/index.txt}, which the build writes, because a shaded jar cannot be listed like a
 * folder) and, optionally, every {@code *.yml}/{@code *.yaml} file of a user's folder. A file that
 * does not parse, misses a field or is not named after its rule's id becomes a {@link RuleProblem};
 * the other rules still load.
 */
public final class RuleLoader {
    static final String SHIPPED_INDEX = "rules/index.txt";
    private static final Set<String> KEYS = Set.of("id", "title", "severity", "attack", "description", "response",
            "references", "sql", "summary", "spark_sql");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,79}");
    private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private RuleLoader() {
    }

    /** The shipped pack plus, when given, the rules of {@code userDir}. */
    public static RuleSet load(Optional<Path> userDir) {
        List<Rule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (String path : shippedPaths()) {
            String resource = "rules/" + path;
            int slash = path.lastIndexOf('/');
            Optional<Tactic> tactic = Tactic.ofFolder(path.substring(0, Math.max(slash, 0)));
            if (tactic.isEmpty()) {
                problems.add(new RuleProblem(resource, "a shipped rule must sit in a tactic folder: "
                        + String.join(", ", Tactic.folders())));
            } else {
                add(resource, path.substring(slash + 1), tactic, readResource(resource), rules, problems);
            }
        }
        if (userDir.isPresent()) {
            loadDir(userDir.get(), rules, problems);
        }
        return new RuleSet(rules, problems);
    }

    /**
     * The rule files of {@code dir} itself, not of its subfolders: a user's rule has no tactic, so a
     * subfolder would say nothing about it, and a folder handed over with {@code --rules} may hold
     * other YAML further down (CI workflows, deployment files) that would each be reported as a
     * broken rule.
     */
    private static void loadDir(Path dir, List<Rule> rules, List<RuleProblem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(new RuleProblem(dir.toString(), "not a folder of rule files"));
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            problems.add(new RuleProblem(dir.toString(), "cannot list folder: " + e.getMessage()));
            return;
        }
        for (Path f : files) {
            try {
                add(f.toString(), f.getFileName().toString(), Optional.empty(), Files.readString(f, StandardCharsets.UTF_8),
                        rules, problems);
            } catch (IOException e) {
                problems.add(new RuleProblem(f.toString(), "cannot read: " + e.getMessage()));
            }
        }
    }

    /** Adds the rule of one file, or its problem: the file is named after the rule, whose id no other rule has. */
    private static void add(String source, String fileName, Optional<Tactic> tactic, String text, List<Rule> rules,
                            List<RuleProblem> problems) {
        try {
            Rule rule = parse(source, text, tactic);
            String named = rule.id() + fileName.substring(fileName.lastIndexOf('.'));
            Optional<Rule> clash = rules.stream().filter(r -> r.id().equals(rule.id())).findFirst();
            if (!fileName.equals(named)) {
                problems.add(new RuleProblem(source, "rule id '" + rule.id() + "' does not match the file name (name the file "
                        + named + ")"));
            } else if (clash.isPresent()) {
                problems.add(new RuleProblem(source, "rule id '" + rule.id() + "' is already defined by "
                        + clash.get().source() + " (ids must be unique)"));
            } else {
                rules.add(rule);
            }
        } catch (InvalidRuleException e) {
            problems.add(new RuleProblem(source, e.getMessage()));
        }
    }

    /** Parses and checks one rule file's text, as a rule of no tactic. */
    public static Rule parse(String source, String text) throws InvalidRuleException {
        return parse(source, text, Optional.empty());
    }

    private static Rule parse(String source, String text, Optional<Tactic> tactic) throws InvalidRuleException {
        Object doc;
        try {
            LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(source).build();
            doc = new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new InvalidRuleException("not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").trim());
        }
        if (!(doc instanceof Map<?, ?> raw)) {
            throw new InvalidRuleException("expected a mapping with id, title, severity, attack, description, sql");
        }
        Map<String, Object> map = new HashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KEYS.contains(key)) {
                throw new InvalidRuleException("unknown field '" + key + "' (allowed: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
            map.put(key, e.getValue());
        }
        String id = text(map, "id", true);
        if (!ID.matcher(id).matches()) {
            throw new InvalidRuleException("id '" + id + "' must be lower-case letters, digits and dashes");
        }
        Severity severity;
        try {
            severity = Severity.parse(text(map, "severity", true));
        } catch (IllegalArgumentException e) {
            throw new InvalidRuleException(e.getMessage());
        }
        List<String> attack = list(map, "attack");
        for (String t : attack) {
            if (!ATTACK_ID.matcher(t).matches()) {
                throw new InvalidRuleException("attack '" + t + "' is not an ATT&CK technique id like T1098 or T1098.001");
            }
        }
        Optional<String> summary = Optional.ofNullable(text(map, "summary", false));
        if (summary.isPresent()) {
            SummaryTemplate.check(summary.get());
        }
        return new Rule(id, text(map, "title", true), severity, attack, text(map, "description", true),
                Optional.ofNullable(text(map, "response", false)).orElse(""), list(map, "references"),
                text(map, "sql", true), summary, source, tactic, List.of(), Optional.ofNullable(text(map, "spark_sql", false)));
    }

    private static String text(Map<String, Object> map, String key, boolean required) throws InvalidRuleException {
        Object v = map.get(key);
        if (v == null || (v instanceof String s && s.isBlank())) {
            if (required) {
                throw new InvalidRuleException("missing field '" + key + "'");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidRuleException("field '" + key + "' must be text");
        }
        return s.strip();
    }

    private static List<String> list(Map<String, Object> map, String key) throws InvalidRuleException {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> items) || items.stream().anyMatch(i -> !(i instanceof String))) {
            throw new InvalidRuleException("field '" + key + "' must be a list of text, e.g. [a, b]");
        }
        return items.stream().map(String.class::cast).toList();
    }

    private static List<String> shippedPaths() {
        return readResource(SHIPPED_INDEX).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** A text resource shipped in the jar (rules, rule packs); a missing one is a broken build. */
    public static String readResource(String name) {
        try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("shipped rule resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule file that cannot become a {@link Rule}; the message names the problem. */
    public static final class InvalidRuleException extends Exception {
        public InvalidRuleException(String message) {
            super(message);
        }
    }
}
