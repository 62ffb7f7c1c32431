package io.trailsift.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The rules that loaded, and the files that did not (each with its problem). */
public record RuleSet(List<Rule> rules, List<RuleProblem> problems) {
    public RuleSet {
        rules = List.copyOf(rules);
        problems = List.copyOf(problems);
    }

    /**
     * These rules and problems with {@code other}'s; a rule of {@code other} whose id is taken
     * becomes a problem (ids name findings, so they must be unique across rule languages too).
     */
    public RuleSet plus(RuleSet other) {
        List<Rule> all = new ArrayList<>(rules);
        List<RuleProblem> allProblems = new ArrayList<>(problems);
        for (Rule r : other.rules()) {
            Optional<Rule> clash = all.stream().filter(x -> x.id().equals(r.id())).findFirst();
            if (clash.isPresent()) {
                allProblems.add(new RuleProblem(r.source(), "rule id '" + r.id() + "' is already defined by "
                        + clash.get().source() + " (ids must be unique)"));
            } else {
                all.add(r);
            }
        }
        allProblems.addAll(other.problems());
        return new RuleSet(all, allProblems);
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
