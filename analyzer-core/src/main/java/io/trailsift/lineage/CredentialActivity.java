package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one key did, in aggregate. {@code accountIds} holds both the key's own account and every
 * account that logged its calls (a cross-account call is logged where the resource lives).
 */
public record CredentialActivity(String accessKeyId, Optional<String> principalArn, List<String> accountIds,
                                 Optional<Instant> firstSeen, Optional<Instant> lastSeen, long events,
                                 List<String> sourceIps, List<String> userAgents) {

    /** The activity of a key that never made a logged call. */
    public static CredentialActivity none(String accessKeyId) {
        return new CredentialActivity(accessKeyId, Optional.empty(), List.of(), Optional.empty(), Optional.empty(),
                0, List.of(), List.of());
    }

    // One scan, reading the other columns only for the events of the given keys.
    private static final String SQL = """
            SELECT access_key_id,
                   mode(principal_arn) AS principal_arn,
                   list_sort(list_distinct(list_concat(list(account_id), list(recipient_account_id)))) AS account_ids,
                   min(event_time), max(event_time), count(*),
                   list_sort(list_distinct(list(source_ip))) AS source_ips,
                   list_sort(list_distinct(list(user_agent))) AS user_agents
            FROM events
            WHERE %s
            GROUP BY access_key_id
            """;

    /** Activity of each key that appears in the events; keys never seen are absent from the map. */
    public static Map<String, CredentialActivity> forKeys(EventStore store, Collection<String> keys)
            throws SQLException {
        Map<String, CredentialActivity> out = new HashMap<>();
        try (PreparedStatement ps = store.connection().prepareStatement(
                SQL.formatted(KeyFilter.on("access_key_id", keys.size())))) {
            ps.setArray(1, store.connection().createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CredentialActivity a = new CredentialActivity(rs.getString(1),
                            Optional.ofNullable(rs.getString(2)), strings(rs.getArray(3)), time(rs, 4), time(rs, 5),
                            rs.getLong(6), strings(rs.getArray(7)), strings(rs.getArray(8)));
                    out.put(a.accessKeyId(), a);
                }
            }
        }
        return out;
    }

    static Optional<Instant> time(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, LocalDateTime.class)).map(t -> t.toInstant(ZoneOffset.UTC));
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
