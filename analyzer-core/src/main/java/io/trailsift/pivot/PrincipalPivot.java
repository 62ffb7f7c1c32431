package io.trailsift.pivot;

import io.trailsift.store.Baselines;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;
import io.trailsift.store.RowSet;
import io.trailsift.store.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything to pivot on for one principal: keys, source IPs, user agents, regions, accounts,
 * APIs (succeeded and failed), and, for a chosen window, what appeared in it that the principal
 * had never used before: the first thing a responder compares when a credential turns hostile.
 */
public final class PrincipalPivot {
    /** One thing to count by: its section name, its column name and the expression computing it. */
    private record Dimension(String section, String name, String expression) {
    }

    // Fixed expressions over the temp table's own columns; no input ever reaches these strings.
    private static final Dimension KEYS = new Dimension("access_keys", "access_key_id", "access_key_id");
    private static final Dimension IPS = new Dimension("source_ips", "source_ip", "source_ip");
    private static final Dimension AGENTS = new Dimension("user_agents", "user_agent", "user_agent");
    private static final Dimension REGIONS = new Dimension("regions", "aws_region", "aws_region");
    private static final Dimension ACCOUNTS = new Dimension("accounts", "account_id", "account_id");
    private static final Dimension API = new Dimension("apis", "api", "event_source || ' ' || event_name");

    /** The dimensions whose new values in a window are worth a look. */
    private static final List<Dimension> COMPARED = List.of(IPS, AGENTS, REGIONS, API);

    private PrincipalPivot() {
    }

    /** Sections in display order: overview, access_keys, source_ips, user_agents, regions, accounts, apis, habits, sessions, new_in_window. */
    public static Map<String, RowSet> of(EventStore store, String principal, Optional<PrincipalWindow> window) {
        // The matching events are copied once into a temp table of this call's own session
        // (allowed on a read-only store), so each section reads that small table instead of
        // scanning every event again.
        try (Sql session = store.session()) {
            session.update("""
                    CREATE TEMP TABLE principal_events AS
                    SELECT event_time, event_source, event_name, aws_region, source_ip, %s AS user_agent, error_code,
                           principal_arn, access_key_id, coalesce(recipient_account_id, account_id) AS account_id,
                           %s AS actor, %s AS credential
                    FROM events WHERE\s""".formatted(store.shownAgent("user_agent"), Baselines.ACTOR, Baselines.CREDENTIAL)
                    + PrincipalMatch.SQL, PrincipalMatch.params(principal).toArray());
            Map<String, RowSet> out = new LinkedHashMap<>();
            out.put("overview", session.rows("""
                    SELECT count(*) AS events, count(error_code) AS errors,
                           min(event_time) AS first_seen, max(event_time) AS last_seen,
                           list_sort(list_distinct(list(principal_arn))) AS principal_arns
                    FROM principal_events"""));
            for (Dimension d : List.of(KEYS, IPS, AGENTS, REGIONS, ACCOUNTS)) {
                out.put(d.section(), session.rows("""
                        SELECT %s AS %s, min(event_time) AS first_seen, max(event_time) AS last_seen,
                               count(*) AS events, count(error_code) AS errors
                        FROM principal_events WHERE %1$s IS NOT NULL GROUP BY 1 ORDER BY first_seen, 1"""
                        .formatted(d.expression(), d.name())));
            }
            out.put("apis", session.rows("""
                    SELECT event_source, event_name, count(*) FILTER (WHERE error_code IS NULL) AS succeeded,
                           count(error_code) AS failed, list_sort(list_distinct(list(error_code))) AS error_codes,
                           min(event_time) AS first_seen, max(event_time) AS last_seen
                    FROM principal_events GROUP BY 1, 2 ORDER BY 1, 2"""));
            out.put("habits", session.rows(HABITS.formatted(DerivedTables.relation(session, DerivedTables.Table.BEHAVIOUR))));
            out.put("sessions", session.rows(SESSIONS.formatted(Baselines.sessionStarts(
                    DerivedTables.relation(session, DerivedTables.Table.SESSION_ORIGINS),
                    DerivedTables.relation(session, DerivedTables.Table.CREDENTIAL_CALLS)))));
            window.ifPresent(w -> out.put("new_in_window", newInWindow(session, w)));
            return out;
        }
    }

    /*
     * The behaviour baseline the rules judge "new for this principal" by (role sessions folded to
     * their role): the networks (/24, /64) and kinds of client (tool and OS) it used, with when.
     * The relations are the derived tables' names or their fixed SELECTs.
     */
    private static final String HABITS = """
            SELECT b.subject AS principal, b.aspect, b.value, b.first_seen, b.last_seen, b.events
            FROM %s AS b
            WHERE b.scope = 'principal' AND b.aspect IN ('network', 'client')
              AND b.subject IN (SELECT actor FROM principal_events)
            ORDER BY b.subject, b.aspect, b.first_seen, b.value""";

    /* Where each of its credentials was first used, and who asked for it (%s: Baselines.sessionStarts). */
    private static final String SESSIONS = """
            SELECT credential, first_seen AS first_used, source_ip AS first_ip, user_agent AS first_user_agent,
                   vpc_endpoint_id AS first_vpc_endpoint, issued_by, last_seen, events
            FROM (%s) AS s
            WHERE credential IN (SELECT credential FROM principal_events)
            ORDER BY first_used, credential""";

    /** Values first seen inside the window: never used by this principal before its start. */
    private static RowSet newInWindow(Sql session, PrincipalWindow window) {
        String end = window.end().isPresent() ? " AND event_time < ?" : "";
        String sql = COMPARED.stream().map(d -> """
                SELECT '%2$s' AS what, %1$s AS value, min(event_time) AS first_seen, count(*) AS events
                FROM principal_events
                WHERE event_time >= ?%3$s AND %1$s IS NOT NULL
                  AND %1$s NOT IN (SELECT %1$s FROM principal_events WHERE event_time < ? AND %1$s IS NOT NULL)
                GROUP BY 2""".formatted(d.expression(), d.name(), end))
                .collect(Collectors.joining("\nUNION ALL\n")) + "\nORDER BY first_seen, what, value";
        List<Object> params = new ArrayList<>();
        for (int d = 0; d < COMPARED.size(); d++) {
            params.add(window.start());
            window.end().ifPresent(params::add);
            params.add(window.start());
        }
        return session.rows(sql, params.toArray());
    }
}
