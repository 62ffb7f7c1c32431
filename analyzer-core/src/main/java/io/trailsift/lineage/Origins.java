package io.trailsift.lineage;

import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@link Origin}s from the store. Only events that returned a key
 * ({@code issued_access_key_id IS NOT NULL}) are touched, so the cost does not grow with the
 * events the credentials made afterwards.
 */
final class Origins {
    /*
     * Every query reads the credential-issuing calls through DerivedTables (the successful calls
     * of DerivedTables.CREDENTIAL_EVENTS, keys already '' -> NULL), written below as
     * %1$s. The SQL is assembled only from that relation and fixed fragments; every value that
     * comes from the user or the logs is a bound parameter.
     *
     * Cross-account calls are logged once per account, with two eventIDs and one sharedEventID. The
     * role owner's copy has userIdentity.type AWSAccount and no caller key, so when only that copy
     * returned the key, the caller key is taken from the other copy. Ranking the copies of one
     * issued key with the caller-known copy first yields one origin, hence one edge, per key.
     * AWS-service calls (no caller key, type AWSService) are never joined to another copy: they
     * stay roots and cannot attach to a user's key.
     */

    /** The calls that returned a key, narrowed by %2$s; %3$s: extra columns. */
    private static final String ISSUING = """
            SELECT %3$s event_time, event_name, identity_type, shared_event_id,
                   access_key_id AS caller_key, issued_access_key_id AS issued_key
            FROM %1$s AS calls
            WHERE issued_access_key_id IS NOT NULL AND %2$s""";

    /*
     * %1$s: the relation, %2$s: the issuing rows, %3$s: event_id when the caller wants it (edges
     * of the whole graph skip it: a UUID per row is the costliest column to read), %4$s: a filter
     * on the result.
     */
    private static final String TEMPLATE = """
            WITH issuing AS (%2$s),
            other_copy AS (
              SELECT shared_event_id, min(access_key_id) AS caller_key
              FROM %1$s AS calls
              WHERE shared_event_id IS NOT NULL AND access_key_id IS NOT NULL
                AND shared_event_id IN (SELECT shared_event_id FROM issuing
                                        WHERE caller_key IS NULL AND identity_type = 'AWSAccount')
              GROUP BY shared_event_id
            ),
            resolved AS (
              SELECT i.issued_key, nullif(coalesce(i.caller_key, o.caller_key), i.issued_key) AS parent_key,
                     i.event_name, %3$s i.event_time
              FROM issuing i
              LEFT JOIN other_copy o ON i.caller_key IS NULL AND i.identity_type = 'AWSAccount'
                                    AND o.shared_event_id = i.shared_event_id
            ),
            ranked AS (
              SELECT * FROM resolved
              QUALIFY row_number() OVER (PARTITION BY issued_key
                                         ORDER BY parent_key IS NULL, event_time, %3$s parent_key) = 1
            )
            SELECT issued_key, parent_key, event_name, %3$s event_time FROM ranked %4$s
            """;

    /**
     * The edges of the whole graph: origins with a known parent. A call with no caller key can
     * only gain one from another copy when it is the role owner's copy (AWSAccount), so the others
     * (the bulk: AWS services assuming their roles) are never read. Each branch has only AND-ed
     * simple predicates, which DuckDB pushes into the scan; no event id is read.
     */
    private static String edgesSql(String calls) {
        return TEMPLATE.formatted(calls,
                ISSUING.formatted(calls, "access_key_id IS NOT NULL", "")
                        + " UNION ALL " + ISSUING.formatted(calls, "identity_type = 'AWSAccount'", ""),
                "", "WHERE parent_key IS NOT NULL");
    }

    /** Origins, parent known or not, of the keys bound as a list. */
    private static String forKeysSql(String calls, int keys) {
        return TEMPLATE.formatted(calls, ISSUING.formatted(calls, KeyFilter.on("issued_access_key_id", keys),
                "event_id,"), "event_id,", "");
    }

    /**
     * Keys that may have been issued by the keys bound (twice) as a list: those their calls
     * returned, and those of role-owner copies (AWSAccount, no caller key) that share a
     * sharedEventID with their calls. {@link #forKeys} then decides each one's parent exactly as
     * the whole-graph query would. %1$s: the relation, %2$s: the key filter.
     */
    private static final String CANDIDATES = """
            SELECT issued_access_key_id FROM %1$s AS calls
            WHERE %2$s AND issued_access_key_id IS NOT NULL
            UNION
            SELECT issued_access_key_id FROM %1$s AS calls
            WHERE identity_type = 'AWSAccount' AND issued_access_key_id IS NOT NULL
              AND shared_event_id IN (SELECT shared_event_id FROM %1$s AS calls
                                      WHERE %2$s AND shared_event_id IS NOT NULL)""";

    /** The principal each bound key acts as, from the response that issued it; %2$s: the key filter. */
    private static final String HINTS = """
            SELECT issued_access_key_id, max(principal_hint)
            FROM %1$s AS calls
            WHERE %2$s
            GROUP BY issued_access_key_id""";

    private Origins() {
    }

    private static String calls(EventStore store) throws SQLException {
        return DerivedTables.relation(store, DerivedTables.Table.CREDENTIAL_CALLS);
    }

    static List<LineageGraph.Edge> edges(EventStore store) throws SQLException {
        List<LineageGraph.Edge> out = new ArrayList<>();
        try (PreparedStatement ps = store.connection().prepareStatement(edgesSql(calls(store)));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LineageGraph.Edge(rs.getString(1), rs.getString(2), rs.getString(3), time(rs, 4)));
            }
        }
        return out;
    }

    /** The origins whose parent is one of {@code parents}: one generation of the tree below them. */
    static List<Origin> issuedBy(EventStore store, Collection<String> parents) throws SQLException {
        List<String> candidates = new ArrayList<>();
        String sql = CANDIDATES.formatted(calls(store), KeyFilter.on("access_key_id", parents.size()));
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            java.sql.Array keys = store.connection().createArrayOf("VARCHAR", parents.toArray());
            ps.setArray(1, keys);
            ps.setArray(2, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        return forKeys(store, candidates).values().stream()
                .filter(o -> o.parentKey().filter(parents::contains).isPresent())
                .toList();
    }

    /** How each of these keys was issued, when that call is logged. */
    static Map<String, Origin> forKeys(EventStore store, Collection<String> keys) throws SQLException {
        Map<String, Origin> out = new HashMap<>();
        String sql = forKeysSql(calls(store), keys.size());
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setArray(1, store.connection().createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Origin o = new Origin(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3),
                            rs.getString(4), time(rs, 5));
                    out.put(o.issuedKey(), o);
                }
            }
        }
        return out;
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /**
     * For keys that never made a logged call, the principal they act as, read from the response
     * that issued them: the assumed-role or federated-user ARN, the caller of GetSessionToken, or
     * the user an access key was created for.
     */
    static Map<String, String> principalHints(EventStore store, Collection<String> keys) throws SQLException {
        Map<String, String> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = HINTS.formatted(calls(store), KeyFilter.on("issued_access_key_id", keys.size()));
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setArray(1, store.connection().createArrayOf("VARCHAR", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(2) != null) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }
}
