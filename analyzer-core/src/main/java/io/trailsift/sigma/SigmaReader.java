package io.trailsift.sigma;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML documents of one Sigma file into {@link SigmaRule}s. A document that is not a
 * usable rule (no title, a logsource other than AWS CloudTrail, an unsupported modifier, a field
 * CloudTrail never has...) comes back as its problem; the file's other documents still read.
 */
public final class SigmaReader {
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhd])");
    private static final Set<String> TYPES = Set.of("event_count", "value_count", "temporal", "temporal_ordered");
    private static final Set<String> BOUNDS = Set.of("gt", "gte", "lt", "lte", "eq", "neq");

    /** One document's outcome: its rule, or why it has none. */
    public record Outcome(String source, Optional<SigmaRule> rule, Optional<String> problem) {
    }

    private SigmaReader() {
    }

    public static List<Outcome> read(String source, String text) {
        List<Object> docs = new ArrayList<>();
        try {
            LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(source).build();
            new Load(settings).loadAllFromString(text).forEach(docs::add);
        } catch (YamlEngineException e) {
            return List.of(new Outcome(source, Optional.empty(),
                    Optional.of("not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").trim())));
        }
        docs.removeIf(d -> d == null);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String where = docs.size() == 1 ? source : source + " (document " + (i + 1) + ")";
            try {
                out.add(new Outcome(where, Optional.of(rule(where, docs.get(i))), Optional.empty()));
            } catch (SigmaException e) {
                out.add(new Outcome(where, Optional.empty(), Optional.of(e.getMessage())));
            }
        }
        return out;
    }

    private static SigmaRule rule(String source, Object doc) throws SigmaException {
        if (!(doc instanceof Map<?, ?> map)) {
            throw new SigmaException("a Sigma rule is a mapping with title, logsource and detection");
        }
        String title = text(map.get("title")).orElseThrow(() -> new SigmaException("missing field 'title'"));
        Optional<Detection> detection = Optional.empty();
        Optional<Correlation> correlation = Optional.empty();
        if (map.get("correlation") != null) {
            correlation = Optional.of(correlation(map.get("correlation"), map.get("generate")));
        } else {
            checkLogsource(map.get("logsource"));
            detection = Optional.of(detection(map.get("detection")));
        }
        return new SigmaRule(source, text(map.get("id")), text(map.get("name")), title,
                text(map.get("description")).orElse(""), text(map.get("level")), text(map.get("status")).orElse(""),
                text(map.get("author")).orElse(""), texts(map.get("tags")), texts(map.get("references")),
                texts(map.get("falsepositives")), detection, correlation);
    }

    private static void checkLogsource(Object value) throws SigmaException {
        if (!(value instanceof Map<?, ?> ls)) {
            throw new SigmaException("missing 'logsource' (trailsift runs rules for product: aws, service: cloudtrail)");
        }
        String product = text(ls.get("product")).orElse("").toLowerCase(Locale.ROOT);
        String service = text(ls.get("service")).orElse("").toLowerCase(Locale.ROOT);
        if (!product.equals("aws") || !service.equals("cloudtrail")) {
            throw new SigmaException("logsource is product: " + product + ", service: " + service
                    + "; trailsift runs rules for product: aws, service: cloudtrail");
        }
    }

    static Detection detection(Object value) throws SigmaException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SigmaException("missing 'detection'");
        }
        if (map.containsKey("timeframe")) {
            throw new SigmaException("'timeframe' belongs to the deprecated count() form; write a correlation rule "
                    + "(event_count, value_count, temporal) instead");
        }
        Map<String, List<List<FieldTest>>> selections = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!name.equals("condition")) {
                selections.put(name, selection(name, e.getValue()));
            }
        }
        Object cond = map.get("condition");
        List<String> conditions = cond instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : text(cond).map(List::of).orElseThrow(() -> new SigmaException("missing 'condition' in detection"));
        List<Condition> parsed = new ArrayList<>();
        for (String c : conditions) {
            if (c.contains("|")) {
                throw new SigmaException("condition '" + c + "' uses the deprecated aggregation form (| count() ...); "
                        + "write a correlation rule instead");
            }
            parsed.add(ConditionParser.parse(c, selections.keySet()));
        }
        return new Detection(selections, parsed.size() == 1 ? parsed.get(0) : new Condition.Or(parsed));
    }

    private static List<List<FieldTest>> selection(String name, Object value) throws SigmaException {
        if (value instanceof Map<?, ?> map) {
            return List.of(fields(name, map));
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?>)) {
            List<List<FieldTest>> out = new ArrayList<>();
            for (Object item : list) {
                out.add(fields(name, (Map<?, ?>) item));
            }
            return out;
        }
        throw new SigmaException("search identifier '" + name + "' is a keyword search (values without a field), "
                + "which is not supported: CloudTrail records have no message text to search; name the field");
    }

    private static List<FieldTest> fields(String name, Map<?, ?> map) throws SigmaException {
        List<FieldTest> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.isEmpty() || key.startsWith("|")) {
                throw new SigmaException("search identifier '" + name + "' is a keyword search, which is not supported");
            }
            if (e.getValue() instanceof Map<?, ?>) {
                throw new SigmaException("field '" + key + "' has a mapping as its value; Sigma values are text, numbers, "
                        + "booleans, null or lists of them");
            }
            out.add(Modifiers.read(key, e.getValue()));
        }
        return out;
    }

    private static Correlation correlation(Object value, Object generate) throws SigmaException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new SigmaException("'correlation' must be a mapping with type, rules, group-by, timespan");
        }
        String type = text(map.get("type")).orElse("");
        if (!TYPES.contains(type)) {
            throw new SigmaException("correlation type '" + type + "' is not supported (supported: "
                    + String.join(", ", TYPES.stream().sorted().toList()) + ")");
        }
        List<String> rules = texts(map.get("rules"));
        if (rules.isEmpty()) {
            throw new SigmaException("correlation: 'rules' names no rule");
        }
        String span = text(map.get("timespan")).orElseThrow(() -> new SigmaException("correlation: missing 'timespan'"));
        Matcher m = TIMESPAN.matcher(span.strip());
        if (!m.matches()) {
            throw new SigmaException("correlation: timespan '" + span + "' is not a number and s, m, h or d (e.g. 90m)");
        }
        long seconds = Long.parseLong(m.group(1)) * switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
        Map<String, Long> bounds = new LinkedHashMap<>();
        Optional<String> field = Optional.empty();
        if (map.get("condition") instanceof Map<?, ?> cond) {
            for (Map.Entry<?, ?> e : cond.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("field")) {
                    field = text(e.getValue());
                } else if (BOUNDS.contains(k) && e.getValue() instanceof Number n) {
                    bounds.put(k, n.longValue());
                } else {
                    throw new SigmaException("correlation condition '" + k + ": " + e.getValue() + "' is not one of "
                            + "gt, gte, lt, lte, eq, neq with a whole number, or field");
                }
            }
        } else if (map.get("condition") != null) {
            throw new SigmaException("correlation: 'condition' must be a mapping such as {gte: 10}");
        }
        if (bounds.isEmpty() && (type.equals("event_count") || type.equals("value_count"))) {
            throw new SigmaException("correlation " + type + " needs a condition such as {gte: 10}");
        }
        if (type.equals("value_count") && field.isEmpty()) {
            throw new SigmaException("correlation value_count needs the field it counts (condition: {field: ...})");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        if (map.get("aliases") instanceof Map<?, ?> a) {
            for (Map.Entry<?, ?> e : a.entrySet()) {
                Map<String, String> perRule = new LinkedHashMap<>();
                if (e.getValue() instanceof Map<?, ?> r) {
                    r.forEach((k, v) -> perRule.put(String.valueOf(k), String.valueOf(v)));
                }
                aliases.put(String.valueOf(e.getKey()), perRule);
            }
        }
        Object gen = generate != null ? generate : map.get("generate");
        return new Correlation(type, rules, texts(map.get("group-by")), seconds, bounds, field, aliases,
                Boolean.TRUE.equals(gen));
    }

    private static Optional<String> text(Object v) {
        return v == null || String.valueOf(v).isBlank() ? Optional.empty() : Optional.of(String.valueOf(v).strip());
    }

    private static List<String> texts(Object v) {
        if (v instanceof List<?> l) {
            return l.stream().filter(i -> i != null).map(String::valueOf).toList();
        }
        return text(v).map(List::of).orElse(List.of());
    }
}
