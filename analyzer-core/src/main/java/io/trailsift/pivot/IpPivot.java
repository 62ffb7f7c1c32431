package io.trailsift.pivot;

import io.trailsift.store.EventStore;
import io.trailsift.store.RowSet;

/** Every principal and key seen from one source IP (or a range), with first/last times and counts. */
public final class IpPivot {
    private static final String SQL = """
            SELECT principal_arn, access_key_id, identity_type,
                   list_sort(list_distinct(list(coalesce(recipient_account_id, account_id)))) AS account_ids,
                   min(event_time) AS first_seen, max(event_time) AS last_seen,
                   count(*) AS events, count(error_code) AS errors,
                   list_sort(list_distinct(list(%2$s))) AS user_agents
            FROM events WHERE %s
            GROUP BY principal_arn, access_key_id, identity_type
            ORDER BY first_seen, principal_arn, access_key_id""";

    private IpPivot() {
    }

    public static RowSet of(EventStore store, AddressRange addresses) {
        // the condition is AddressRange's fixed text; the address or range is bound
        return store.sql().rows(SQL.formatted(addresses.condition(), store.shownAgent("user_agent")), addresses.params(store).toArray());
    }
}
