package io.trailsift.detect;

import java.util.List;

/**
 * The rule helpers over the behaviour baseline that read the same in DuckDB and in Spark SQL
 * (see {@code RuleHelpers} for their meaning): both engines create them from this text, over a
 * {@code baseline} relation of their own. Fixed text, never built from input.
 */
public final class BaselineViews {
    /** The statements, in order (each view reads the ones before it). */
    public static final List<String> DEFINITIONS = List.of(
        """
        CREATE OR REPLACE TEMP VIEW baseline_subjects AS
          SELECT scope, subject, min(first_seen) AS history_start, max(last_seen) AS last_seen, sum(events) AS events
          FROM baseline WHERE aspect = 'api' GROUP BY ALL""",
        """
        CREATE OR REPLACE TEMP VIEW actor_history AS
          SELECT subject AS actor, history_start AS first_seen FROM baseline_subjects WHERE scope = 'principal'""",
        // Only habitual users count (a day or more between their first and last call from it): an
        // attacker who calls from one address with every identity they stole must not make it
        // look like a NAT gateway.
        """
        CREATE OR REPLACE TEMP VIEW shared_addresses AS
          SELECT a.value AS account, i.value AS source_ip
          FROM baseline i JOIN baseline a ON a.scope = 'principal' AND a.subject = i.subject AND a.aspect = 'account'
          WHERE i.scope = 'principal' AND i.aspect = 'ip' AND i.last_seen - i.first_seen >= INTERVAL 1 DAY
          GROUP BY ALL HAVING count(DISTINCT i.subject) >= 3""");

    private BaselineViews() {
    }
}
