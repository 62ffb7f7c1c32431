package io.trailsift.store;

import io.trailsift.report.RowSet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    public static Map<String, RowSet> of(EventStore store) throws SQLException {
        Map<String, RowSet> out = new LinkedHashMap<>();
        try (Statement st = store.connection().createStatement()) {
            for (Map.Entry<String, String> e : SECTIONS.entrySet()) {
                try (ResultSet rs = st.executeQuery(e.getValue())) {
                    out.put(e.getKey(), RowSet.of(rs));
                }
            }
        }
        return out;
    }

    /** Runs a query a user typed, on a store opened read-only so it cannot change the evidence. */
    public static RowSet query(EventStore readOnlyStore, String sql) throws SQLException {
        try (Statement st = readOnlyStore.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return RowSet.of(rs);
        }
    }
}
