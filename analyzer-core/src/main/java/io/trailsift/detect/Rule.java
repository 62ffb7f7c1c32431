package io.trailsift.detect;

import java.util.List;
import java.util.Optional;

/**
 * One detection, loaded from a YAML file. {@code sql} is a query over {@code events} that returns
 * one row per evidence event (see {@link Detector} for the columns it may return); {@code source}
 * says where the rule came from, for error messages and the {@code rules} listing; {@code tactic}
 * is the folder a shipped rule sits in (a user's rules have none). {@code parameters} are the
 * values bound, in order, to the {@code ?} of {@code sql}: a rule compiled from another language
 * (Sigma) keeps its values there rather than in the SQL text.
 */
public record Rule(String id, String title, Severity severity, List<String> attack, String description,
                   String response, List<String> references, String sql, Optional<String> summary, String source,
                   Optional<Tactic> tactic, List<String> parameters, Optional<String> sparkSql) {
    public Rule {
        attack = List.copyOf(attack);
        references = List.copyOf(references);
        parameters = List.copyOf(parameters);
    }

    /** A rule with no Spark SQL of its own. */
    public Rule(String id, String title, Severity severity, List<String> attack, String description, String response,
                List<String> references, String sql, Optional<String> summary, String source, Optional<Tactic> tactic,
                List<String> parameters) {
        this(id, title, severity, attack, description, response, references, sql, summary, source, tactic, parameters,
                Optional.empty());
    }

    /** A rule whose SQL holds no parameters (every trailsift YAML rule). */
    public Rule(String id, String title, Severity severity, List<String> attack, String description, String response,
                List<String> references, String sql, Optional<String> summary, String source, Optional<Tactic> tactic) {
        this(id, title, severity, attack, description, response, references, sql, summary, source, tactic, List.of());
    }
}
