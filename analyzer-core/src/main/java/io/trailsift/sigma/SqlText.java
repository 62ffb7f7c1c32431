package io.trailsift.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL being written together with the values of its {@code ?} placeholders, in order: a rule's
 * values (which may be anything a rule author typed) only ever travel as parameters.
 */
final class SqlText {
    private final StringBuilder sql = new StringBuilder();
    private final List<String> params = new ArrayList<>();

    SqlText add(String text) {
        sql.append(text);
        return this;
    }

    /**
     * A {@code ?} bound to {@code value}, typed as text: DuckDB cannot infer the type of a
     * parameter inside a lambda when it prepares the query.
     */
    SqlText param(String value) {
        sql.append("?::VARCHAR");
        params.add(value);
        return this;
    }

    SqlText add(SqlText other) {
        sql.append(other.sql);
        params.addAll(other.params);
        return this;
    }

    String sql() {
        return sql.toString();
    }

    List<String> params() {
        return List.copyOf(params);
    }
}
