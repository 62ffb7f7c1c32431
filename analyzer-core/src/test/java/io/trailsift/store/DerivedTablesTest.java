package io.trailsift.store;

import io.trailsift.ingest.IngestOptions;
import io.trailsift.lineage.Lineage;
import io.trailsift.lineage.LineageNode;
import io.trailsift.lineage.LineageScenario;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.CallLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static io.trailsift.lineage.LineageScenario.A;
import static io.trailsift.lineage.LineageScenario.ALICE;
import static io.trailsift.lineage.LineageScenario.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The derived tables must give exactly what the same queries give on {@code events}: lineage
 * read through them is compared with lineage read with them marked stale (the fallback), and
 * tables grown run by run with tables taken in one go.
 */
class DerivedTablesTest {
    private static final String MORE = "ASIAMORE000000000001";
    private static final String BOB = "AKIABOB0000000000001";

    @Test
    void lineageIsTheSameThroughTheDerivedTablesAsFromEvents(@TempDir Path dir) throws Exception {
        try (EventStore store = LineageScenario.ingest(dir)) {
            assertTrue(DerivedTables.isCurrent(store), "an ingest run ends with the tables up to date");
            List<String> keys = LineageScenario.allKeys(store);
            List<Lineage> derived = lineages(store, keys);

            DerivedTables.eventsChanged(store.sql());
            assertFalse(DerivedTables.isCurrent(store), "a change to events the tables have not seen");
            assertTrue(DerivedTables.relation(store, DerivedTables.Table.KEY_USE).contains("FROM events"));
            assertEquals(derived, lineages(store, keys));

            DerivedTables.refresh(store.sql(), OptionalLong.empty());
            assertTrue(DerivedTables.isCurrent(store));
            assertEquals("key_use", DerivedTables.relation(store, DerivedTables.Table.KEY_USE));
        }
    }

    @Test
    void aSecondRunAddsItsRowsAndMatchesTablesTakenInFull(@TempDir Path dir) throws Exception {
        try (EventStore store = afterFirstRun(dir)) {
            Stores.ingest(store, IngestOptions.defaults(List.of(dir.resolve(FIRST), dir.resolve(SECOND))));
            assertTrue(DerivedTables.isCurrent(store));
            List<List<Object>> calls = rows(store, DerivedTables.Table.CREDENTIAL_CALLS, CALLS);
            List<List<Object>> use = rows(store, DerivedTables.Table.KEY_USE, USE);
            assertEquals(1, calls.stream().filter(r -> MORE.equals(r.get(6))).count(), "m2 copied: " + calls);

            DerivedTables.eventsChanged(store.sql());
            assertEquals(rows(store, DerivedTables.Table.CREDENTIAL_CALLS, CALLS), calls);
            assertEquals(rows(store, DerivedTables.Table.KEY_USE, USE), use);

            Lineage alice = Lineage.descendants(store, ALICE);
            assertEquals(List.of(ALICE, OPS, MORE), alice.nodes().stream().map(LineageNode::accessKeyId)
                    .filter(k -> k.equals(ALICE) || k.equals(OPS) || k.equals(MORE)).toList());
            assertTrue(alice.node(ALICE).orElseThrow().activity().sourceIps().contains("198.51.100.200"));
        }
    }

    @Test
    void tablesTakenInSlicesAreTheTablesTakenWhole(@TempDir Path dir) throws Exception {
        try (EventStore store = afterFirstRun(dir)) {
            long secondFrom = new Manifest(store.sql()).nextObjectId();
            for (DerivedTables.Table t : DerivedTables.Table.values()) {
                store.sql().execute("CREATE TABLE saved_" + t.name() + " AS SELECT * FROM " + DerivedTables.relation(store, t));
            }
            Stores.ingest(store, IngestOptions.defaults(List.of(dir.resolve(SECOND))));
            Map<DerivedTables.Table, List<List<Object>>> grown = allRows(store);
            List<List<Object>> use = rows(store, DerivedTables.Table.KEY_USE, USE);

            DerivedTables.eventsChanged(store.sql());
            DerivedTables.refresh(store.sql(), OptionalLong.empty(), 7);
            Map<DerivedTables.Table, List<List<Object>>> whole = allRows(store);
            assertEquals(grown.get(DerivedTables.Table.BEHAVIOUR), whole.get(DerivedTables.Table.BEHAVIOUR));
            assertEquals(grown.get(DerivedTables.Table.SESSION_ORIGINS), whole.get(DerivedTables.Table.SESSION_ORIGINS));
            assertEquals(use, rows(store, DerivedTables.Table.KEY_USE, USE), "key_use keeps each run's rows: their sums agree");
            DerivedTables.eventsChanged(store.sql());
            DerivedTables.refresh(store.sql(), OptionalLong.empty(), Long.MAX_VALUE);
            assertEquals(whole, allRows(store), "taken in 4+ slices of 7 events, and in one");

            // the second run's rows added to the first run's tables, slice by slice
            for (DerivedTables.Table t : DerivedTables.Table.values()) {
                store.sql().execute("CREATE OR REPLACE TABLE " + t.name() + " AS SELECT * FROM saved_" + t.name());
            }
            DerivedTables.eventsChanged(store.sql());
            DerivedTables.refresh(store.sql(), OptionalLong.of(secondFrom), 7);
            assertEquals(grown, allRows(store));
        }
    }

