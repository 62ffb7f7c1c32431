package io.trailsift.lineage;

import io.trailsift.store.EventStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@link Origin}s from the store. Only events that returned a key
 * ({@code issued_access_key_id IS NOT NULL}) are touched, so the cost does not grow with the
 * events the credentials made afterwards.
 */
final class Origins {
    /** The calls whose response carries a new access key id. */
    static final List<String> ISSUING_EVENTS = List.of("AssumeRole", "AssumeRoleWithSAML",
            "AssumeRoleWithWebIdentity", "GetSessionToken", "GetFederationToken", "CreateAccessKey");

    /*
     * The SQL is assembled only from the fixed event names above and fixed fragments; every value
     * that comes from the user or the logs is a bound parameter.
     *
     * Cross-account calls are logged once per account, with two eventIDs and one sharedEventID. The
     * role owner's copy has userIdentity.type AWSAccount and no caller key, so when only that copy
     * returned the key, the caller key is taken from the other copy. Ranking the copies of one
     * issued key with the caller-known copy first yields one origin, hence one edge, per key.
     * AWS-service calls (no caller key, type AWSService) are never joined to another copy: they
     * stay roots and cannot attach to a user's key.
     */
    private static final String NAMES = ISSUING_EVENTS.stream().map(n -> "'" + n + "'")
            .collect(Collectors.joining(", "));

    private static final String TEMPLATE = """
            WITH issuing AS (
              SELECT event_id, event_time, event_name, identity_type, shared_event_id,
                     nullif(access_key_id, '') AS caller_key,
                     issued_access_key_id AS issued_key,
                     CASE event_name
                       WHEN 'CreateAccessKey' THEN 'arn:aws:iam::' || coalesce(recipient_account_id, account_id)
                            || ':user/' || coalesce(response_elements->>'$.accessKey.userName', target_user_name, user_name)
                       WHEN 'GetSessionToken' THEN principal_arn
                       WHEN 'GetFederationToken' THEN response_elements->>'$.federatedUser.arn'
                       ELSE response_elements->>'$.assumedRoleUser.arn'
                     END AS principal_hint
              FROM events
              WHERE issued_access_key_id IS NOT NULL AND issued_access_key_id <> ''
                AND error_code IS NULL AND event_name IN (%1$s) %2$s
            ),
            other_copy AS (
              SELECT shared_event_id, min(nullif(access_key_id, '')) AS caller_key
              FROM events
              WHERE event_name IN (%1$s) AND error_code IS NULL AND nullif(access_key_id, '') IS NOT NULL
                AND shared_event_id IN (SELECT shared_event_id FROM issuing
                                        WHERE caller_key IS NULL AND identity_type = 'AWSAccount')
              GROUP BY shared_event_id
            ),
            resolved AS (
              SELECT i.issued_key, nullif(coalesce(i.caller_key, o.caller_key), i.issued_key) AS parent_key,
                     i.event_name, i.event_id, i.event_time, i.principal_hint
              FROM issuing i
              LEFT JOIN other_copy o ON i.caller_key IS NULL AND i.identity_type = 'AWSAccount'
                                    AND o.shared_event_id = i.shared_event_id
            ),
            ranked AS (
              SELECT * FROM resolved
              QUALIFY row_number() OVER (PARTITION BY issued_key
                                         ORDER BY parent_key IS NULL, event_time, event_id) = 1
            )
            SELECT issued_key, parent_key, event_name, event_id, event_time, principal_hint FROM ranked %3$s
            """;

    /** Every origin with a known parent: the edges of the graph. */
    private static final String ATTACHED = TEMPLATE.formatted(NAMES, "", "WHERE parent_key IS NOT NULL");

    /** The origin of one key, parent known or not. */
    private static final String ONE = TEMPLATE.formatted(NAMES, "AND issued_access_key_id = ?", "");

    private Origins() {
    }

    static List<Origin> attached(EventStore store) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(ATTACHED)) {
            return read(ps);
        }
    }

    static Optional<Origin> of(EventStore store, String key) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(ONE)) {
            ps.setString(1, key);
            return read(ps).stream().findFirst();
        }
    }

    private static List<Origin> read(PreparedStatement ps) throws SQLException {
        List<Origin> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Origin(rs.getString(1), Optional.ofNullable(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getObject(5, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                        Optional.ofNullable(rs.getString(6))));
            }
        }
        return out;
    }
}
