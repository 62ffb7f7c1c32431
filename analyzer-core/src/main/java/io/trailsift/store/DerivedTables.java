package io.trailsift.store;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Narrow tables derived from {@code events} at the end of each ingest run, for the lookups a
 * responder makes per key ({@code key}, {@code timeline --follow}, {@code investigate}).
 *
 * <p>Why: every read of one key on {@code events} scans the access-key column of every event, and
 * when the keys wanted are many (a lineage of over a thousand credentials), DuckDB decompresses
 * the other columns of every event before it joins on them, seconds on a large store. The derived
 * tables are a few percent of the events and hold only what those lookups read.
 *
 * <p>Why they cannot go stale: every transaction that changes {@code events} bumps
 * {@code events_generation} in {@code store_info}; the derived tables record the generation they
 * were taken at, and {@link #relation} falls back to the same rows computed from {@code events}
 * when the two differ (a run killed before its end, a store written by an older trailsift).
 */
public final class DerivedTables {
    /** The calls whose response carries a new access key id. */
    public static final List<String> CREDENTIAL_EVENTS = List.of("AssumeRole", "AssumeRoleWithSAML",
            "AssumeRoleWithWebIdentity", "GetSessionToken", "GetFederationToken", "CreateAccessKey");

    /** A derived table: its name and the SELECT over {@code events} that fills it ({@code %s}: a row filter). */
    public enum Table {
        /*
         * The successful calls that can return a key. principal_hint: the principal the issued key
         * acts as, from the response that issued it: the assumed-role or federated-user ARN, the
         * caller of GetSessionToken, or the user an access key was created for.
         */
        CREDENTIAL_CALLS("credential_calls", """
                SELECT event_id, event_time, event_name, identity_type, shared_event_id,
                       nullif(access_key_id, '') AS access_key_id,
                       nullif(issued_access_key_id, '') AS issued_access_key_id,
                       CASE event_name
                         WHEN 'CreateAccessKey' THEN 'arn:aws:iam::' || coalesce(recipient_account_id, account_id)
                              || ':user/' || coalesce(response_elements->>'$.accessKey.userName', target_user_name, user_name)
                         WHEN 'GetSessionToken' THEN principal_arn
                         WHEN 'GetFederationToken' THEN response_elements->>'$.federatedUser.arn'
                         ELSE response_elements->>'$.assumedRoleUser.arn'
                       END AS principal_hint
                FROM events
                WHERE event_name IN (%s) AND error_code IS NULL %%s""".formatted(
                CREDENTIAL_EVENTS.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")))),
        /*
         * Each key's calls counted per principal, accounts, IP and user agent. Rows of two runs
         * for the same combination are both kept: readers sum them.
         */
        KEY_USE("key_use", """
                SELECT access_key_id, principal_arn, account_id, recipient_account_id, source_ip, user_agent,
                       count(*) AS events, min(event_time) AS first_seen, max(event_time) AS last_seen
                FROM events
                WHERE access_key_id IS NOT NULL AND access_key_id <> '' %s
                GROUP BY ALL""");

        private final String name;
        private final String select;

        Table(String name, String select) {
            this.name = name;
            this.select = select;
        }

        private String select(String rowFilter) {
            return select.formatted(rowFilter);
        }
    }

    private static final String EVENTS_GENERATION = "events_generation";
    private static final String DERIVED_GENERATION = "derived_tables_generation";

    private DerivedTables() {
    }

    /**
     * What to read {@code table}'s rows from (as {@code FROM <relation> AS alias}): the table when
     * it is current, otherwise the same rows computed from {@code events}. Fixed text only.
     */
    public static String relation(EventStore store, Table table) {
        return isCurrent(store.sql()) ? table.name : "(" + table.select("") + ")";
    }

    /** Records, inside the caller's transaction, that {@code events} changed. */
    static void eventsChanged(Sql sql) {
        sql.update("INSERT INTO store_info VALUES (?, '1') ON CONFLICT (key) "
                + "DO UPDATE SET value = CAST(CAST(store_info.value AS BIGINT) + 1 AS VARCHAR)", EVENTS_GENERATION);
    }

    /**
     * Brings the tables up to date, in one transaction. {@code newObjectsFrom}: when they were
     * current before a run that only added objects numbered from there on, only those objects'
     * rows are added (an ingest run never removes an older object's rows: duplicates keep the
     * oldest); otherwise they are taken again in full.
     */
    static void refresh(Sql sql, OptionalLong newObjectsFrom) {
        if (isCurrent(sql)) {
            return;
        }
        sql.inTransaction(tx -> {
            // Table names and SELECTs are the enum's fixed text; the object id is bound.
            for (Table t : Table.values()) {
                if (newObjectsFrom.isPresent()) {
                    tx.update("INSERT INTO " + t.name + " " + t.select("AND object_id >= ?"), newObjectsFrom.getAsLong());
                } else {
                    tx.execute("CREATE OR REPLACE TABLE " + t.name + " AS " + t.select(""));
                }
            }
            tx.update("INSERT OR REPLACE INTO store_info "
                    + "SELECT ?, coalesce((SELECT value FROM store_info WHERE key = ?), '0')",
                    DERIVED_GENERATION, EVENTS_GENERATION);
        });
    }

    /** Whether the derived tables hold exactly what {@code events} gives now. */
    public static boolean isCurrent(EventStore store) {
        return isCurrent(store.sql());
    }

    static boolean isCurrent(Sql sql) {
        return sql.first("""
                SELECT (SELECT value FROM store_info WHERE key = ?)
                       IS NOT DISTINCT FROM coalesce((SELECT value FROM store_info WHERE key = ?), '0') AS current""",
                r -> (Boolean) r.value("current"), DERIVED_GENERATION, EVENTS_GENERATION).orElseThrow();
    }
}
