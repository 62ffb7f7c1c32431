package io.trailsift.detect;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a rule found: one backdoor user, one recon burst, one principal's activity in a window,
 * with every evidence event. Its JSON form, which other tools parse, is {@link FindingJson}.
 * {@code tactic} is the attack stage of the rule that found it (none for a user's rule, and for
 * findings read back from the store, which does not keep it).
 */
public record Finding(String rule, String title, Severity severity, List<String> attack, Instant firstSeen,
                      Instant lastSeen, Optional<String> accountId, Optional<String> principalArn,
                      Optional<String> accessKeyId, List<String> sourceIps, List<String> eventIds, String summary,
                      Optional<Tactic> tactic) {
    public Finding {
        attack = List.copyOf(attack);
        sourceIps = List.copyOf(sourceIps);
        eventIds = List.copyOf(eventIds);
    }

    /** A finding of no known stage. */
    public Finding(String rule, String title, Severity severity, List<String> attack, Instant firstSeen,
                   Instant lastSeen, Optional<String> accountId, Optional<String> principalArn,
                   Optional<String> accessKeyId, List<String> sourceIps, List<String> eventIds, String summary) {
        this(rule, title, severity, attack, firstSeen, lastSeen, accountId, principalArn, accessKeyId, sourceIps, eventIds,
                summary, Optional.empty());
    }
}
