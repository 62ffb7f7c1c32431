package io.trailsift.lake;

import io.trailsift.Case;
import io.trailsift.detect.FindingJson;
import io.trailsift.detect.HuntResult;
import io.trailsift.detect.Rule;
import io.trailsift.store.DerivedTables;
import io.trailsift.store.StoreOptions;
import io.trailsift.testing.Lakes;
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store and the lake written from the same evidence are the same evidence: every column of
 * every event (its object named by path), the manifest, and the findings of every shipped rule;
 * the lookup tables; a store exported as a lake and a lake's slice copied into a store too. One parser thread, so
 * that which copy of a repeated event is kept (the first read) is the same on both sides.
 */
class LakeSameAnswersTest {
    private static final String OBJECTS = "SELECT path, sha256, kind, records, status, error, filter FROM objects";
    private static final List<Rule> RULES = Case.rules(Optional.empty()).rules();

    @TempDir
    Path tmp;

    @Test
    void sampleLogs() throws Exception {
        Path samples = Path.of("").toAbsolutePath().getParent().resolve("sample-logs");
        Path db = tmp.resolve("store.duckdb");
        Path lake = tmp.resolve("lake");
        sameAnswers(samples, db, lake);

        // a commit without its call counts (a lake of an older trailsift): the tables are taken from the events
        try (var counts = Files.list(lake.resolve("call_counts"))) {
            Files.delete(counts.sorted().findFirst().orElseThrow());
        }
        Files.delete(lake.resolve("derived/generation"));
        Lakes.ingest(lake, o -> o.withParserThreads(1), samples);
        sameLookupTables(db, lake);

        Path exported = tmp.resolve("exported");
        String stored = Lakes.storeRows(db, "SELECT count(*) FROM events").get(0);
        try (Case c = Case.openReadOnly(db)) {
            assertEquals(stored, String.valueOf(c.exportLake(exported)));
        }
        assertEquals(Lakes.storeRows(db, Lakes.EVENTS_WITH_OBJECTS), Lakes.lakeRows(exported, Lakes.EVENTS_WITH_OBJECTS));
        assertEquals(Lakes.storeRows(db, OBJECTS), Lakes.lakeRows(exported, OBJECTS));

        String slice = " WHERE account_id = '123456789012' AND event_time >= TIMESTAMP '2026-05-21 00:00:00'";
        Path pulled = tmp.resolve("pulled.duckdb");
        try (Case c = Case.open(pulled, StoreOptions.defaults())) {
            long copied = c.ingestFromLake(lake, Optional.of("123456789012"), Optional.of(java.time.Instant.parse("2026-05-21T00:00:00Z")),
                    Optional.empty());
            assertTrue(copied > 1000, copied + " events copied");
            assertEquals(0, c.ingestFromLake(lake, Optional.of("123456789012"),
                    Optional.of(java.time.Instant.parse("2026-05-21T00:00:00Z")), Optional.empty()), "the same slice twice adds nothing");
        }
        assertEquals(Lakes.storeRows(db, Lakes.EVENTS_WITH_OBJECTS + slice), Lakes.storeRows(pulled, Lakes.EVENTS_WITH_OBJECTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws-attack-chain-lab", "datadog-export-stratus-2022", "otrf-mordor-ec2-proxy-s3-exfil",
        "permiso-console-sessions", "stratus-red-team-detonations"})
    void sharedDataset(String name) throws Exception {
        sameAnswers(SharedData.dataset(name), tmp.resolve(name + ".duckdb"), tmp.resolve(name));
    }

    private static void sameAnswers(Path input, Path db, Path lake) throws Exception {
        Stores.ingest(db, o -> o.withParserThreads(1), input);
        Lakes.ingest(lake, o -> o.withParserThreads(1), input);
        List<String> events = Lakes.storeRows(db, Lakes.EVENTS_WITH_OBJECTS);
        Assumptions.assumeFalse(events.isEmpty(), input + " holds no events");
        assertEquals(events, Lakes.lakeRows(lake, Lakes.EVENTS_WITH_OBJECTS));
        assertEquals(Lakes.storeRows(db, OBJECTS), Lakes.lakeRows(lake, OBJECTS));
        assertEquals(Lakes.storeRows(db, "SELECT event_id, object_path FROM (SELECT c.event_id, o.path AS object_path "
                + "FROM event_conflicts c JOIN objects o USING (object_id))"), Lakes.lakeRows(lake,
                "SELECT event_id, object_path FROM (SELECT c.event_id, o.path AS object_path FROM event_conflicts c JOIN objects o USING (object_id))"));
        // the lake's lookup tables are taken from its writers' call counts, the store's from its events
        sameLookupTables(db, lake);
        List<String> storeFindings = findings(Case.openReadOnly(db));
        assertFalse(storeFindings.isEmpty() && input.endsWith("sample-logs"), "sample-logs hold the sample attack");
        assertEquals(storeFindings, findings(Case.openLake(lake, StoreOptions.defaults())));
    }

    private static void sameLookupTables(Path db, Path lake) {
        // (Parquet has no HUGEINT: DuckDB writes the behaviour table's sums of counts as DOUBLE)
        for (String table : DerivedTables.names()) {
            String rows = "SELECT * " + (table.equals("credential_calls") ? "" : "REPLACE (CAST(events AS BIGINT) AS events) ")
                    + "FROM " + table;
            assertEquals(Lakes.storeRows(db, rows), Lakes.lakeRows(lake, rows), table);
        }
    }

    /** Every finding as its JSON values, sorted. */
    private static List<String> findings(Case c) {
        try (c) {
            HuntResult result = c.hunt(RULES);
            assertEquals(List.of(), result.problems());
            return result.findings().stream().map(FindingJson::values).map(Object::toString).sorted().collect(Collectors.toList());
        }
    }

}
