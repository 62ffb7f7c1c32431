package io.trailsift.store;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a store holds: overall range, counts by account, region, day and service, damaged objects. */
public final class StoreStats {
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

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
                SELECT strftime(event_time, '%Y-%m-%d') AS day, count(*) AS events,
                       count(*) FILTER (WHERE error_code IS NOT NULL) AS errors
                FROM events GROUP BY 1 ORDER BY 1""");
        SECTIONS.put("event_sources", """
                SELECT event_source, count(*) AS events, count(DISTINCT event_name) AS distinct_events
                FROM events GROUP BY 1 ORDER BY events DESC, 1""");
        SECTIONS.put("damaged_objects", """
                SELECT path, records AS records_recovered, error FROM objects WHERE status = 'damaged'
                ORDER BY object_id""");
    }

    private StoreStats() {
    }

    /** Section name to rows, in display order. */
    public static Map<String, RowSet> of(EventStore store) {
        Map<String, RowSet> out = new LinkedHashMap<>();
        SECTIONS.forEach((name, sql) -> out.put(name, store.sql().rows(sql)));
        return out;
    }
}
