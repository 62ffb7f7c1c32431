package io.trailsift.store;

import io.trailsift.event.EventColumn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The whole schema of a trailsift store, one version for all of it: the events and the manifest
 * of the objects they came from, the findings of the last hunt and the results of verify runs.
 * The tables derived from events for lookups are declared with their queries in
 * {@link DerivedTables}. Identifiers come from {@link EventColumn} and fixed text only, never
 * from input, which is why building these statements as strings is safe.
 */
final class Schema {
    /**
     * Bumped when a change needs a new store; opening an older store then fails clearly. Adding
     * a table is not in itself such a change: every writable open creates the tables a store
     * lacks. Version 2: stores of version 1 kept one copy per eventID whatever the copies held, so
     * a planted copy may have replaced a genuine one there; they must be ingested again.
     */
    static final int VERSION = 2;

    private static final List<String> TABLES = List.of(
            "CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)",
            """
            CREATE TABLE IF NOT EXISTS objects (
              object_id   BIGINT PRIMARY KEY,
              path        VARCHAR NOT NULL,
              size_bytes  BIGINT,
              sha256      VARCHAR,
              kind        VARCHAR NOT NULL,
              records     BIGINT NOT NULL,
              status      VARCHAR NOT NULL,
              error       VARCHAR,
              filter      VARCHAR NOT NULL,
              ingested_at TIMESTAMP NOT NULL
            )""",
            // column names and types come from EventColumn, a fixed list: no input reaches this DDL
            "CREATE TABLE IF NOT EXISTS events (" + eventColumns() + ")",
            // objects whose rows a run has stored but not all of them yet (see Manifest)
            "CREATE TABLE IF NOT EXISTS objects_in_progress (object_id BIGINT NOT NULL, path VARCHAR NOT NULL)",
            // one row per copy of an eventID that differs from the other copies (see Dedupe)
            "CREATE TABLE IF NOT EXISTS event_conflicts (event_id VARCHAR NOT NULL, object_id BIGINT NOT NULL)",
            """
            CREATE TABLE IF NOT EXISTS findings (
              finding_id    BIGINT,
              rule          VARCHAR,
              title         VARCHAR,
              severity      VARCHAR,
              attack        VARCHAR[],
              first_seen    TIMESTAMP,
              last_seen     TIMESTAMP,
              account_id    VARCHAR,
              principal_arn VARCHAR,
              access_key_id VARCHAR,
              source_ips    VARCHAR[],
              event_ids     VARCHAR[],
              summary       VARCHAR
            )""",
            """
            CREATE TABLE IF NOT EXISTS verify_runs (
              run_id BIGINT, verified_at TIMESTAMP, inputs VARCHAR, verified BIGINT, modified BIGINT,
              missing BIGINT, unverified BIGINT, digests BIGINT, chain_breaks BIGINT, signatures VARCHAR,
              gaps BIGINT, failed BOOLEAN, summary JSON)""",
            """
            CREATE TABLE IF NOT EXISTS verify_objects (
              run_id BIGINT, state VARCHAR, s3_key VARCHAR, path VARCHAR, account_id VARCHAR, region VARCHAR,
              oldest_event_time TIMESTAMP, newest_event_time TIMESTAMP, digest VARCHAR,
              expected_sha256 VARCHAR, actual_sha256 VARCHAR, detail VARCHAR)""",
            """
            CREATE TABLE IF NOT EXISTS verify_digests (
              run_id BIGINT, digest VARCHAR, path VARCHAR, account_id VARCHAR, region VARCHAR,
              digest_start_time TIMESTAMP, digest_end_time TIMESTAMP, log_files BIGINT, signature VARCHAR,
              detail VARCHAR)""");

    private Schema() {
    }

    /** Creates what the store lacks and records the version a new store is written in. */
    static void create(Sql sql) {
        for (String ddl : TABLES) {
            sql.execute(ddl);
        }
        sql.update("INSERT OR IGNORE INTO store_info VALUES ('schema_version', ?)", String.valueOf(VERSION));
    }

    /**
     * The tables a store keeps beside a Parquet lake's views ({@link LakeViews}): all but the
     * events, the manifest and the conflicts, which the lake holds.
     */
    static void createBeside(Sql sql) {
        for (String ddl : TABLES) {
            if (!List.of("events", "objects", "event_conflicts").contains(tableName(ddl))) {
                sql.execute(ddl);
            }
        }
        sql.update("INSERT OR IGNORE INTO store_info VALUES ('schema_version', ?)", String.valueOf(VERSION));
    }

    private static String tableName(String ddl) {
        String head = ddl.substring(0, ddl.indexOf('(')).trim();
        return head.substring(head.lastIndexOf(' ') + 1);
    }

    /**
     * Each table's column names, in order, as the DDL above declares them: what a store must have
     * for every query to mean what it says (a store edited by hand, or by another tool, is refused
     * before any command runs on it).
     */
    static Map<String, List<String>> columns() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String ddl : TABLES) {
            tables.put(tableName(ddl), columnNames(ddl.substring(ddl.indexOf('(') + 1, ddl.lastIndexOf(')'))));
        }
        return tables;
    }

    /** The first word of each top-level, comma-separated definition. */
    private static List<String> columnNames(String definitions) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i <= definitions.length(); i++) {
            char c = i < definitions.length() ? definitions.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                names.add(definitions.substring(from, i).trim().split("\\s+")[0]);
                from = i + 1;
            }
        }
        return names;
    }

    static String eventColumns() {
        return EventColumn.all().stream()
                .map(c -> c.sqlName() + " " + c.type().sqlType()
                        + (c.compression() == EventColumn.Compression.ZSTD ? " USING COMPRESSION zstd" : ""))
                .collect(Collectors.joining(",\n  "));
    }
}
