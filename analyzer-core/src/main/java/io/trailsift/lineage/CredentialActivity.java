package io.trailsift.lineage;

import io.trailsift.store.DerivedTables;
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

    /*
     * Over the key_use rows of the keys wanted (%1$s: the relation, %2$s: the key filter). The
     * principal is the one with most calls, ties to the smallest ARN, so that it does not depend
     * on how key_use was split into rows.
     */
    private static final String SQL = """
            WITH used AS (SELECT * FROM %1$s AS key_use WHERE %2$s),
            principal AS (
              SELECT access_key_id, principal_arn FROM (
                SELECT access_key_id, principal_arn, sum(events) AS n FROM used
                WHERE principal_arn IS NOT NULL GROUP BY ALL)
              QUALIFY row_number() OVER (PARTITION BY access_key_id ORDER BY n DESC, principal_arn) = 1
            )
            SELECT u.access_key_id, any_value(p.principal_arn),
                   list_sort(list_distinct(list_concat(list(u.account_id), list(u.recipient_account_id)))),
                   min(u.first_seen), max(u.last_seen), sum(u.events),
                   list_sort(list_distinct(list(u.source_ip))),
                   list_sort(list_distinct(list(u.user_agent)))
            FROM used u LEFT JOIN principal p USING (access_key_id)
            GROUP BY u.access_key_id
            """;

    /** Activity of each key that appears in the events; keys never seen are absent from the map. */
    public static Map<String, CredentialActivity> forKeys(EventStore store, Collection<String> keys)
            throws SQLException {
        Map<String, CredentialActivity> out = new HashMap<>();
        try (PreparedStatement ps = store.connection().prepareStatement(
                SQL.formatted(DerivedTables.relation(store, DerivedTables.Table.KEY_USE),
                        KeyFilter.on("access_key_id", keys.size())))) {
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
