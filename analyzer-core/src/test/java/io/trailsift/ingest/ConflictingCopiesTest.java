package io.trailsift.ingest;

import io.trailsift.store.ConflictingCopies;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Copies of one eventID are one event only when their content is the same; copies that differ are
 * all kept and listed, whichever object comes first, in one run or over several.
 */
class ConflictingCopiesTest {
    private static final String PREFIX = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/";

    @TempDir
    Path tmp;

    private Path object(Path dir, String name, List<String> records) throws Exception {
        return Records.write(dir.resolve(PREFIX + name), Records.gzip(Records.wrapper(records)));
    }

    @Test
    void aPlantedCopyThatSortsFirstHidesNothing() throws Exception {
        Path in = tmp.resolve("in");
        List<String> genuine = List.of(Records.event("e-1", "2026-05-21T12:14:05Z", "CreateUser"),
                Records.event("e-2", "2026-05-21T12:14:31Z", "CreateAccessKey"),
                Records.event("e-3", "2026-05-21T12:15:00Z", "ListUsers"));
        object(in, "b-genuine.json.gz", genuine);
        // same ids, harmless content; sorts first, so it is read first and gets the lower object id
        object(in, "a-planted.json.gz", List.of(Records.event("e-1", "2026-05-20T00:00:00Z", "GetCallerIdentity"),
                Records.event("e-2", "2026-05-20T00:00:01Z", "GetCallerIdentity"), genuine.get(2)));
        Path db = tmp.resolve("t.duckdb");

        IngestSummary s = Stores.ingest(db, o -> o.withParserThreads(1), in);

        assertEquals(6, s.eventsRead());
        assertEquals(5, s.eventsStored(), "e-3's copies are the same event; e-1 and e-2 keep both copies");
        assertEquals(List.of("e-1", "e-2"), s.conflicts().stream().map(ConflictingCopies::eventId).toList());
        for (ConflictingCopies c : s.conflicts()) {
            assertEquals(2, c.objects().size());
            assertEquals(true, c.objects().get(0).endsWith("a-planted.json.gz") && c.objects().get(1).endsWith("b-genuine.json.gz"),
                    c.objects().toString());
        }
        assertEquals(List.of("CreateAccessKey", "CreateUser"), Stores.column(db,
                "SELECT event_name FROM events WHERE event_name <> 'GetCallerIdentity' AND event_id IN ('e-1', 'e-2') ORDER BY 1"));
        assertEquals(4, Stores.count(db, "SELECT count(*) FROM event_conflicts"));
        assertEquals(true, s.toJson().contains("\"conflicts\":[{\"event_id\":\"e-1\",\"objects\":["), s.toJson());
    }

    @Test
    void aLaterRunAddsItsDifferingCopyAndIdenticalOnesStayOne() throws Exception {
        Path db = tmp.resolve("t.duckdb");
        Stores.ingest(db, object(tmp.resolve("first"), "a.json.gz", List.of(Records.event("e-1", "2026-05-21T12:14:05Z", "CreateUser"))));

        IngestSummary same = Stores.ingest(db, object(tmp.resolve("second"), "b.json.gz",
                List.of(Records.event("e-1", "2026-05-21T12:14:05Z", "CreateUser"), Records.event("e-9", "2026-05-21T13:00:00Z", "ListUsers"))));
        assertEquals(1, same.eventsStored());
        assertEquals(List.of(), same.conflicts());

        IngestSummary differing = Stores.ingest(db, object(tmp.resolve("third"), "c.json.gz",
                List.of(Records.event("e-1", "2026-05-21T12:14:05Z", "DeleteUser"))));
        assertEquals(1, differing.eventsStored());
        assertEquals(1, differing.conflicts().size());
        assertEquals(2, differing.conflicts().get(0).objects().size(), "the copies that differ, not the identical one");
        assertEquals(3, Stores.count(db, "SELECT count(*) FROM events"));
    }
}
