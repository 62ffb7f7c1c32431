package io.trailsift.detect;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The rules that loaded, and the files that did not (each with its problem). */
public record RuleSet(List<Rule> rules, List<RuleProblem> problems) {
    public RuleSet {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    /** Keeps only the rules named in {@code ids} (all of them when {@code ids} is empty). */
    public RuleSet only(Collection<String> ids) {
        if (ids.isEmpty()) {
            return this;
        }
        Set<String> wanted = Set.copyOf(ids);
        return new RuleSet(rules.stream().filter(r -> wanted.contains(r.id())).toList(), problems);
    }

    /** The ids among {@code ids} that name no loaded rule (a typo in {@code --only} must not silently run nothing). */
    public List<String> unknown(Collection<String> ids) {
        return ids.stream().filter(id -> rules.stream().noneMatch(r -> r.id().equals(id))).distinct().toList();
    }
}
