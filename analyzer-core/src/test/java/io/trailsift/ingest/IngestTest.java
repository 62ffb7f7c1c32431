package io.trailsift.ingest;

import io.trailsift.event.EventFilter;
import io.trailsift.ingest.IngestSummary.DamagedObject;
import io.trailsift.store.EventStore;
import io.trailsift.store.StoreOptions;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestTest {
    @TempDir
    Path tmp;

    private static final String PREFIX = "AWSLogs/o-abc123/123456789012/CloudTrail/us-east-1/2026/05/21/";

    private Path object(Path root, String name, List<String> records) throws Exception {
        return Records.write(root.resolve(PREFIX + name), Records.gzip(Records.wrapper(records)));
    }

    private DamagedObject damagedEnding(IngestSummary s, String suffix) {
        return s.damagedObjects().stream().filter(d -> d.path().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new AssertionError("no damaged object ending " + suffix + " in " + s.damagedObjects()));
    }

    @Test
    void overlappingCopiesAreStoredOnceAndARerunReadsNothing() throws Exception {
        Path in = tmp.resolve("in");
        object(in, "123456789012_CloudTrail_us-east-1_20260521T0000Z_a.json.gz", Records.events("a", 50));
        object(in, "123456789012_CloudTrail_us-east-1_20260521T0005Z_b.json.gz", Records.events("b", 30));
        // the same folder downloaded twice, and one object unzipped by hand under a gz-less name
        object(in.resolve("copy"), "123456789012_CloudTrail_us-east-1_20260521T0000Z_a.json.gz", Records.events("a", 50));
        Records.write(in.resolve("hand/unzipped.json"), Records.wrapper(Records.events("b", 30)));
        // a different object that repeats some events (lookup-events dumps do this)
        Records.write(in.resolve("lookup.json"), "{\"Events\":[{\"CloudTrailEvent\":"
                + quote(Records.event("a-3", "2026-05-21T00:00:03Z", "ListUsers")) + "}]}");
        Path db = tmp.resolve("t.duckdb");

        IngestSummary first = Stores.ingest(db, in);
        assertEquals(5, first.objects());
        assertEquals(80, first.eventsStored());
        assertEquals(111, first.eventsRead(), "copy a is skipped by content; unzipped b and lookup are read");
        assertEquals(31, first.duplicates());
        assertEquals(1, first.alreadyIngested());
        assertTrue(first.damagedObjects().isEmpty(), first.damagedObjects().toString());
        assertEquals(80, Stores.count(db, "SELECT count(DISTINCT event_id) FROM events"));
        assertEquals(List.of("log", "log", "log", "lookup-events"),
                Stores.column(db, "SELECT kind FROM objects ORDER BY kind"));

        IngestSummary again = Stores.ingest(db, in);
        assertEquals(0, again.eventsRead());
        assertEquals(0, again.eventsStored());
        assertEquals(5, again.alreadyIngested());
        assertEquals(80, Stores.count(db, "SELECT count(*) FROM events"));

        // a later download overlapping the earlier one stores only what is new
        Path later = tmp.resolve("later");
        object(later, "123456789012_CloudTrail_us-east-1_20260521T0010Z_c.json.gz", Records.events("b", 40));
        IngestSummary third = Stores.ingest(db, later);
        assertEquals(40, third.eventsRead());
        assertEquals(10, third.eventsStored());
        assertEquals(90, Stores.count(db, "SELECT count(*) FROM events"));
    }

    @Test
    void oneStoreTakesSeveralRuns() throws Exception {
        Path db = tmp.resolve("t.duckdb");
        try (EventStore store = EventStore.open(db, StoreOptions.defaults())) {
            for (String prefix : List.of("p", "q")) {
                Path in = object(tmp.resolve(prefix), prefix + ".json.gz", Records.events(prefix, 10));
                assertEquals(10, Stores.ingest(store, IngestOptions.defaults(List.of(in))).eventsStored());
            }
            assertEquals(20, store.eventCount());
        }
    }

    /**
     * Duplicates in the first batch of an empty store, in later batches, and in a later run are
     * all removed (each path plans its dedupe differently).
     */
    @Test
    void duplicatesAreRemovedInEveryBatchAndRun() throws Exception {
        Path in = tmp.resolve("in");
        // 300 events, then the same 300 (in another order: another object) in batches of 100 rows
        object(in, "123456789012_CloudTrail_us-east-1_20260521T0000Z_a.json.gz", Records.events("d", 300));
        List<String> again = new java.util.ArrayList<>(Records.events("d", 300));
        java.util.Collections.reverse(again);
        object(in, "123456789012_CloudTrail_us-east-1_20260521T0005Z_b.json.gz", again);
        Path db = tmp.resolve("t.duckdb");
        String fromA = "SELECT count(*) FROM events JOIN objects USING (object_id) WHERE path LIKE '%_a.json.gz'";

        IngestSummary first = Stores.ingest(db, o -> o.withBatchRows(100).withParserThreads(1), in);
        assertEquals(300, first.eventsStored());
        assertEquals(300, Stores.count(db, "SELECT count(DISTINCT event_id) FROM events"));
        assertEquals(300, Stores.count(db, fromA), "the oldest object's copy is kept");

        Path later = tmp.resolve("later");
        object(later, "123456789012_CloudTrail_us-east-1_20260521T0010Z_c.json.gz", Records.events("d", 350));
        IngestSummary second = Stores.ingest(db, o -> o.withBatchRows(100), later);
        assertEquals(50, second.eventsStored());
        assertEquals(350, Stores.count(db, "SELECT count(*) FROM events"));
        assertEquals(300, Stores.count(db, fromA));
        assertEquals(List.of(), second.conflicts());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void storedValuesMatchTheRecord() throws Exception {
        Path in = tmp.resolve("in");
        object(in, "x.json.gz", List.of(Records.event("e-1", "2026-05-21T12:11:58Z", "CreateAccessKey")));
        Path db = tmp.resolve("t.duckdb");
        Stores.ingest(db, in);
        assertEquals(List.of("e-1|2026-05-21 12:11:58|iam.amazonaws.com|CreateAccessKey|IAMUser|AKIAEXAMPLEKEY00001|app|target-user|false|true|TLSv1.3"),
                Stores.column(db, "SELECT concat_ws('|', event_id, event_time, event_source, event_name, identity_type, "
                        + "access_key_id, user_name, target_user_name, read_only, management_event, tls_details->>'$.tlsVersion') FROM events"));
        assertEquals(List.of("123456789012|us-east-1|" + PREFIX.length()),
                Stores.column(db, "SELECT concat_ws('|', recipient_account_id, aws_region, strpos(o.path, 'x.json.gz') - strpos(o.path, 'AWSLogs')) "
                        + "FROM events e JOIN objects o USING (object_id)"));
    }

    @Test
    void damagedInputsAreReportedAndEverythingBeforeTheDamageIsKept() throws Exception {
        Path in = tmp.resolve("in");
        byte[] gz = Records.gzip(Records.wrapper(Records.events("tg", 100)));
        Records.write(in.resolve("truncated.json.gz"), Arrays.copyOf(gz, gz.length * 2 / 3));
        String full = Records.wrapper(Records.events("cut", 10));
        Records.write(in.resolve("cut.json"), full.substring(0, full.indexOf("\"cut-7\"")));
        String syntax = Records.wrapper(Records.events("syn", 4)).replaceFirst("\\},\\{\"eventVersion\"", "}{\"eventVersion\"");
        Records.write(in.resolve("syntax.json"), syntax);
        List<String> withScalar = new ArrayList<>(Records.events("sc", 3));
        withScalar.add(1, "\"just a string\"");
        Records.write(in.resolve("scalar.json"), Records.wrapper(withScalar));
        Records.write(in.resolve("empty.json.gz"), new byte[0]);
        Records.write(in.resolve("AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/05/21/d.json.gz"),
                Records.gzip("{\"awsAccountId\":\"123456789012\",\"digestStartTime\":\"2026-05-21T00:00:00Z\",\"logFiles\":[]}"));
        Records.write(in.resolve("manifest.json"), "{\"files\":[\"a\",\"b\"],\"version\":1}");
        Records.write(in.resolve("notes.csv"), "eventID,eventName\n1,ListUsers\n");
        Path db = tmp.resolve("t.duckdb");

        IngestSummary s = Stores.ingest(db, in);

        assertTrue(damagedEnding(s, "truncated.json.gz").reason().contains("EOFException"), s.damagedObjects().toString());
        long truncatedKept = damagedEnding(s, "truncated.json.gz").recordsRecovered();
        assertTrue(truncatedKept > 0 && truncatedKept < 100, "records before the cut: " + truncatedKept);
        assertEquals(7, damagedEnding(s, "cut.json").recordsRecovered());
        assertEquals(1, damagedEnding(s, "syntax.json").recordsRecovered());
        assertTrue(damagedEnding(s, "syntax.json").reason().contains("byte"), damagedEnding(s, "syntax.json").reason());
        assertEquals(3, damagedEnding(s, "scalar.json").recordsRecovered());
        assertTrue(damagedEnding(s, "scalar.json").reason().contains("record 1"));
        assertTrue(damagedEnding(s, "empty.json.gz").reason().contains("empty"));
        assertEquals(5, s.damagedObjects().size(), s.damagedObjects().toString());
        assertEquals(3, s.skippedObjects(), "digest, manifest and csv");
        assertEquals(truncatedKept + 7 + 1 + 3, Stores.count(db, "SELECT count(*) FROM events"));
        assertEquals(List.of("cut-0", "cut-1", "cut-2", "cut-3", "cut-4", "cut-5", "cut-6"),
                Stores.column(db, "SELECT event_id FROM events WHERE event_id LIKE 'cut-%' ORDER BY event_time"));
        assertEquals(List.of("digest|skipped", "other|skipped", "other|skipped"),
                Stores.column(db, "SELECT kind || '|' || status FROM objects WHERE status = 'skipped' ORDER BY kind"));
        assertEquals(5, Stores.count(db, "SELECT count(*) FROM objects WHERE status = 'damaged' AND error IS NOT NULL"));

        // A rerun still tells the responder which inputs are damaged, without reading them again.
        IngestSummary again = Stores.ingest(db, in);
        assertEquals(0, again.eventsRead());
        assertEquals(5, again.damagedObjects().size());
        assertEquals(7, damagedEnding(again, "cut.json").recordsRecovered());
    }

    @Test
    void aHugeRecordIsReportedAndTheRecordsAroundItAreKept() throws Exception {
        Path file = tmp.resolve("in/huge.json");
        Files.createDirectories(file.getParent());
        List<String> around = Records.events("h", 2);
        String huge = Records.event("huge", "2026-05-21T00:00:00Z", "PutUserPolicy");
        String params = "{\"userName\":\"target-user\"}";
        int cut = huge.indexOf(params);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("{\"Records\":[" + around.get(0) + "," + huge.substring(0, cut) + "{\"policyDocument\":\"")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                out.write(chunk); // a 200 MB policy document
            }
            out.write(("\"}" + huge.substring(cut + params.length()) + "," + around.get(1) + "]}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path db = tmp.resolve("t.duckdb");
        IngestSummary s = Stores.ingest(db, file);
        assertEquals(List.of("h-0", "h-1"), Stores.column(db, "SELECT event_id FROM events ORDER BY event_id"));
        assertTrue(damagedEnding(s, "huge.json").reason().contains("larger than"), s.damagedObjects().toString());
        assertEquals(2, damagedEnding(s, "huge.json").recordsRecovered());
    }

    @Test
    void objectsOutsideThePathWindowAreNotOpenedButRecordsAreFilteredByTime() throws Exception {
        Path in = tmp.resolve("in");
        String base = "AWSLogs/123456789012/CloudTrail/%s/2026/05/%s/x_%s.json.gz";
        // days outside the window hold garbage: if they were opened they would be reported damaged
        Records.write(in.resolve(base.formatted("us-east-1", "10", "old")), new byte[] {0x1f, (byte) 0x8b, 1, 2});
        Records.write(in.resolve(base.formatted("us-east-1", "30", "new")), new byte[] {0x1f, (byte) 0x8b, 1, 2});
        Records.write(in.resolve(base.formatted("eu-west-1", "21", "region")), new byte[] {0x1f, (byte) 0x8b, 1, 2});
        // day 20 is inside the one-day margin; it holds events from before --since
        Records.write(in.resolve(base.formatted("us-east-1", "20", "edge")), Records.gzip(Records.wrapper(Records.events("e", 5))));
        Path db = tmp.resolve("t.duckdb");
        IngestSummary s = Stores.ingest(db, o -> o.narrowedTo(EventFilter.of(Optional.of(Instant.parse("2026-05-21T00:00:02Z")),
                Optional.of(Instant.parse("2026-05-22T00:00:00Z")), Set.of(), Set.of("us-east-1"))), in);
        assertTrue(s.damagedObjects().isEmpty(), s.damagedObjects().toString());
        assertEquals(3, s.skippedObjects());
        assertEquals(List.of("e-2", "e-3", "e-4"), Stores.column(db, "SELECT event_id FROM events ORDER BY event_id"));

        // the same object read later without a filter gives the rest
        IngestSummary wider = Stores.ingest(db, in.resolve("AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/20"));
        assertEquals(2, wider.eventsStored());
    }
}
