package io.trailsift.verify;

import io.trailsift.event.EventTimes;
import io.trailsift.store.EventStore;

import java.time.Instant;
import java.util.List;

/** Trail-changing events around a delivery gap, one line each ({@code "StopLogging 2026-…Z by arn… (event id)"}). */
@FunctionalInterface
public interface NearEvents {
    NearEvents NONE = (account, from, until) -> List.of();

    List<String> between(String accountId, Instant from, Instant until);

    /** The events in a store: the calls that stop, delete or narrow a trail, and the one that restarts it. */
    static NearEvents in(EventStore store) {
        // Trail calls are logged in the region they were made in, not the gap's region: match the account only.
        return (account, from, until) -> store.sql().query("""
                SELECT event_name, event_time, principal_arn, event_id FROM events
                WHERE event_source = 'cloudtrail.amazonaws.com'
                  AND event_name IN ('StopLogging', 'StartLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors')
                  AND coalesce(recipient_account_id, account_id) = ?
                  AND event_time BETWEEN ? AND ?
                ORDER BY event_time, event_id""",
                r -> r.text("event_name") + " " + r.time("event_time").map(EventTimes::format).orElse("null")
                        + r.optionalText("principal_arn").map(who -> " by " + who).orElse("")
                        + " (" + r.text("event_id") + ")",
                account, from, until);
    }
}
