package io.trailsift.lineage;

import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;
import io.trailsift.store.SqlLists;

import java.time.Instant;
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
            SELECT u.access_key_id, any_value(p.principal_arn) AS principal_arn,
                   list_sort(list_distinct(list_concat(list(u.account_id), list(u.recipient_account_id)))) AS account_ids,
                   min(u.first_seen) AS first_seen, max(u.last_seen) AS last_seen, sum(u.events) AS events,
                   list_sort(list_distinct(list(u.source_ip))) AS source_ips,
                   list_sort(list_distinct(list(%3$s))) AS user_agents
            FROM used u LEFT JOIN principal p USING (access_key_id)
            GROUP BY u.access_key_id
            """;

    /** Activity of each key that appears in the events; keys never seen are absent from the map. */
    public static Map<String, CredentialActivity> forKeys(EventStore store, Collection<String> keys) {
        Map<String, CredentialActivity> out = new HashMap<>();
        String sql = SQL.formatted(DerivedTables.relation(store, DerivedTables.Table.KEY_USE),
                SqlLists.oneOf("access_key_id", keys.size()), store.shownAgent("u.user_agent"));
        for (CredentialActivity a : store.sql().query(sql, r -> new CredentialActivity(r.text("access_key_id"),
                r.optionalText("principal_arn"), r.texts("account_ids"), r.time("first_seen"), r.time("last_seen"),
                r.number("events"), r.texts("source_ips"), r.texts("user_agents")), keys)) {
            out.put(a.accessKeyId(), a);
        }
        return out;
    }
}
