package io.trailsift.lineage;

import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;
import io.trailsift.store.SqlLists;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The calls that returned a key, narrowed by %2$s. */
    private static final String ISSUING = """
            SELECT event_id, event_time, event_name, identity_type, shared_event_id,
                   access_key_id AS caller_key, issued_access_key_id AS issued_key
            FROM %1$s AS calls
            WHERE issued_access_key_id IS NOT NULL AND %2$s""";

    /* %1$s: the relation, %2$s: the issuing rows. */
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
                     i.event_name, i.event_id, i.event_time
              FROM issuing i
              LEFT JOIN other_copy o ON i.caller_key IS NULL AND i.identity_type = 'AWSAccount'
                                    AND o.shared_event_id = i.shared_event_id
            ),
            ranked AS (
              SELECT * FROM resolved
              QUALIFY row_number() OVER (PARTITION BY issued_key
                                         ORDER BY parent_key IS NULL, event_time, event_id, parent_key) = 1
            )
            SELECT issued_key, parent_key, event_name, event_id, event_time,
                   event_id IN (SELECT event_id FROM event_conflicts) AS disputed
            FROM ranked
            """;

    /** Origins, parent known or not, of the keys bound as a list. */
    private static String forKeysSql(String calls, int keys) {
        return TEMPLATE.formatted(calls, ISSUING.formatted(calls, SqlLists.oneOf("issued_access_key_id", keys)));
    }

    /**
     * Keys that may have been issued by the keys bound (twice) as a list: those their calls
     * returned, and those of role-owner copies (AWSAccount, no caller key) that share a
     * sharedEventID with their calls. {@link #forKeys} then decides each one's parent by the
     * same rule as for any key. %1$s: the relation, %2$s: the key filter.
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
            SELECT issued_access_key_id, max(principal_hint) AS principal_hint
            FROM %1$s AS calls
            WHERE %2$s
            GROUP BY issued_access_key_id""";

    private Origins() {
    }

    private static String calls(EventStore store) {
        return DerivedTables.relation(store, DerivedTables.Table.CREDENTIAL_CALLS);
    }

    /** The origins whose parent is one of {@code parents}: one generation of the tree below them. */
    static List<Origin> issuedBy(EventStore store, Collection<String> parents) {
        String sql = CANDIDATES.formatted(calls(store), SqlLists.oneOf("access_key_id", parents.size()));
        List<String> candidates = store.sql().query(sql, r -> r.text("issued_access_key_id"), parents, parents);
        if (candidates.isEmpty()) {
            return List.of();
        }
        return forKeys(store, candidates).values().stream()
                .filter(o -> o.parentKey().filter(parents::contains).isPresent())
                .toList();
    }

    /** How each of these keys was issued, when that call is logged. */
    static Map<String, Origin> forKeys(EventStore store, Collection<String> keys) {
        Map<String, Origin> out = new HashMap<>();
        for (Origin o : store.sql().query(forKeysSql(calls(store), keys.size()), r -> new Origin(r.text("issued_key"),
                r.optionalText("parent_key"), r.text("event_name"), r.text("event_id"), r.time("event_time").orElseThrow(),
                (Boolean) r.value("disputed")),
                keys)) {
            out.put(o.issuedKey(), o);
        }
        return out;
    }

    /**
     * For keys that never made a logged call, the principal they act as, read from the response
     * that issued them: the assumed-role or federated-user ARN, the caller of GetSessionToken, or
     * the user an access key was created for.
     */
    static Map<String, String> principalHints(EventStore store, Collection<String> keys) {
        Map<String, String> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = HINTS.formatted(calls(store), SqlLists.oneOf("issued_access_key_id", keys.size()));
        for (String[] hint : store.sql().query(sql, r -> new String[] {r.text("issued_access_key_id"),
                r.text("principal_hint")}, keys)) {
            if (hint[1] != null) {
                out.put(hint[0], hint[1]);
            }
        }
        return out;
    }
}
