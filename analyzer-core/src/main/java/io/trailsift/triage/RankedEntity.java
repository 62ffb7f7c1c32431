package io.trailsift.triage;

import io.trailsift.detect.Finding;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One principal or credential with everything the rules found on it and its score (see
 * {@link Triage} for how the score is made).
 *
 * @param entity       the role (sessions folded in), principal ARN or access key id the findings rank under
 * @param severity     the highest severity among its findings
 * @param stages       the attack stages of its findings' rules, in {@link Tactic} order
 * @param rules        the distinct rules that found something, most severe first
 * @param newAddresses source addresses of its findings it had never used before the first of them
 * @param findings     its findings, in the order they were given
 */
public record RankedEntity(String entity, int score, Severity severity, List<Tactic> stages, List<String> rules,
                           List<String> newAddresses, List<Finding> findings) {
    public RankedEntity {
        stages = List.copyOf(stages);
        rules = List.copyOf(rules);
        newAddresses = List.copyOf(newAddresses);
        findings = List.copyOf(findings);
    }

    /**
     * The findings of one rule on this entity, folded into one line: {@code summary} and
     * {@code principalArn} are those of its most severe, earliest finding.
     */
    public record RuleFindings(String rule, Severity severity, int count, Instant firstSeen, Instant lastSeen,
                               String summary, Optional<String> principalArn) {
    }

    public Instant firstSeen() {
        return findings.stream().map(Finding::firstSeen).min(Comparator.naturalOrder()).orElseThrow();
    }

    public Instant lastSeen() {
        return findings.stream().map(Finding::lastSeen).max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * One line per rule, most severe first, then earliest: its highest severity, how many findings,
     * first and last seen, and the summary and principal of its most severe, earliest finding.
     */
    public List<RuleFindings> byRule() {
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        findings.stream().sorted(MOST_SEVERE_FIRST).forEach(f -> byRule.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f));
        return byRule.values().stream().map(fs -> {
            Finding top = fs.get(0);
            return new RuleFindings(top.rule(), top.severity(), fs.size(),
                    fs.stream().map(Finding::firstSeen).min(Comparator.naturalOrder()).orElseThrow(),
                    fs.stream().map(Finding::lastSeen).max(Comparator.naturalOrder()).orElseThrow(), top.summary(),
                    top.principalArn());
        }).toList();
    }

    /** Most severe first, then earliest, then by rule: the order of {@link #byRule} and {@link #rules}. */
    static final Comparator<Finding> MOST_SEVERE_FIRST = Comparator.comparing(Finding::severity).reversed()
            .thenComparing(Finding::firstSeen).thenComparing(Finding::rule);
}
