package io.trailsift.investigate;

import io.trailsift.report.RowSet;
import io.trailsift.store.EventStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What a key normally did, and what changed: the pivot is the key's first call from a source IP
 * it had not used before (a leaked key's first use by someone else looks exactly like that).
 * Before the pivot: its IPs, user agents, regions and APIs. After: the ones that are new.
 *
 * @param pivot   first call from a new IP, if the key ever changed IP
 * @param pivotIp that new IP
 * @param before  per dimension (ip, user_agent, region, api) the values and counts before the pivot
 * @param after   per dimension the values first seen at or after the pivot, with counts
 */
public record KeyBaseline(String key, Optional<Instant> pivot, Optional<String> pivotIp, RowSet before, RowSet after) {

    private static final String PIVOT = """
            WITH k AS (SELECT event_time, source_ip FROM events WHERE access_key_id = ?),
                 ips AS (SELECT source_ip, min(event_time) AS first_seen FROM k GROUP BY 1)
            SELECT first_seen, source_ip FROM ips
            WHERE first_seen > (SELECT min(event_time) FROM k)
            ORDER BY first_seen, source_ip LIMIT 1""";

    /** The four dimensions, each with its value and count, split at the pivot. */
    private static final String DIMENSIONS = """
            WITH k AS (
              SELECT event_time < ? AS early, source_ip, user_agent, aws_region, event_source, event_name
              FROM events WHERE access_key_id = ?),
            v AS (
              SELECT 'ip' AS dimension, source_ip AS value, early FROM k
              UNION ALL SELECT 'user_agent', user_agent, early FROM k
              UNION ALL SELECT 'region', aws_region, early FROM k
              UNION ALL SELECT 'api', replace(event_source, '.amazonaws.com', '') || ':' || event_name, early FROM k),
            c AS (
              SELECT dimension, value, count(*) FILTER (WHERE early) AS before_pivot,
                     count(*) FILTER (WHERE NOT early) AS after_pivot
              FROM v WHERE value IS NOT NULL GROUP BY 1, 2)
            """;

    public static KeyBaseline of(EventStore store, String key) throws SQLException {
        Optional<Instant> pivot = Optional.empty();
        Optional<String> pivotIp = Optional.empty();
        try (PreparedStatement ps = store.connection().prepareStatement(PIVOT)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    pivot = Optional.of(rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC));
                    pivotIp = Optional.ofNullable(rs.getString(2));
                }
            }
        }
        // Without a new IP everything is "before": the key never left its usual place.
        Instant split = pivot.orElse(Instant.parse("9999-01-01T00:00:00Z"));
        RowSet before = dimensions(store, key, split,
                "SELECT dimension, value, before_pivot AS events FROM c WHERE before_pivot > 0 ORDER BY 1, 3 DESC, 2");
        RowSet after = dimensions(store, key, split,
                "SELECT dimension, value, after_pivot AS events FROM c WHERE before_pivot = 0 AND after_pivot > 0 ORDER BY 1, 3 DESC, 2");
        return new KeyBaseline(key, pivot, pivotIp, before, after);
    }

    private static RowSet dimensions(EventStore store, String key, Instant split, String select) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(DIMENSIONS + select)) {
            ps.setTimestamp(1, Timestamp.valueOf(split.atOffset(ZoneOffset.UTC).toLocalDateTime()));
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return RowSet.of(rs);
            }
        }
    }
}
