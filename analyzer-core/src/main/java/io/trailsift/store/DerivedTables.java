package io.trailsift.store;

import io.trailsift.event.EventColumn;

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

    /** A derived table: its name, the SELECT that fills it (from the events or the summary), and how its rows of several runs merge. */
    public enum Table {
        /*
         * The successful calls that can return a key. principal_hint: the principal the issued key
         * acts as, from the response that issued it: the assumed-role or federated-user ARN, the
         * caller of GetSessionToken, or the user an access key was created for. issued_by: who
         * asked for it: the AWS service that assumed a role for its code (a Lambda function, an
         * ECS task, an instance), else the calling principal. Read from the events: it needs each
         * call's event id and response.
         */
        CREDENTIAL_CALLS("credential_calls", false, """
                SELECT event_id, event_time, event_name, identity_type, shared_event_id,
                       nullif(access_key_id, '') AS access_key_id,
                       nullif(issued_access_key_id, '') AS issued_access_key_id,
                       CASE event_name
                         WHEN 'CreateAccessKey' THEN 'arn:aws:iam::' || coalesce(recipient_account_id, account_id)
                              || ':user/' || coalesce(response_elements->>'$.accessKey.userName', target_user_name, user_name)
                         WHEN 'GetSessionToken' THEN principal_arn
                         WHEN 'GetFederationToken' THEN response_elements->>'$.federatedUser.arn'
                         ELSE response_elements->>'$.assumedRoleUser.arn'
                       END AS principal_hint,
                       CASE WHEN identity_type = 'AWSService' THEN coalesce(invoked_by, source_ip)
                            ELSE coalesce(principal_arn, nullif(access_key_id, '')) END AS issued_by
                FROM events
                WHERE event_name IN (""" + CREDENTIAL_EVENTS.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "))
                + ") AND error_code IS NULL " + ROWS, null),
        /*
         * Each key's calls counted per principal, accounts, IP and user agent. Rows of two runs
         * for the same combination are both kept: readers sum them.
         */
        KEY_USE("key_use", true, """
                SELECT access_key_id, principal_arn, account_id, recipient_account_id, source_ip, user_agent,
                       CAST(sum(events) AS BIGINT) AS events, min(first_seen) AS first_seen, max(last_seen) AS last_seen
                FROM call_summary
                WHERE access_key_id IS NOT NULL AND access_key_id <> '' """ + slicedBy("access_key_id") + """

                GROUP BY ALL""", null),
        /*
         * The behaviour baselines: for each principal (scope 'principal': role sessions folded to
         * their role) and each credential (scope 'credential'), when it first and last used each
         * value of each aspect: api (source:name), ip, network (/24, /64), client (tool and OS),
         * region, account. One row per scope, subject, aspect and value: the rows of a new run are
         * merged into the old ones.
         */
        BEHAVIOUR("behaviour", true, behaviourOf("principal", Baselines.ACTOR) + "\nUNION ALL\n"
                + behaviourOf("credential", Baselines.CREDENTIAL), """
                SELECT scope, subject, aspect, value,
                       min(first_seen) AS first_seen, max(last_seen) AS last_seen, sum(events) AS events
                FROM behaviour WHERE true\s""" + slicedBy("subject") + """

                GROUP BY ALL"""),
        /*
         * Where each credential was first used and by whom: first_use holds the time, source IP,
         * user agent, VPC endpoint and principal of its earliest call (a struct compares field by
         * field, so min() keeps the whole earliest call together; within one summary row all but
         * the time are the same, so the least of the rows' least is the earliest call's).
         */
        SESSION_ORIGINS("session_origins", true, """
                SELECT\s""" + Baselines.CREDENTIAL + " AS credential, " + Baselines.ACTOR + """
                 AS actor,
                       min({'event_time': first_seen, 'source_ip': source_ip, 'user_agent': user_agent,
                            'vpc_endpoint_id': vpc_endpoint_id, 'principal_arn': principal_arn}) AS first_use,
                       max(last_seen) AS last_seen, CAST(sum(events) AS BIGINT) AS events
                FROM call_summary WHERE by_actor\s""" + slicedBy(Baselines.CREDENTIAL) + """

                GROUP BY ALL""", """
                SELECT credential, actor, min(first_use) AS first_use, max(last_seen) AS last_seen, sum(events) AS events
                FROM session_origins WHERE true\s""" + slicedBy("credential") + """

                GROUP BY ALL""");

        private final String name;
        private final boolean summarised;
        private final String select;
        private final String merge;

        Table(String name, boolean summarised, String select, String merge) {
            this.name = name;
            this.summarised = summarised;
            this.select = select;
            this.merge = merge;
        }

        /** The SELECT over all events, on its own: the summary, when the table reads it, as a WITH. */
        private String whole() {
            return (summarised ? "WITH " + SUMMARY + " AS (" + summarySelect() + ") " : "") + select(Rows.ALL, Slice.WHOLE);
        }

        /** One slice of the SELECT, the summary of the rows wanted being in place when the table reads it. */
        private String select(Rows rows, Slice slice) {
            return slice.of(summarised ? select : select.replace(ROWS, rows.filter()));
        }

        private boolean sliced() {
            return SLICE.matcher(select).find();
        }
    }

    /** The events a refresh reads: all, or those of the objects from a number on ({@code $1}). */
    private record Rows(String filter, Object[] params) {
        static final Rows ALL = new Rows("", new Object[0]);

        static Rows from(long objectId) {
            return new Rows("AND object_id >= $1", new Object[] {objectId});
        }
    }

    /** Where a SELECT takes its row filter. */
    private static final String ROWS = "/*rows*/";

    /** The summary's grouping columns. */
    private static final List<EventColumn> SUMMARY_GROUPS = List.of(EventColumn.ACCESS_KEY_ID, EventColumn.PRINCIPAL_ARN,
            EventColumn.SESSION_ISSUER_ARN, EventColumn.ACCOUNT_ID, EventColumn.RECIPIENT_ACCOUNT_ID, EventColumn.SOURCE_IP,
            EventColumn.USER_AGENT, EventColumn.VPC_ENDPOINT_ID, EventColumn.EVENT_SOURCE, EventColumn.EVENT_NAME,
            EventColumn.AWS_REGION);

    /**
     * Every column of the events the summary reads but the time: its groups, and those its filters
     * test (who made the call, {@link Baselines#ACTOR_FILTER}). A lake's writers count their rows
     * by these ({@value #CALL_COUNTS}), and the summary is then taken from the counts.
     */
    public static final List<EventColumn> SUMMARY_READS = java.util.stream.Stream.concat(SUMMARY_GROUPS.stream(),
            java.util.stream.Stream.of(EventColumn.IDENTITY_TYPE, EventColumn.INVOKED_BY)).toList();

    /**
     * Where the per-key tables read from: every call by a key or principal grouped by all the
     * values those tables group or filter by, with its count and first and last time. Why: on a
     * lake each table read back every event's columns from Parquet, which cost four times what the
     * store's own columns cost (benchmarks/RESULTS.md, fourteenth round); the calls of automation
     * repeat, so the summary is a few percent of the events (277k rows for the 10M-event
     * organisation corpus), and the events are read once for all three tables. Every table it
     * feeds groups by some of its columns and adds counts, takes the least first and the greatest
     * last time: the same rows as from the events.
     */
    private static final String SUMMARY_SELECT = summaryOf("events",
            "count(*) AS events, min(event_time) AS first_seen, max(event_time) AS last_seen");

    /** What a lake's call counts are read as, with the columns {@link #SUMMARY_READS} and events, first_seen, last_seen. */
    public static final String CALL_COUNTS = "call_counts";

    /** The summary from the call counts: their rows of a group added up as the events' are counted. */
    private static final String SUMMARY_OF_COUNTS = summaryOf(CALL_COUNTS,
            "CAST(sum(events) AS BIGINT) AS events, min(first_seen) AS first_seen, max(last_seen) AS last_seen");

    /**
     * Rows of call counts per slice of the summary taken from them: about as many groups as
     * {@link #EVENTS_PER_SLICE} events make (a group has 1.6 rows of counts on the 10M corpus;
     * 100M events have 2.7 million rows, three slices).
     */
    static final long COUNTS_PER_SLICE = 1_000_000;

    private static String summaryOf(String relation, String counted) {
        return """
                SELECT %s, (%s) AS by_actor, %s
                FROM %s WHERE %s IS NOT NULL %s %s
                GROUP BY ALL""".formatted(SUMMARY_GROUPS.stream().map(EventColumn::sqlName).collect(Collectors.joining(", ")),
                Baselines.ACTOR_FILTER, counted, relation, Baselines.CREDENTIAL, ROWS, slicedBy(Baselines.CREDENTIAL));
    }

    /** The name the summary goes by while the tables are taken from it (a temporary table or view, or a WITH). */
    public static final String SUMMARY = "call_summary";

    /** Where a SELECT or merge takes its slice filter, with the key its groups are sliced by: see {@link Slice}. */
    private static final java.util.regex.Pattern SLICE = java.util.regex.Pattern.compile("/\\*slice\\((.+?)\\)\\*/");

    /**
     * Events per slice of a derived table's aggregation. DuckDB's hash aggregation over all events
     * does not stay inside its memory limit: on the 10M-event organisation corpus the behaviour
     * table's grouping needed 60-90 MB with two threads, and on 100M it failed at the CLI's 640 MB.
     * A slice holds the groups of one part of the keys only, so it needs about this share of that.
     */
    static final long EVENTS_PER_SLICE = 25_000_000;

    /**
     * One of {@code count} parts of an aggregation, by a hash of its grouping key: every row of a
     * group falls in the same part, so the parts' rows together are the whole table's.
     */
    record Slice(long count, long index) {
        static final Slice WHOLE = new Slice(1, 0);

        String of(String sql) {
            return SLICE.matcher(sql).replaceAll(m -> count == 1 ? ""
                    : java.util.regex.Matcher.quoteReplacement("AND hash(" + m.group(1) + ") % " + count + " = " + index));
        }

        /** Enough slices for {@code events} events. */
        static long countFor(long events, long eventsPerSlice) {
            return Math.max(1, (events + eventsPerSlice - 1) / eventsPerSlice);
        }
    }

    /** Marks where a SELECT of grouped rows takes the filter of one slice of its groups, by {@code key}. */
    private static String slicedBy(String key) {
        return "/*slice(" + key + ")*/";
    }

    /**
     * One scope's rows of the behaviour table. Each scope groups the summary by its own subject:
     * grouped by principal and credential at once, every credential repeats its principal's values,
     * and that grouping was the largest the derived tables make.
     */
    private static String behaviourOf(String scope, String subject) {
        return """
                SELECT '%1$s' AS scope, subject, aspect, value,
                       min(first_seen) AS first_seen, max(last_seen) AS last_seen, sum(events) AS events
                FROM (UNPIVOT (
                        SELECT subject, first_seen, last_seen, events, api, ip,
                               CAST(%2$s AS VARCHAR) AS network, CAST(%3$s AS VARCHAR) AS client, region, account
                        FROM (SELECT %4$s AS subject, event_source || ':' || event_name AS api, source_ip AS ip,
                                     user_agent, aws_region AS region, coalesce(recipient_account_id, account_id) AS account,
                                     min(first_seen) AS first_seen, max(last_seen) AS last_seen, sum(events) AS events
                              FROM call_summary WHERE by_actor %5$s
                              GROUP BY ALL))
                      ON api, ip, network, client, region, account INTO NAME aspect VALUE value)
                GROUP BY ALL""".formatted(scope, Baselines.network("ip"), Baselines.clientFamily("user_agent"), subject,
                slicedBy(subject));
    }

    private static final String EVENTS_GENERATION = "events_generation";
    /*
     * Named after the tables' layout: a store whose tables were taken in an older layout has no
     * such key, so they count as stale (read from events) until the next ingest takes them again.
     */
    private static final String DERIVED_GENERATION = "derived_tables_generation_2";

    private DerivedTables() {
    }

    /**
     * What to read {@code table}'s rows from (as {@code FROM <relation> AS alias}): the table when
     * it is current, otherwise the same rows computed from {@code events}. Fixed text only.
     */
    public static String relation(EventStore store, Table table) {
        return relation(store.sql(), table);
    }

    /** {@link #relation(EventStore, Table)} on one session of a store. */
    public static String relation(Sql sql, Table table) {
        return isCurrent(sql) ? table.name : "(" + table.whole() + ")";
    }

    /** The derived tables' names. */
    public static List<String> names() {
        return java.util.Arrays.stream(Table.values()).map(t -> t.name).toList();
    }

    /** The SELECT that fills the summary ({@value #SUMMARY}) over all of {@code events} (the Spark ingest translates it). */
    public static String summarySelect() {
        return Slice.WHOLE.of(SUMMARY_SELECT.replace(ROWS, ""));
    }

    /**
     * The SELECT that fills the table named {@code name} over all of {@code events}; the tables
     * taken from the summary read it as {@value #SUMMARY}, which the caller makes first
     * ({@link #summarise}, or the Spark ingest from {@link #summarySelect}).
     */
    public static String selectOverSummary(String name) {
        return java.util.Arrays.stream(Table.values()).filter(t -> t.name.equals(name)).findFirst().orElseThrow()
                .select(Rows.ALL, Slice.WHOLE);
    }

    /** Makes the summary of all events, as a temporary table, for {@link #selectOverSummary}. */
    static void summarise(Sql sql) {
        summarise(sql, SUMMARY_SELECT, Rows.ALL, 1);
    }

    /**
     * {@link #summarise(Sql)} from a lake's call counts, which the caller has made readable as
     * {@value #CALL_COUNTS}: the same rows, from a few percent of the events' rows.
     */
    static void summariseCounts(Sql sql) {
        long rows = sql.first("SELECT count(*) AS n FROM " + CALL_COUNTS, r -> r.number("n")).orElseThrow();
        summarise(sql, SUMMARY_OF_COUNTS, Rows.ALL, Slice.countFor(rows, COUNTS_PER_SLICE));
    }

    /** Drops the temporary summary. */
    static void dropSummary(Sql sql) {
        sql.execute("DROP TABLE IF EXISTS " + SUMMARY);
    }

    private static void summarise(Sql sql, String select, Rows rows, long slices) {
        try {
            fill(sql, "CREATE OR REPLACE TEMP TABLE", SUMMARY, slices,
                    i -> new Slice(slices, i).of(select.replace(ROWS, rows.filter())), rows.params());
        } catch (StoreException e) {
            throw e.whileDoing("summing up the calls of each key and principal");
        }
    }

    /**
     * Fills {@code table} with the {@code parts} slices of a SELECT: when {@code create} is given
     * ("CREATE OR REPLACE [TEMP] TABLE"), the first slice creates it; otherwise every slice is
     * inserted. Table names, SELECTs and slice numbers are this class's fixed text and counters,
     * put in as text because a table name cannot be bound; nothing comes from logs or the user.
     * {@code params}: the values the SELECTs bind (the object id a refresh starts from).
     */
    private static void fill(Sql tx, String create, String table, long parts, java.util.function.LongFunction<String> slice,
                             Object... params) {
        for (long i = 0; i < parts; i++) {
            String into = i == 0 && !create.isEmpty() ? create + " " + table + " AS " : "INSERT INTO " + table + " ";
            tx.update(into + slice.apply(i), params);
        }
    }

    /** Records that the derived tables present are those of the events as they are now (a lake's, taken at its present state). */
    static void markCurrent(Sql sql) {
        sql.update("INSERT OR REPLACE INTO store_info SELECT ?, (SELECT value FROM store_info WHERE key = ?)",
                DERIVED_GENERATION, EVENTS_GENERATION);
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
        refresh(sql, newObjectsFrom, EVENTS_PER_SLICE);
    }

    /** {@link #refresh(Sql, OptionalLong)}, each grouping taken in slices of about {@code eventsPerSlice} events. */
    static void refresh(Sql sql, OptionalLong newObjectsFrom, long eventsPerSlice) {
        if (isCurrent(sql)) {
            return;
        }
        long slices = Slice.countFor(sql.first("SELECT count(*) AS n FROM events", r -> r.number("n")).orElseThrow(),
                eventsPerSlice);
        Rows rows = newObjectsFrom.isPresent() ? Rows.from(newObjectsFrom.getAsLong()) : Rows.ALL;
        sql.inTransaction(tx -> {
            summarise(tx, SUMMARY_SELECT, rows, slices);
            for (Table t : Table.values()) {
                long parts = t.sliced() ? slices : 1;
                try {
                    // a run's new rows are added to the tables (then merged); otherwise they are taken anew
                    fill(tx, newObjectsFrom.isPresent() ? "" : "CREATE OR REPLACE TABLE", t.name, parts,
                            i -> t.select(rows, new Slice(parts, i)), t.summarised ? new Object[0] : rows.params());
                    if (newObjectsFrom.isPresent() && t.merge != null) {
                        merge(tx, t, parts);
                    }
                } catch (StoreException e) {
                    throw e.whileDoing("taking the lookup table " + t.name + " from the events");
                }
            }
            dropSummary(tx);
            tx.update("INSERT OR REPLACE INTO store_info "
                    + "SELECT ?, coalesce((SELECT value FROM store_info WHERE key = ?), '0')",
                    DERIVED_GENERATION, EVENTS_GENERATION);
        });
    }

    /** Folds the rows of several runs into one per group, slice by slice into a new table that then takes the old one's place. */
    private static void merge(Sql tx, Table t, long parts) {
        // fixed names as in fill: the table's from the Table enum, never from logs or the user
        String merged = t.name + "_merged";
        fill(tx, "CREATE OR REPLACE TABLE", merged, parts, i -> new Slice(parts, i).of(t.merge));
        tx.execute("DROP TABLE " + t.name);
        tx.execute("ALTER TABLE " + merged + " RENAME TO " + t.name);
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
