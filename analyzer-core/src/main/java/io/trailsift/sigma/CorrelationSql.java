package io.trailsift.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A correlation rule as one window query. The events of the rules it refers to ({@code base}:
 * event, time, which rule, group-by values) are scored over a window that ends at each event and
 * reaches {@code timespan} back, both ends included, per group: the count of events
 * (event_count), of distinct values of a field (value_count), of distinct rules (temporal), or
 * whether the rules occurred in their order (temporal_ordered). Each event whose window meets
 * the condition makes every event of that window evidence; the evidence is cut into findings per
 * group and burst (a pause longer than the timespan starts a new one).
 */
final class CorrelationSql {
    private final Correlation c;
    private final RuleIndex index;
    private final List<String> groups = new ArrayList<>();

    private CorrelationSql(Correlation c, RuleIndex index) {
        this.c = c;
        this.index = index;
        for (int i = 0; i < Math.max(1, c.groupBy().size()); i++) {
            groups.add("g" + (i + 1));
        }
    }

    static SqlText of(Correlation c, RuleIndex index) throws SigmaException {
        return new CorrelationSql(c, index).query();
    }

    private SqlText query() throws SigmaException {
        String partition = String.join(", ", groups);
        SqlText sql = new SqlText().add("WITH base AS (\n").add(base()).add("\n),\n");
        if (c.type().equals("temporal_ordered")) {
            sql.add(ordered(partition));
        } else {
            sql.add("scored AS (\n  SELECT *, " + score() + " OVER (PARTITION BY " + partition
                    + " ORDER BY t RANGE BETWEEN ").add(span()).add(" PRECEDING AND CURRENT ROW) AS score FROM base\n),\n")
                    .add("ends AS (SELECT DISTINCT t AS end_t, " + partition + " FROM scored WHERE ").add(bounds())
                    .add("),\n");
        }
        sql.add("hits AS (\n  SELECT DISTINCT b.event_id, b.t, " + prefixed("b.") + " FROM base b JOIN ends e ON ");
        for (String g : groups) {
            sql.add("b." + g + " IS NOT DISTINCT FROM e." + g + " AND ");
        }
        sql.add("b.t BETWEEN e.end_t - ").add(span()).add(" AND e.end_t\n)\n");
        String label = groups.stream().map(g -> "coalesce(" + g + ", '(none)')").reduce((a, b) -> a + " || ' / ' || " + b)
                .orElseThrow();
        return sql.add(EventGroups.select(partition, label, span()));
    }

    /** One row per event and referenced rule it matches, with the group-by values as that rule's events hold them. */
    private SqlText base() throws SigmaException {
        SqlText sql = new SqlText();
        for (int r = 0; r < c.rules().size(); r++) {
            String ref = c.rules().get(r);
            sql.add(r == 0 ? "  " : "\n  UNION ALL\n  ").add("SELECT event_id, event_time AS t, " + (r + 1) + " AS r");
            for (int g = 0; g < groups.size(); g++) {
                sql.add(", ").add(c.groupBy().isEmpty() ? new SqlText().add("''")
                        : FieldValues.of(field(c.groupBy().get(g), ref)).first()).add(" AS " + groups.get(g));
            }
            if (c.field().isPresent()) {
                sql.add(", ").add(FieldValues.of(field(c.field().get(), ref)).first()).add(" AS f");
            }
            sql.add(" FROM events WHERE ").add(index.matching(ref));
        }
        return sql;
    }

    /** A group-by name as the field of one referenced rule: its alias for that rule, else itself. */
    private FieldPath field(String name, String ruleRef) throws SigmaException {
        Map<String, String> alias = c.aliases().get(name);
        if (alias != null) {
            SigmaRule rule = index.find(ruleRef);
            String mapped = rule.name().map(alias::get).orElse(alias.get(ruleRef));
            if (mapped == null) {
                throw new SigmaException("alias '" + name + "' names no field for rule '" + ruleRef + "'");
            }
            return FieldPath.parse(mapped);
        }
        return FieldPath.parse(name);
    }

    private String score() {
        return switch (c.type()) {
            case "event_count" -> "count(*)";
            case "value_count" -> "count(DISTINCT f)";
            default -> "count(DISTINCT r)";
        };
    }

    /** The condition on the score; temporal without one asks for every rule. */
    private SqlText bounds() {
        Map<String, Long> b = c.bounds().isEmpty() ? Map.of("eq", (long) c.rules().size()) : c.bounds();
        SqlText sql = new SqlText();
        boolean first = true;
        for (Map.Entry<String, Long> e : b.entrySet()) {
            String op = switch (e.getKey()) {
                case "gt" -> ">";
                case "gte" -> ">=";
                case "lt" -> "<";
                case "lte" -> "<=";
                case "eq" -> "=";
                default -> "<>";
            };
            sql.add(first ? "" : " AND ").add("score " + op + " CAST(").param(String.valueOf(e.getValue())).add(" AS BIGINT)");
            first = false;
        }
        return sql;
    }

    /**
     * temporal_ordered: for an event of rule k, {@code sk} is the latest time a run of rules
     * 1..k, in that order (equal times allowed), can have started; an event of the last rule
     * whose run started within the timespan ends a window.
     */
    private SqlText ordered(String partition) throws SigmaException {
        int n = c.rules().size();
        if (!c.bounds().isEmpty() && !c.bounds().equals(Map.of("eq", (long) n)) && !c.bounds().equals(Map.of("gte", (long) n))) {
            throw new SigmaException("temporal_ordered: only the default condition (all rules, in order) is supported");
        }
        SqlText sql = new SqlText().add("c1 AS (SELECT *, CASE WHEN r = 1 THEN t END AS s1 FROM base),\n");
        for (int k = 2; k <= n; k++) {
            sql.add("c" + k + " AS (SELECT *, CASE WHEN r = " + k + " THEN max(s" + (k - 1) + ") OVER (PARTITION BY "
                    + partition + " ORDER BY t RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) END AS s" + k
                    + " FROM c" + (k - 1) + "),\n");
        }
        return sql.add("ends AS (SELECT DISTINCT t AS end_t, " + partition + " FROM c" + n + " WHERE s" + n
                + " IS NOT NULL AND t - s" + n + " <= ").add(span()).add("),\n");
    }

    private SqlText span() {
        return new SqlText().add("to_seconds(CAST(").param(String.valueOf(c.timespanSeconds())).add(" AS BIGINT))");
    }

    private String prefixed(String prefix) {
        return String.join(", ", groups.stream().map(g -> prefix + g).toList());
    }
}
