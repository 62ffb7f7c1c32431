package io.trailsift.triage;

import io.trailsift.detect.Finding;
import io.trailsift.detect.Severity;
import io.trailsift.detect.Tactic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ranks the principals and credentials the findings are about, so that the few true intrusions in
 * thousands of findings come first.
 *
 * <p><b>Entity.</b> A finding ranks under its principal: the sessions of a role fold into the role
 * ({@code arn:aws:sts::A:assumed-role/R/S} ranks as {@code arn:aws:iam::A:role/R}), any other
 * principal ARN stands for itself, and a finding without one ranks under its access key id.
 *
 * <p><b>Score</b> = severity + stages + rules + novelty, each from all of the entity's findings:
 * <ul>
 * <li>severity: the highest severity among them: info 5, low 10, medium 20, high 30, critical 40.
 *     The rule author's judgement of one finding; the highest rather than a sum, so that a rule
 *     firing a thousand times on a busy principal counts once.</li>
 * <li>stages: 25 for each attack stage beyond the first (a stage is the tactic folder of the rule:
 *     reconnaissance, persistence, credential access, ...). One stage alone is often an
 *     administrator or a scanner at work; reconnaissance then persistence, or persistence then
 *     defense evasion, is the shape of an intrusion and the strongest sign, so the largest weight.</li>
 * <li>rules: 5 for each distinct rule beyond the first, at most 4 counted (20). Rules that agree
 *     corroborate each other; capped so that a noisy principal tripping many rules of one stage
 *     does not outrank one that moved through stages.</li>
 * <li>novelty: 10 for each source address of its findings that the entity had never used before
 *     the first of them, at most 2 counted (20), asked of a {@link Novelty}. A stolen credential is
 *     usually first used from somewhere new; an address it always used (a NAT gateway) says
 *     nothing, and an entity with no earlier activity has nothing to be new against.</li>
 * </ul>
 * So a lone low or info finding scores at most 30 even from new addresses, while any entity whose
 * findings span two stages scores at least 40 (two rules, one stage beyond the first, low): a
 * recon-then-persistence principal always ranks above a single noisy low rule. Ties go to the
 * higher severity, then the earlier first finding.
 */
public final class Triage {
    private static final Map<Severity, Integer> SEVERITY_POINTS = new EnumMap<>(Map.of(Severity.INFO, 5,
            Severity.LOW, 10, Severity.MEDIUM, 20, Severity.HIGH, 30, Severity.CRITICAL, 40));
    static final int STAGE_POINTS = 25;
    static final int RULE_POINTS = 5;
    static final int MAX_EXTRA_RULES = 4;
    static final int ADDRESS_POINTS = 10;
    static final int MAX_NEW_ADDRESSES = 2;

    /** What an entity without a principal ARN or access key id ranks as. */
    static final String UNKNOWN = "(unknown principal)";

    /** A role session's ARN: partition, account, role name; the session name after the last slash. */
    private static final Pattern ROLE_SESSION = Pattern.compile("^arn:([^:]+):sts::([^:]*):assumed-role/([^/]+)/.+$");

    private Triage() {
    }

    /** The principal or credential {@code finding} ranks under (see the class comment). */
    public static String entityOf(Finding finding) {
        Optional<String> arn = finding.principalArn().filter(a -> !a.isEmpty());
        if (arn.isEmpty()) {
            return finding.accessKeyId().filter(k -> !k.isEmpty()).orElse(UNKNOWN);
        }
        Matcher m = ROLE_SESSION.matcher(arn.get());
        return m.matches() ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3) : arn.get();
    }

    /** The score of an entity (see the class comment). */
    public static int score(Severity highest, int stages, int rules, int newAddresses) {
        return SEVERITY_POINTS.get(highest)
                + STAGE_POINTS * Math.max(0, stages - 1)
                + RULE_POINTS * Math.min(MAX_EXTRA_RULES, Math.max(0, rules - 1))
                + ADDRESS_POINTS * Math.min(MAX_NEW_ADDRESSES, newAddresses);
    }

    /** The entities of {@code findings}, highest score first; novelty as {@code novelty} judges it. */
    public static Ranking rank(List<Finding> findings, Novelty novelty) {
        Map<String, List<Finding>> byEntity = new LinkedHashMap<>();
        for (Finding f : findings) {
            byEntity.computeIfAbsent(entityOf(f), e -> new ArrayList<>()).add(f);
        }
        List<Novelty.Sighting> sightings = new ArrayList<>();
        byEntity.forEach((entity, fs) -> {
            Set<String> addresses = new TreeSet<>();
            fs.forEach(f -> addresses.addAll(f.sourceIps()));
            if (!entity.equals(UNKNOWN) && !addresses.isEmpty()) {
                Instant first = fs.stream().map(Finding::firstSeen).min(Comparator.naturalOrder()).orElseThrow();
                sightings.add(new Novelty.Sighting(entity, first, addresses));
            }
        });
        Map<String, List<String>> newAddresses = sightings.isEmpty() ? Map.of() : novelty.newAddresses(sightings);
        List<RankedEntity> entities = new ArrayList<>();
        byEntity.forEach((entity, fs) -> entities.add(ranked(entity, fs, newAddresses.getOrDefault(entity, List.of()))));
        entities.sort(Comparator.comparingInt(RankedEntity::score).reversed()
                .thenComparing(RankedEntity::severity, Comparator.reverseOrder())
                .thenComparing(RankedEntity::firstSeen)
                .thenComparing(RankedEntity::entity));
        return new Ranking(findings, entities);
    }

    private static RankedEntity ranked(String entity, List<Finding> findings, List<String> newAddresses) {
        List<Finding> ordered = findings.stream().sorted(RankedEntity.MOST_SEVERE_FIRST).toList();
        Severity highest = ordered.get(0).severity();
        List<Tactic> stages = findings.stream().map(Finding::tactic).flatMap(Optional::stream)
                .distinct().sorted().toList();
        List<String> rules = List.copyOf(new LinkedHashSet<>(ordered.stream().map(Finding::rule).toList()));
        int score = score(highest, stages.size(), rules.size(), newAddresses.size());
        return new RankedEntity(entity, score, highest, stages, rules, newAddresses, findings);
    }
}