    @Test
    void callsAlikeButForTheirTimesAreCountedAndTheEarliestIsTheKeysFirstUse(@TempDir Path dir) throws Exception {
        // three calls of bob's key that differ only in time fold into one row of the summary the
        // tables are taken from; a fourth, from another address, lies between them
        CallLog log = new CallLog();
        log.call("b1", "2026-06-01T10:05:00Z", "s3", "ListBuckets").user("bob", A, BOB).ip("203.0.113.9");
        log.call("b2", "2026-06-01T10:00:00Z", "s3", "ListBuckets").user("bob", A, BOB).ip("203.0.113.9");
        log.call("b3", "2026-06-01T10:09:00Z", "s3", "ListBuckets").user("bob", A, BOB).ip("203.0.113.9");
        log.call("b4", "2026-06-01T10:02:00Z", "iam", "ListUsers").user("bob", A, BOB).ip("198.51.100.4");
        try (EventStore store = Stores.ofCalls(dir, log)) {
            assertTrue(DerivedTables.isCurrent(store));
            assertEquals(List.of("198.51.100.4 1 10:02 10:02", "203.0.113.9 3 10:00 10:09"), store.sql().query("""
                    SELECT source_ip || ' ' || events || ' ' || strftime(first_seen, '%H:%M') || ' ' || strftime(last_seen, '%H:%M') AS r
                    FROM key_use WHERE access_key_id = ? ORDER BY r""", r -> r.text("r"), BOB));
            assertEquals(List.of("10:00 203.0.113.9 10:09 4"), store.sql().query("""
                    SELECT strftime(first_use.event_time, '%H:%M') || ' ' || first_use.source_ip || ' '
                           || strftime(last_seen, '%H:%M') || ' ' || events AS r
                    FROM session_origins WHERE credential = ?""", r -> r.text("r"), BOB));
            assertEquals(List.of("10:00 10:09 3"), store.sql().query("""
                    SELECT strftime(first_seen, '%H:%M') || ' ' || strftime(last_seen, '%H:%M') || ' ' || events AS r
                    FROM behaviour WHERE scope = 'credential' AND subject = ? AND aspect = 'api'
                      AND value = 's3.amazonaws.com:ListBuckets'""", r -> r.text("r"), BOB));
        }
    }

    private static final String FIRST = "first.json";
    private static final String SECOND = "second.json";

    /** A store after a first run of the lineage scenario, with the second run's file beside it. */
    private static EventStore afterFirstRun(Path dir) throws Exception {
        LineageScenario.records().write(dir.resolve(FIRST));
        secondRun().write(dir.resolve(SECOND));
        EventStore store = EventStore.open(dir.resolve("store.duckdb"), StoreOptions.defaults());
        try {
            Stores.ingest(store, IngestOptions.defaults(List.of(dir.resolve(FIRST))));
        } catch (Exception e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static CallLog secondRun() {
        // alice again from a new IP, a role it assumes, and a copy of a known event (a1) that the
        // dedupe drops, so its rows must not reach the tables either
        CallLog more = new CallLog();
        more.call("m1", "2026-05-02T09:00:00Z", "s3", "ListBuckets").user("alice", A, ALICE).ip("198.51.100.200");
        more.call("m2", "2026-05-02T09:01:00Z", "sts", "AssumeRole").user("alice", A, ALICE)
                .issuesSession(MORE, "arn:aws:iam::" + A + ":role/More", "arn:aws:sts::" + A + ":assumed-role/More/m");
        more.call("m3", "2026-05-02T09:02:00Z", "s3", "ListBuckets").session("More", "m", A, MORE);
        more.call("a1", "2026-05-01T10:00:00Z", "sts", "GetCallerIdentity").user("alice", A, ALICE);
        return more;
    }

    private static Map<DerivedTables.Table, List<List<Object>>> allRows(EventStore store) {
        Map<DerivedTables.Table, List<List<Object>>> rows = new EnumMap<>(DerivedTables.Table.class);
        for (DerivedTables.Table t : DerivedTables.Table.values()) {
            rows.put(t, rows(store, t, AS_TEXT));
        }
        return rows;
    }

    private static final String CALLS = "SELECT * FROM %s AS t ORDER BY ALL";
    // every column as text: a struct (session_origins.first_use) read through JDBC has no equals
    private static final String AS_TEXT = "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM %s AS t ORDER BY ALL";
    // key_use may split one combination over rows of several runs; readers sum them.
    private static final String USE = """
            SELECT access_key_id, principal_arn, account_id, recipient_account_id, source_ip, user_agent,
                   sum(events), min(first_seen), max(last_seen)
            FROM %s AS t GROUP BY ALL ORDER BY ALL""";

    private static List<List<Object>> rows(EventStore store, DerivedTables.Table table, String sql) {
        return store.sql().rows(sql.formatted(DerivedTables.relation(store, table))).rows();
    }

    private static List<Lineage> lineages(EventStore store, List<String> keys) {
        List<Lineage> out = new ArrayList<>();
        for (String k : keys) {
            out.add(Lineage.descendants(store, k));
            out.add(Lineage.ancestors(store, k));
        }
        return out;
    }

    @Test
    void aStoreWithoutTheTablesIsReadFromEvents(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("records.json");
        LineageScenario.records().write(file);
        try (EventStore store = EventStore.open(dir.resolve("store.duckdb"), StoreOptions.defaults())) {
            Stores.ingest(store, IngestOptions.defaults(List.of(file)));
            // what a store written before the tables existed looks like
            store.sql().execute("DROP TABLE credential_calls");
            store.sql().execute("DROP TABLE key_use");
            store.sql().update("DELETE FROM store_info WHERE key <> 'schema_version'");
            assertFalse(DerivedTables.isCurrent(store));
            assertTrue(Lineage.descendants(store, ALICE).node(OPS).isPresent());
        }
    }
}
