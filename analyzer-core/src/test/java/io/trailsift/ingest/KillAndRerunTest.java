package io.trailsift.ingest;

import io.trailsift.store.DerivedTables;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;
import io.trailsift.testing.ChildRuns;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety: an ingest killed with SIGKILL (in a child JVM) at some point, then run again,
 * leaves exactly the store a clean run makes: no duplicates, no gaps.
 */
class KillAndRerunTest {
    @TempDir
    Path tmp;
    private Path input;

    /** Child process entry: ingests with small batches, announcing each commit, pausing after it. */
    public static void main(String[] args) throws Exception {
        try (EventStore store = EventStore.open(Path.of(args[0]), StoreOptions.defaults())) {
            IngestOptions options = IngestOptions.defaults(List.of(Path.of(args[1])))
                    .withBatchRows(Long.parseLong(args[2])).withParserThreads(2);
            new Ingest(store, options).run(new IngestListener() {
                @Override
                public void committed(IngestProgress p) {
                    System.out.println("committed " + p.eventsCommitted());
                    System.out.flush();
                    try {
                        Thread.sleep(150);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
    }

    @BeforeEach
    void corpus() throws Exception {
        input = tmp.resolve("in");
        for (int i = 0; i < 30; i++) {
            String name = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/o%02d.json.gz".formatted(i);
            // every object repeats 50 events of the one before it, like overlapping downloads
            List<String> records = new java.util.ArrayList<>(Records.events("k" + i, 450));
            if (i > 0) {
                records.addAll(Records.events("k" + (i - 1), 50));
            }
            Records.write(input.resolve(name), Records.gzip(Records.wrapper(records)));
        }
    }

    private List<String> content(Path db) throws Exception {
        return Stores.column(db, "SELECT event_id || '|' || event_name || '|' || event_time FROM events ORDER BY event_id");
    }

    @Test
    void killedRunsAreCompletedExactlyByTheNextRun() throws Exception {
        Path clean = tmp.resolve("clean.duckdb");
        Stores.ingest(clean, input);
        List<String> expected = content(clean);
        assertEquals(30 * 450, expected.size());

        // batches of 700 rows end in the middle of objects; kill during the batch after the
        // first commit, then again early in the rerun of the rerun, then finish
        Path db = tmp.resolve("killed.duckdb");
        for (int commitsBeforeKill : new int[] {1, 3}) {
            int seen = killAfterCommits(db, commitsBeforeKill, 700);
            assertEquals(commitsBeforeKill, seen, "the child must be killed mid-run for this test to mean anything");
            if (commitsBeforeKill == 1) {
                // batch 1 ended inside an object: its rows are in, its manifest row is not
                assertTrue(Stores.count(db, "SELECT count(*) FROM events WHERE object_id NOT IN (SELECT object_id FROM objects)") > 0);
            }
        }
        assertFalse(derivedTablesCurrent(db), "the killed runs' batches are not in the derived tables yet");
        IngestSummary rerun = Stores.ingest(db, input);
        assertTrue(rerun.alreadyIngested() > 0, "objects the killed runs committed are not read again");
        assertTrue(rerun.eventsRead() < 30 * 500, "the rerun only reads what was missing");
        assertEquals(expected, content(db));
        assertEquals(0, Stores.count(db, "SELECT count(*) FROM (SELECT event_id FROM events GROUP BY 1 HAVING count(*) > 1)"));
        assertEquals(30, Stores.count(db, "SELECT count(*) FROM objects WHERE status = 'ok'"));
        assertEquals(0, Stores.count(db, "SELECT count(*) FROM events WHERE object_id NOT IN (SELECT object_id FROM objects)"));
        assertTrue(derivedTablesCurrent(db));
        for (String derived : List.of(
                "SELECT event_id || '|' || coalesce(issued_access_key_id, '') FROM credential_calls ORDER BY 1",
                "SELECT access_key_id || '|' || sum(events) FROM key_use GROUP BY access_key_id ORDER BY 1")) {
            assertEquals(Stores.column(clean, derived), Stores.column(db, derived), derived);
        }
    }

    private static boolean derivedTablesCurrent(Path db) throws Exception {
        try (EventStore store = EventStore.openReadOnly(db)) {
            return DerivedTables.isCurrent(store);
        }
    }

    private int killAfterCommits(Path db, int commits, int batchRows) throws Exception {
        // 200 ms: into the next batch's transaction
        return ChildRuns.killAfter(tmp.resolve("child-tmp"), KillAndRerunTest.class, List.of(db.toString(), input.toString(), String.valueOf(batchRows)),
                "committed", commits, 200);
    }
}
