package io.trailsift.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a store holds: overall range, counts by account, region, day and service, damaged objects;
 * and the first questions of a triage when the alert named nobody: who called most, from where,
 * what failed, who signed in to the console, and which principals and addresses are new.
 */
public final class StoreStats {
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();
    /** Rows of each "top" section: what fits a screen; the rest is a `sql` away. */
    static final int TOP = 15;

    static {
        SECTIONS.put("overview", """
                SELECT count(*) AS events, min(event_time) AS first_event, max(event_time) AS last_event,
                       count(DISTINCT coalesce(recipient_account_id, account_id)) AS accounts,
                       count(DISTINCT aws_region) AS regions,
                       (SELECT count(*) FROM objects) AS objects,
                       (SELECT count(*) FROM objects WHERE status = 'damaged') AS damaged_objects
                FROM events""");
        SECTIONS.put("accounts", """
                SELECT coalesce(recipient_account_id, account_id) AS account_id, count(*) AS events,
                       min(event_time) AS first_event, max(event_time) AS last_event
                FROM events GROUP BY 1 ORDER BY events DESC, 1""");
        SECTIONS.put("regions", """
                SELECT aws_region, count(*) AS events FROM events GROUP BY 1 ORDER BY events DESC, 1""");
        SECTIONS.put("days", """
                SELECT CAST(CAST(event_time AS DATE) AS VARCHAR) AS day, count(*) AS events,
                       count(*) FILTER (WHERE error_code IS NOT NULL) AS errors
                FROM events GROUP BY 1 ORDER BY 1""");
        SECTIONS.put("event_sources", """
                SELECT event_source, count(*) AS events, count(DISTINCT event_name) AS distinct_events,
                       min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events GROUP BY 1 ORDER BY events DESC, 1""");
        SECTIONS.put("identity_types", """
                SELECT identity_type, count(*) AS events, count(DISTINCT principal_arn) AS principals,
                       min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events GROUP BY 1 ORDER BY events DESC, 1""");
        // Role sessions folded into their role: a scanner's hundred sessions are one principal.
        SECTIONS.put("top_principals", """
                SELECT %2$s AS principal, any_value(identity_type) AS identity_type, count(*) AS events,
                       count(error_code) AS errors, count(DISTINCT principal_arn) AS sessions,
                       count(DISTINCT source_ip) AS source_ips, min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events WHERE %2$s IS NOT NULL GROUP BY 1 ORDER BY events DESC, 1 LIMIT %1$d""");
        SECTIONS.put("top_source_ips", """
                SELECT source_ip, count(*) AS events, count(error_code) AS errors,
                       count(DISTINCT principal_arn) AS principals, min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events WHERE source_ip IS NOT NULL GROUP BY 1 ORDER BY events DESC, 1 LIMIT %1$d""");
        SECTIONS.put("top_event_names", """
                SELECT event_name, event_source, count(*) AS events, count(error_code) AS errors,
                       count(DISTINCT principal_arn) AS principals
                FROM events GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT %1$d""");
        SECTIONS.put("top_error_codes", """
                SELECT error_code, count(*) AS events, count(DISTINCT principal_arn) AS principals,
                       list_sort(list_distinct(list(event_name)))[1:5] AS event_names,
                       min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events WHERE error_code IS NOT NULL GROUP BY 1 ORDER BY events DESC, 1 LIMIT %1$d""");
        SECTIONS.put("console_logins", """
                SELECT principal_arn, source_ip, response_elements->>'$.ConsoleLogin' AS result,
                       additional_event_data->>'$.MFAUsed' AS mfa_used, count(*) AS logins,
                       min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events WHERE event_name = 'ConsoleLogin'
                GROUP BY ALL ORDER BY first_seen, 1, 2 LIMIT %1$d""");
        // "New" against the store's own span: first seen in its last day, after at least a day
        // of logs (otherwise everything is new); a role's new sessions are not a new principal.
        SECTIONS.put("first_seen_in_last_day", """
                WITH span AS (SELECT min(event_time) AS first, max(event_time) AS last FROM events),
                firsts AS (
                  SELECT 'principal' AS what, %2$s AS value, min(event_time) AS first_seen, count(*) AS events
                  FROM events WHERE %2$s IS NOT NULL GROUP BY 2
                  UNION ALL
                  SELECT 'source_ip', source_ip, min(event_time), count(*) FROM events WHERE source_ip IS NOT NULL GROUP BY 2)
                SELECT what, value, first_seen, events FROM firsts, span
                WHERE span.last - span.first > INTERVAL 1 DAY AND first_seen > span.last - INTERVAL 1 DAY
                ORDER BY first_seen, what, value LIMIT %1$d""");
        SECTIONS.put("damaged_objects", """
                SELECT path, records AS records_recovered, error FROM objects WHERE status = 'damaged'
                ORDER BY object_id""");
    }

    private StoreStats() {
    }

    /** Section name to rows, in display order. */
    public static Map<String, RowSet> of(EventStore store) {
        Map<String, RowSet> out = new LinkedHashMap<>();
        SECTIONS.forEach((name, sql) -> out.put(name, store.sql().rows(sql.formatted(TOP, Baselines.ACTOR))));
        return out;
    }
}
