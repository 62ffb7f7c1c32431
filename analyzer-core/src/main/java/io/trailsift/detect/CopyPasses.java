package io.trailsift.detect;

import io.trailsift.store.Sql;

/**
 * Rules see one copy of each disputed event at a time. When a planted object reuses eventIDs with
 * other content, both copies are in the store (see README, Threat model); a rule row names only
 * the event id, so evidence looked up by id would mix the copies (the genuine call's policy with
 * the planted copy's principal and time). So each rule runs once per copy: in pass k, a temporary
 * view named {@code events} shows every undisputed event and the k-th copy of each disputed one,
 * and the rule, its helpers and the evidence lookup all read it. A store without conflicts has a
 * single pass and no view.
 */
final class CopyPasses {
    private final Sql session;
    private final int passes;
    private final String events;
    private final String conflicts;

    private CopyPasses(Sql session, int passes, String database) {
        this.session = session;
        this.passes = passes;
        // qualified by the store's own database: inside a temporary view, main.events is the view itself
        this.events = quoted(database) + ".main.events";
        this.conflicts = quoted(database) + ".main.event_conflicts";
    }

    static CopyPasses of(Sql session) {
        long most = session.first("SELECT coalesce(max(n), 1) AS most FROM "
                        + "(SELECT count(*) AS n FROM event_conflicts GROUP BY event_id)", r -> r.number("most"))
                .orElse(1L);
        String database = session.first("SELECT current_database() AS db", r -> r.text("db")).orElseThrow();
        return new CopyPasses(session, (int) Math.max(1, most), database);
    }

    int passes() {
        return passes;
    }

    /** Shows the {@code pass}-th copy of each disputed event (1-based); nothing to do without conflicts. */
    void show(int pass) {
        if (passes == 1) {
            return;
        }
        // DDL takes no bound parameters. Nothing from the logs reaches this text: pass is a loop
        // counter, and the only name is the store's database (DuckDB names it after the --db file),
        // quoted as an identifier by quoted()
        session.execute("CREATE OR REPLACE TEMP VIEW events AS SELECT e.* FROM " + events + " e "
                + "WHERE e.event_id NOT IN (SELECT event_id FROM " + conflicts + ") "
                + "OR e.object_id = (SELECT object_id FROM (SELECT object_id, row_number() OVER (ORDER BY object_id) AS k "
                + "FROM " + conflicts + " c WHERE c.event_id = e.event_id) WHERE k = " + pass + ")");
    }

    void hideAgain() {
        if (passes > 1) {
            session.execute("DROP VIEW IF EXISTS temp.main.events");
        }
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
