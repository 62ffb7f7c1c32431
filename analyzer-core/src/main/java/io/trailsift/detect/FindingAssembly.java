package io.trailsift.detect;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How a rule's rows become a finding, whatever engine ran the rule: the columns a rule must
 * return, the values the engine adds to a summary, a finding's severity and its rendered
 * summary, and the order findings are listed in. The DuckDB {@link Detector} and the Spark job
 * both assemble findings here, so a finding means the same on the laptop and on the cluster.
 */
public final class FindingAssembly {
    /** Values the engine computes per finding; a summary may name them besides the rule's own columns. */
    public static final Set<String> ENGINE_VALUES = Set.of("event_count", "first_seen", "last_seen", "source_ips",
            "account_id", "principal_arn", "access_key_id");

    /** Most severe first, then earliest, then by rule: the order of a hunt's findings. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::firstSeen).thenComparing(Finding::rule);

    private static final int MAX_SUMMARY_VALUES = 5;

    private FindingAssembly() {
    }

    /** What one finding is made of, already reduced over its rows (in the order time, then event id). */
    public record Parts(Severity severity, List<String> eventIds, List<String> sourceIps, Instant firstSeen,
                        Instant lastSeen, Optional<String> accountId, Optional<String> principalArn,
                        Optional<String> accessKeyId) {
        public Parts {
            eventIds = List.copyOf(eventIds);
            sourceIps = List.copyOf(sourceIps);
        }
    }

    /**
     * Checks a rule's result columns: {@code event_id} is required, and each placeholder of the
     * summary must be a column or an {@link #ENGINE_VALUES engine value}.
     */
    public static void checkColumns(Rule rule, List<String> columns) {
        if (!columns.contains("event_id")) {
            throw new IllegalArgumentException("its SQL must return an event_id column");
        }
        for (String name : summaryColumns(rule, columns)) {
            if (!columns.contains(name)) {
                throw new IllegalArgumentException("summary placeholder {" + name + "} is not a column of its result "
                        + "(columns: " + String.join(", ", columns) + "; also " + String.join(", ", ENGINE_VALUES) + ")");
            }
        }
    }

    /**
     * The placeholders of the rule's summary that the engine does not fill itself, or whose name a
     * rule column takes over (a rule column of an engine value's name wins).
     */
    public static List<String> summaryColumns(Rule rule, List<String> columns) {
        return rule.summary().map(SummaryTemplate::placeholders).orElse(List.of()).stream()
                .filter(n -> columns.contains(n) || !ENGINE_VALUES.contains(n)).distinct().toList();
    }

    /** The rule returns nothing a finding needs from each row but the event and its group (every Sigma rule). */
    public static boolean onlyIdentity(Rule rule, List<String> columns) {
        return Set.of("event_id", "group_key").containsAll(columns) && rule.summary()
                .map(t -> ENGINE_VALUES.containsAll(SummaryTemplate.placeholders(t))).orElse(true);
    }

    /** The highest of the rows' severities, each given as text, or the rule's when a row gives none (NULL). */
    public static Severity highest(Rule rule, Collection<String> rowSeverities) {
        return rowSeverities.stream().map(s -> s == null ? rule.severity() : Severity.parse(s))
                .max(Comparator.naturalOrder()).orElse(rule.severity());
    }

    /**
     * The finding. {@code ruleValue}: a summary placeholder's text from the rule's own columns
     * (see {@link #joined}), or null for the engine's value.
     */
    public static Finding finding(Rule rule, Parts p, Function<String, String> ruleValue) {
        String summary = rule.summary().map(t -> SummaryTemplate.render(t, name -> {
            String own = ruleValue.apply(name);
            return own != null ? own : switch (name) {
                case "event_count" -> String.valueOf(p.eventIds().size());
                case "first_seen" -> p.firstSeen().toString();
                case "last_seen" -> p.lastSeen().toString();
                case "source_ips" -> String.join(", ", p.sourceIps());
                case "account_id" -> p.accountId().orElse("?");
                case "principal_arn" -> p.principalArn().orElse("(unknown principal)");
                default -> p.accessKeyId().orElse("?");
            };
        })).orElse(rule.title() + " (" + p.eventIds().size() + " event" + (p.eventIds().size() == 1 ? "" : "s") + ")");
        return new Finding(rule.id(), rule.title(), p.severity(), rule.attack(), p.firstSeen(), p.lastSeen(),
                p.accountId(), p.principalArn(), p.accessKeyId(), p.sourceIps(), p.eventIds(), summary, rule.tactic());
    }

    /** A column's values over a finding's rows, in row order, as a summary shows them: distinct, non-empty, at most a few. */
    public static String joined(List<String> values) {
        List<String> distinct = values.stream().filter(v -> v != null && !v.isEmpty()).distinct().toList();
        if (distinct.isEmpty()) {
            return "?";
        }
        if (distinct.size() <= MAX_SUMMARY_VALUES) {
            return String.join(", ", distinct);
        }
        return String.join(", ", distinct.subList(0, MAX_SUMMARY_VALUES)) + " and "
                + (distinct.size() - MAX_SUMMARY_VALUES) + " more";
    }
}
