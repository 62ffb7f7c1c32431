package io.trailsift.verify;

import io.trailsift.report.RowSet;
import io.trailsift.store.EventStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Trail-changing events around a delivery gap, one line each ({@code "StopLogging 2026-…Z by arn… (event id)"}). */
@FunctionalInterface
public interface NearEvents {
    NearEvents NONE = (account, from, until) -> List.of();

    List<String> between(String accountId, Instant from, Instant until) throws SQLException;

    /** The events in a store: the calls that stop, delete or narrow a trail, and the one that restarts it. */
    static NearEvents in(EventStore store) {
        return (account, from, until) -> {
            // Trail calls are logged in the region they were made in, not the gap's region: match the account only.
            String sql = """
                    SELECT event_name, event_time, principal_arn, event_id FROM events
                    WHERE event_source = 'cloudtrail.amazonaws.com'
                      AND event_name IN ('StopLogging', 'StartLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors')
                      AND coalesce(recipient_account_id, account_id) = ?
                      AND event_time BETWEEN ? AND ?
                    ORDER BY event_time, event_id""";
            try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
                ps.setString(1, account);
                ps.setObject(2, LocalDateTime.ofInstant(from, ZoneOffset.UTC));
                ps.setObject(3, LocalDateTime.ofInstant(until, ZoneOffset.UTC));
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String who = rs.getString(3);
                        out.add(rs.getString(1) + " " + RowSet.plain(rs.getObject(2))
                                + (who == null ? "" : " by " + who) + " (" + rs.getString(4) + ")");
                    }
                }
                return out;
            }
        };
    }
}
