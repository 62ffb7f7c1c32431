package io.trailsift.sigma;

import io.trailsift.detect.Rule;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;
import io.trailsift.store.Baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Sigma rule as a trailsift {@link Rule}: its detection (or correlation) compiled to one DuckDB
 * query over {@code events} whose values are {@code ?} parameters ({@link Rule#parameters()}),
 * and its metadata mapped: {@code level} to severity, {@code attack.tNNNN} tags to ATT&CK ids,
 * the first ATT&CK tactic tag to the tactic, false positives to the rule's response.
 */
final class SigmaCompiler {
    /** Events of one credential closer than this belong to one finding, as in trailsift's burst rules. */
    static final String BURST = "INTERVAL 5 MINUTE";
    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.(t\\d{4}(\\.\\d{3})?)");
    private static final Map<String, Tactic> TACTICS = Map.ofEntries(
            Map.entry("reconnaissance", Tactic.RECONNAISSANCE), Map.entry("discovery", Tactic.RECONNAISSANCE),
            Map.entry("persistence", Tactic.PERSISTENCE), Map.entry("privilege-escalation", Tactic.PERSISTENCE),
            Map.entry("credential-access", Tactic.CREDENTIAL_ACCESS), Map.entry("execution", Tactic.EXECUTION),
            Map.entry("lateral-movement", Tactic.EXECUTION), Map.entry("defense-evasion", Tactic.DEFENSE_EVASION),
            Map.entry("defense-impairment", Tactic.DEFENSE_EVASION),
            Map.entry("exfiltration", Tactic.IMPACT), Map.entry("impact", Tactic.IMPACT),
            Map.entry("collection", Tactic.IMPACT), Map.entry("initial-access", Tactic.INITIAL_ACCESS));

    private SigmaCompiler() {
    }

    static Rule compile(String id, SigmaRule rule, RuleIndex index) throws SigmaException {
        SqlText sql = query(rule, index);
        return new Rule(id, rule.title(), severity(rule), attack(rule.tags()), description(rule), response(rule),
                rule.references(), sql.sql(), Optional.empty(), rule.source(), tactic(rule.tags()), sql.params());
    }

    /** The rule's query: event_id and group_key of each evidence event. */
    static SqlText query(SigmaRule rule, RuleIndex index) throws SigmaException {
        if (rule.correlation().isPresent()) {
            return CorrelationSql.of(rule.correlation().get(), index);
        }
        return new SqlText().add("WITH hits AS (\n  SELECT event_id, event_time AS t, coalesce(" + Baselines.CREDENTIAL
                        + ", '') AS credential\n  FROM events\n  WHERE ").add(matching(rule, index)).add(")\n")
                .add(EventGroups.select("credential", "credential", new SqlText().add(BURST)));
    }

    /** A condition over a row of {@code events}: the event is one the rule matches. */
    static SqlText matching(SigmaRule rule, RuleIndex index) throws SigmaException {
        if (rule.detection().isPresent()) {
            return DetectionSql.of(rule.detection().get());
        }
        return new SqlText().add("event_id IN (SELECT event_id FROM (\n").add(query(rule, index)).add("\n))");
    }

    private static Severity severity(SigmaRule rule) throws SigmaException {
        String level = rule.level().orElse("medium").toLowerCase(Locale.ROOT);
        try {
            return Severity.parse(level.equals("informational") ? "info" : level);
        } catch (IllegalArgumentException e) {
            throw new SigmaException("level '" + level + "' is not one of informational, low, medium, high, critical");
        }
    }

    static List<String> attack(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            Matcher m = TECHNIQUE.matcher(tag.toLowerCase(Locale.ROOT));
            if (m.matches() && !out.contains(m.group(1).toUpperCase(Locale.ROOT))) {
                out.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Optional<Tactic> tactic(List<String> tags) {
        return tags.stream().map(t -> t.toLowerCase(Locale.ROOT))
                .filter(t -> t.startsWith("attack.")).map(t -> TACTICS.get(t.substring(7).replace('_', '-')))
                .filter(t -> t != null).findFirst();
    }

    private static String description(SigmaRule rule) {
        List<String> about = new ArrayList<>();
        rule.id().ifPresent(i -> about.add("Sigma rule " + i));
        if (!rule.status().isEmpty()) {
            about.add("status " + rule.status());
        }
        if (!rule.author().isEmpty()) {
            about.add("by " + rule.author());
        }
        String text = rule.description().strip();
        return about.isEmpty() ? text : text + (text.isEmpty() ? "" : "\n") + "(" + String.join(", ", about) + ")";
    }

    private static String response(SigmaRule rule) {
        return rule.falsePositives().isEmpty() ? ""
                : "Known false positives: " + String.join("; ", rule.falsePositives()) + ".";
    }
}
