package io.trailsift.pivot;

import io.trailsift.store.Baselines;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;

import java.util.List;

/**
 * The names in a store closest to one that matched nothing: what a tired responder meant when
 * they typed one character wrong. Closeness is the edit distance, case ignored; only names within
 * a sixth of the typed length (at least one edit) are offered, so a wrong guess is not dressed up
 * as a suggestion.
 */
public final class NearestNames {
    private static final int MAX = 3;

    /*
     * %s: a fixed SELECT of one column "name" over the store (a derived table's relation or
     * events); the typed text is bound.
     */
    private static final String NEAREST = """
            WITH names AS (%s), scored AS (
              SELECT name, levenshtein(lower(name), lower(?)) AS d FROM names WHERE name IS NOT NULL)
            SELECT name FROM scored WHERE d <= greatest(1, length(?) // 6)
            ORDER BY d, name LIMIT %d""";

    private NearestNames() {
    }

    /** Access key ids of the store near {@code typed}. */
    public static List<String> keys(EventStore store, String typed) {
        return nearest(store, "SELECT DISTINCT access_key_id AS name FROM "
                + DerivedTables.relation(store, DerivedTables.Table.KEY_USE) + " AS k", typed);
    }

    /** Principal ARNs, role ARNs and user names of the store near {@code typed}. */
    public static List<String> principals(EventStore store, String typed) {
        return nearest(store, """
                SELECT DISTINCT unnest([principal_arn, session_issuer_arn, user_name,
                                        regexp_extract(coalesce(session_issuer_arn, principal_arn), '[^/]+$')]) AS name
                FROM events""", typed);
    }

    /** Event names of the store near {@code typed}. */
    public static List<String> eventNames(EventStore store, String typed) {
        return nearest(store, "SELECT DISTINCT event_name AS name FROM events", typed);
    }

    /** Source addresses of the store in the same network (/24 or /64) as {@code typed}, for an address it lacks. */
    public static List<String> addresses(EventStore store, String typed) {
        return store.sql().query("WITH typed AS (SELECT CAST(? AS VARCHAR) AS t) SELECT DISTINCT source_ip FROM events "
                + "WHERE " + Baselines.network("source_ip") + " = (SELECT " + Baselines.network("t") + " FROM typed) "
                + "ORDER BY 1 LIMIT " + MAX, r -> r.text("source_ip"), typed);
    }

    /** The store's spellings of an event name typed in any case ({@code createuser} is {@code CreateUser}). */
    public static List<String> eventNamesSpelled(EventStore store, String typed) {
        return store.sql().query("SELECT DISTINCT event_name FROM events WHERE lower(event_name) = lower(?) ORDER BY 1",
                r -> r.text("event_name"), typed);
    }

    private static List<String> nearest(EventStore store, String names, String typed) {
        return store.sql().query(NEAREST.formatted(names, MAX), r -> r.text("name"), typed, typed);
    }
}
