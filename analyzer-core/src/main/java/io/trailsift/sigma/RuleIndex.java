package io.trailsift.sigma;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The Sigma rules loaded together, which correlation rules refer to by id or name. */
final class RuleIndex {
    private final List<SigmaRule> rules;
    private final Deque<String> resolving = new ArrayDeque<>();

    RuleIndex(List<SigmaRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Compiles the condition of the rule {@code reference} names; a loop of correlations is refused. */
    SqlText matching(String reference) throws SigmaException {
        SigmaRule rule = find(reference);
        if (resolving.contains(reference)) {
            throw new SigmaException("correlation refers to itself through " + String.join(" -> ", resolving));
        }
        resolving.push(reference);
        try {
            return SigmaCompiler.matching(rule, this);
        } finally {
            resolving.pop();
        }
    }

    SigmaRule find(String reference) throws SigmaException {
        List<SigmaRule> found = rules.stream().filter(r -> r.answersTo(reference)).toList();
        if (found.isEmpty()) {
            throw new SigmaException("correlation refers to rule '" + reference + "', which no loaded Sigma rule has as id or name");
        }
        if (found.size() > 1) {
            throw new SigmaException("correlation refers to rule '" + reference + "', which " + found.size()
                    + " loaded Sigma rules answer to");
        }
        return found.get(0);
    }

    /** Whether a correlation refers to {@code rule} without asking for it to run on its own too ({@code generate}). */
    boolean onlyPartOfCorrelation(SigmaRule rule) {
        return rules.stream().map(SigmaRule::correlation).flatMap(java.util.Optional::stream)
                .anyMatch(c -> !c.generate() && c.rules().stream().anyMatch(rule::answersTo));
    }
}
