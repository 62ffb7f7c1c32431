package io.trailsift.sigma;

/**
 * The last step of every compiled Sigma rule: its evidence rows ({@code hits}: event_id, t and
 * the partition columns) cut into findings the way trailsift's own rules cut them, per
 * credential (or per correlation group) and burst: rows less than {@code gap} apart, one after
 * the other, belong to the same finding.
 */
final class EventGroups {
    private EventGroups() {
    }

    /**
     * {@code partition}: the SQL list of columns of {@code hits} a finding never spans; {@code label}:
     * the text that names the group; {@code gap}: SQL for the interval that ends a burst.
     */
    static SqlText select(String partition, String label, SqlText gap) {
        return new SqlText().add("SELECT event_id, " + label + " || ' burst ' || sum(gap) OVER (PARTITION BY " + partition
                + " ORDER BY t, event_id ROWS UNBOUNDED PRECEDING) AS group_key\n"
                + "FROM (SELECT *, CASE WHEN t - lag(t) OVER (PARTITION BY " + partition + " ORDER BY t, event_id) > ")
                .add(gap).add(" THEN 1 ELSE 0 END AS gap FROM hits)");
    }
}
