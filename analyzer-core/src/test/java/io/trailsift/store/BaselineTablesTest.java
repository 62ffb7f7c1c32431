package io.trailsift.store;

import io.trailsift.detect.BaselinesTest;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.trailsift.detect.BaselinesTest.A;
import static io.trailsift.detect.BaselinesTest.ALICE;
import static io.trailsift.detect.BaselinesTest.ALICE_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour baselines ingest keeps: grown run by run, they hold what a table taken in one go holds. */
class BaselineTablesTest {
    @TempDir
    Path dir;

    @Test
    void theBaselinesGrownRunByRunAreTheBaselinesTakenInOneGo() throws Exception {
        Path first = BaselinesTest.firstWeeks().write(dir.resolve("first.json"));
        Path second = BaselinesTest.later().write(dir.resolve("second.json"));
        try (EventStore store = EventStore.open(dir.resolve("store.duckdb"), StoreOptions.defaults())) {
            Stores.ingest(store, IngestOptions.defaults(List.of(first)));
            Stores.ingest(store, IngestOptions.defaults(List.of(first, second)));
            assertTrue(DerivedTables.isCurrent(store));
            List<String> grown = rows(store);
            List<String> origins = origins(store);
            DerivedTables.eventsChanged(store.sql());
            assertEquals(rows(store), grown, "the same rows computed from events");
            assertEquals(origins(store), origins);

            assertTrue(grown.contains("principal " + ALICE_ARN + " network 198.51.100.0/24 2026-05-01T09:00:00Z 10"), grown.toString());
            assertTrue(grown.contains("principal " + ALICE_ARN + " network 2001:db8:abcd:12::/64 2026-05-12T03:00:00Z 1"));
            assertTrue(grown.contains("principal " + ALICE_ARN + " client aws-cli linux 2026-05-01T09:00:00Z 13"));
            assertTrue(grown.contains("principal " + ALICE_ARN + " client aws-cli macos 2026-05-12T03:00:00Z 1"));
            assertTrue(grown.contains("credential " + ALICE + " api iam.amazonaws.com:ListUsers 2026-05-12T03:00:00Z 1"));
            // the session is folded to its role; the service's own AssumeRole is no habit of anyone's
            assertTrue(grown.contains("principal arn:aws:iam::" + A + ":role/worker ip 10.0.3.7 2026-05-03T10:00:01Z 1"));
            assertFalse(grown.stream().anyMatch(r -> r.contains("lambda.amazonaws.com")), grown.toString());
        }
    }

    private static List<String> rows(EventStore store) {
        return store.sql().query("SELECT scope || ' ' || subject || ' ' || aspect || ' ' || value || ' ' "
                + "|| strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ') || ' ' || events AS r FROM "
                + DerivedTables.relation(store, DerivedTables.Table.BEHAVIOUR) + " AS b ORDER BY ALL", r -> r.text("r"));
    }

    private static List<String> origins(EventStore store) {
        return store.sql().query("SELECT credential || ' ' || CAST(first_use AS VARCHAR) || ' ' || events AS r FROM "
                + DerivedTables.relation(store, DerivedTables.Table.SESSION_ORIGINS) + " AS o ORDER BY ALL", r -> r.text("r"));
    }
}
