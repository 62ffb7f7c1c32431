package io.trailsift.render;

import io.trailsift.detect.Finding;
import io.trailsift.detect.FindingJson;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;
import io.trailsift.store.RowSet;
import io.trailsift.triage.RankedEntity;
import io.trailsift.triage.RankedFindingJson;
import io.trailsift.triage.Ranking;

import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Findings in every row format: the full Finding shape for programs and CSV, a readable subset for people. */
public final class FindingTables {
    /** What fits a terminal or a Markdown page: the event ids are in the full formats. */
    private static final List<String> COMPACT = List.of("severity", "rule", "first_seen", "last_seen", "principal_arn",
            "source_ips", "events", "summary");

    /** The ranked view: a line per entity, then a line per rule of its findings, indented under it. */
    private static final List<String> RANKED = List.of("rank", "score", "entity / rule", "severity", "findings",
            "first_seen", "last_seen", "summary");
    private static final String RULE_INDENT = "  ";

    private FindingTables() {
    }

    public static void write(List<Finding> findings, TableFormat format, Screen screen, Writer out) {
        boolean full = format.isJson() || format == TableFormat.CSV;
        List<List<Object>> rows = findings.stream().map(f -> full ? FindingJson.values(f) : compact(f)).toList();
        TableWriter.write(new RowSet(full ? FindingJson.FIELDS : COMPACT, rows), format, screen, out);
    }

    /**
     * Ranked findings. For programs (json, jsonl, csv) every finding in the order given, in its
     * full shape plus its entity's {@code score} and the {@code entity}; for people (table, md)
     * the entities highest score first, each with its findings folded by rule under it, or, with
     * {@code all}, every finding as {@link #write(List, TableFormat, Screen, Writer)} shows it.
     */
    public static void write(Ranking ranking, TableFormat format, boolean all, Screen screen, Writer out) {
        if (format.isJson() || format == TableFormat.CSV) {
            List<List<Object>> rows = ranking.findings().stream().map(f -> RankedFindingJson.values(f, ranking)).toList();
            TableWriter.write(new RowSet(RankedFindingJson.FIELDS, rows), format, screen, out);
        } else if (all) {
            write(ranking.findings(), format, screen, out);
        } else {
            TableWriter.write(ranked(ranking.entities()), format, screen, out, "(" + entities(ranking.entities().size()) + ", "
                    + counted(ranking.findings().size(), "finding") + ")");
        }
    }

    /**
     * Counts instead of findings: per rule (how many findings, about how many principals, when)
     * and per principal or credential as triage ranks them (how many findings, of which high or
     * critical, by how many rules). One JSON object with both for programs.
     */
    public static void summary(Ranking ranking, TableFormat format, Screen screen, Writer out) {
        Map<String, List<Finding>> byRule = ranking.findings().stream()
                .collect(Collectors.groupingBy(Finding::rule, LinkedHashMap::new, Collectors.toList()));
        List<List<Object>> rules = byRule.values().stream()
                .sorted(Comparator.comparing((List<Finding> fs) -> fs.get(0).severity()).reversed()
                        .thenComparing(fs -> -fs.size()).thenComparing(fs -> fs.get(0).rule()))
                .map(fs -> Arrays.<Object>asList(fs.get(0).rule(), fs.get(0).severity().label(), (long) fs.size(),
                        fs.stream().map(f -> ranking.of(f).entity()).distinct().count(),
                        fs.stream().map(Finding::firstSeen).min(Comparator.naturalOrder()).orElse(null),
                        fs.stream().map(Finding::lastSeen).max(Comparator.naturalOrder()).orElse(null)))
                .toList();
        List<List<Object>> entities = ranking.entities().stream()
                .map(e -> Arrays.<Object>asList(e.entity(), (long) e.score(), e.severity().label(), (long) e.findings().size(),
                        e.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH)).count(),
                        (long) e.rules().size(), e.firstSeen(), e.lastSeen()))
                .toList();
        Map<String, RowSet> sections = new LinkedHashMap<>();
        sections.put("findings_per_rule", new RowSet(List.of("rule", "severity", "findings", "principals", "first_seen",
                "last_seen"), rules));
        sections.put("findings_per_entity", new RowSet(List.of("entity", "score", "severity", "findings",
                "high_or_critical", "rules", "first_seen", "last_seen"), entities));
        Sections.write(sections, format, screen, out);
    }

    /** Ranked entities as rows: each one's line, then one line per rule of its findings. */
    static RowSet ranked(List<RankedEntity> entities) {
        List<List<Object>> rows = new ArrayList<>();
        long rank = 0;
        for (RankedEntity e : entities) {
            rows.add(Arrays.asList(++rank, (long) e.score(), e.entity(), e.severity().label(), (long) e.findings().size(),
                    e.firstSeen(), e.lastSeen(), why(e)));
            for (RankedEntity.RuleFindings r : e.byRule()) {
                rows.add(Arrays.asList(null, null, RULE_INDENT + r.rule(), r.severity().label(), (long) r.count(),
                        r.firstSeen(), r.lastSeen(), whatItDid(r, e.entity())));
            }
        }
        return new RowSet(RANKED, rows);
    }

    /**
     * The summary, without the principal ARN it starts with when the entity's line above already
     * names it: what the principal did is the news, and the cell is narrow on a terminal. A role
     * session keeps its session name.
     */
    private static String whatItDid(RankedEntity.RuleFindings r, String entity) {
        String principal = r.principalArn().orElse("");
        return afterPrincipal(r.summary(), principal).map(rest -> principal.equals(entity) ? rest
                : "session " + principal.substring(principal.lastIndexOf('/') + 1) + " " + rest).orElse(r.summary());
    }

    /** What a summary says after the principal ARN it starts with; empty when it does not start with it. */
    private static Optional<String> afterPrincipal(String summary, String principal) {
        return !principal.isEmpty() && summary.startsWith(principal + " ")
                ? Optional.of(summary.substring(principal.length() + 1)) : Optional.empty();
    }

    /** What the score is made of, e.g. "6 rules in 2 stages (reconnaissance, persistence); new source IP: 198.51.100.50". */
    private static String why(RankedEntity e) {
        StringBuilder sb = new StringBuilder().append(counted(e.rules().size(), "rule"));
        if (!e.stages().isEmpty()) {
            sb.append(" in ").append(counted(e.stages().size(), "stage")).append(" (")
                    .append(e.stages().stream().map(Tactic::folder).collect(Collectors.joining(", "))).append(')');
        }
        if (!e.newAddresses().isEmpty()) {
            sb.append("; new source IP").append(e.newAddresses().size() == 1 ? "" : "s").append(": ")
                    .append(String.join(", ", e.newAddresses()));
        }
        return sb.toString();
    }

    /** "1 principal or credential", "2 principals and credentials". */
    static String entities(int n) {
        return n == 1 ? "1 principal or credential" : n + " principals and credentials";
    }

    private static String counted(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The compact row: its summary without the principal ARN it starts with, which is the column beside it. */
    private static List<Object> compact(Finding f) {
        return Arrays.asList(f.severity().label(), f.rule(), f.firstSeen(), f.lastSeen(), f.principalArn().orElse(null),
                f.sourceIps(), (long) f.eventIds().size(),
                afterPrincipal(f.summary(), f.principalArn().orElse("")).orElse(f.summary()));
    }
}
