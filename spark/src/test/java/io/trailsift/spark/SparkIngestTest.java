package io.trailsift.spark;

import io.trailsift.event.EventFilter;
import io.trailsift.ingest.IngestOptions;
import io.trailsift.ingest.IngestSummary;
import io.trailsift.store.ConflictingCopies;
import io.trailsift.store.DerivedTables;
import io.trailsift.testing.Lakes;
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job writes the lake the CLI writes: for sample-logs and every shared dataset, the lake
 * of the job, the lake of the CLI (one parser thread: the copy of a repeated event it keeps is the
 * first read, the job's rule) and a store hold the same events, every column compared, object ids
 * included (the job numbers objects in the CLI's reading order) and each event's object by path
 * too; the same manifest, disputed ids and summary. All read back through DuckDB, engine-neutral.
 * Reruns are incremental whichever engine wrote the lake before. One local[2] session for all.
 */
class SparkIngestTest {
    private static final String EVENTS = "SELECT * FROM events";
    private static final String EVENT_CONTENT = "SELECT * EXCLUDE (object_id) FROM events";
    private static final String OBJECTS = "SELECT object_id, path, sha256, kind, records, status, error, filter FROM objects";
    private static final String CONFLICTS = "SELECT event_id, object_id FROM event_conflicts";
    /** A log object of sample-logs whose events no other object repeats. */
    private static final String LATER_OBJECT = "AWSLogs/o-a1b2c3d4e5/123456789012/CloudTrail/eu-west-1/2026/05/20/"
            + "123456789012_CloudTrail_eu-west-1_20260520T0025Z_DdYdUbUxEvTPKpB9.json.gz";

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() throws IOException {
        spark.close();
    }

    @Test
    void sampleLogs() throws Exception {
        sameAnswers(sampleLogsFolder());
    }

    @TestFactory
    Stream<DynamicTest> sharedDatasets() throws IOException {
        List<Path> datasets = SharedData.allDatasets();
        Assumptions.assumeFalse(datasets.isEmpty(), "../shared/datasets is not present (only in the project's workspace)");
        return datasets.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> sameAnswers(d)));
    }

    private void sameAnswers(Path input) throws Exception {
        String name = input.getFileName().toString();
        Path db = tmp.resolve(name + ".duckdb");
        Path cliLake = tmp.resolve(name + "-cli");
        Path sparkLake = tmp.resolve(name + "-spark");
        Stores.ingest(db, SparkIngestTest::oneThread, input);
        IngestSummary cli = Lakes.ingest(cliLake, SparkIngestTest::oneThread, input);
        IngestSummary job = SparkIngest.ingest(spark, List.of(input.toString()), sparkLake.toString());

        List<String> events = Lakes.storeRows(db, EVENTS);
        Assumptions.assumeFalse(events.isEmpty(), input + " holds no events");
        assertEquals(events, Lakes.lakeRows(cliLake, EVENTS));
        assertEquals(events, Lakes.lakeRows(sparkLake, EVENTS));
        assertEquals(Lakes.storeRows(db, Lakes.EVENTS_WITH_OBJECTS), Lakes.lakeRows(sparkLake, Lakes.EVENTS_WITH_OBJECTS));
        assertEquals(Lakes.storeRows(db, OBJECTS), Lakes.lakeRows(sparkLake, OBJECTS));
        assertEquals(Lakes.lakeRows(cliLake, OBJECTS), Lakes.lakeRows(sparkLake, OBJECTS));
        assertEquals(Lakes.storeRows(db, CONFLICTS), Lakes.lakeRows(sparkLake, CONFLICTS));
        assertEquals(Lakes.lakeRows(cliLake, CONFLICTS), Lakes.lakeRows(sparkLake, CONFLICTS));
        assertSameRun(cli, job);
        assertSameLookupTables(cliLake, sparkLake);
        try (Stream<Path> files = Files.walk(sparkLake)) {
            assertEquals(List.of(), files.map(f -> sparkLake.relativize(f).toString())
                    .filter(f -> f.endsWith(".tmp") || f.endsWith(".crc") || (f.startsWith("events/") && f.endsWith(".parquet")
                            && !f.matches("events/account_id=[^/]+/event_date=[^/]+/part-[0-9a-f]{8}s[0-9]+-[0-9]+\\.parquet")))
                    .toList(), "only committed files, named as the CLI names them");
        }
    }

    @Test
    void rerunsAreIncrementalWhicheverEngineWroteTheLake() throws Exception {
        Path input = tmp.resolve("evidence");
        copyTree(sampleLogsFolder(), input);
        Path later = tmp.resolve("later.json.gz");
        Files.move(input.resolve(LATER_OBJECT), later);
        Path full = tmp.resolve("full.duckdb");
        Path lake = tmp.resolve("spark-first");
        Path cliFirst = tmp.resolve("cli-first");

        assertEquals(1, SparkIngest.run(spark, new String[]{input.toString(), "--lake", lake.toString()}),
                "sample-logs hold a truncated object: exit 1, as the CLI");
        List<String> before = Lakes.lakeRows(lake, EVENT_CONTENT);
        List<String> behaviour = Lakes.lakeRows(lake, "SELECT * FROM behaviour");
        // a lake whose lookup tables are not those of its events (taken by an older run, or never): a run that adds nothing takes them
        Files.delete(lake.resolve("derived/generation"));
        IngestSummary again = SparkIngest.ingest(spark, List.of(input.toString()), lake.toString());
        assertEquals(0, again.eventsRead());
        assertEquals(0, again.eventsStored());
        assertEquals(again.objects(), again.skippedObjects(), "every object skipped: " + again.toJson());
        assertEquals(before, Lakes.lakeRows(lake, EVENT_CONTENT));
        assertFalse(again.damagedObjects().isEmpty(), "the truncated object is still reported, as an earlier run's");
        assertEquals(behaviour, Lakes.lakeRows(lake, "SELECT * FROM behaviour"), "the lookup tables are current again");

        assertEquals(0, Lakes.ingest(lake, SparkIngestTest::oneThread, input).eventsStored(), "the CLI adds nothing to the job's lake of the same objects");
        Lakes.ingest(cliFirst, SparkIngestTest::oneThread, input);

        Files.move(later, input.resolve(LATER_OBJECT));
        Stores.ingest(full, SparkIngestTest::oneThread, input);
        List<String> all = Lakes.storeRows(full, EVENT_CONTENT);
        IngestSummary added = SparkIngest.ingest(spark, List.of(input.toString()), lake.toString());
        assertEquals(1, added.objects() - added.skippedObjects(), "only the new object is read: " + added.toJson());
        assertTrue(added.eventsStored() > 0);
        assertEquals(all.size() - before.size(), added.eventsStored());
        assertEquals(all, Lakes.lakeRows(lake, EVENT_CONTENT));
        assertEquals(Lakes.storeRows(full, "SELECT event_id FROM event_conflicts"), Lakes.lakeRows(lake, "SELECT event_id FROM event_conflicts"));

        // the job adds to a lake the CLI wrote without a duplicate, and takes its lookup tables again
        assertEquals(added.eventsStored(), SparkIngest.ingest(spark, List.of(input.toString()), cliFirst.toString()).eventsStored());
        assertEquals(all, Lakes.lakeRows(cliFirst, EVENT_CONTENT));
        assertSameLookupTables(lake, cliFirst);
    }

    @Test
    void aNarrowedRunKeepsWhatTheClisKeepsAndOpensOnlyTheObjectsItWould() throws Exception {
        String[] narrowing = {"--since", "2026-05-21T12:00:00Z", "--account", "123456789012", "--region", "us-east-1,eu-west-1"};
        EventFilter scope = EventFilter.of(Optional.of(Instant.parse("2026-05-21T12:00:00Z")), Optional.empty(),
                Set.of("123456789012"), Set.of("us-east-1", "eu-west-1"));
        Path cliLake = tmp.resolve("narrow-cli");
        Path sparkLake = tmp.resolve("narrow-spark");
        IngestSummary cli = Lakes.ingest(cliLake, o -> oneThread(o).narrowedTo(scope), sampleLogsFolder());
        String[] args = Stream.concat(Stream.of(sampleLogsFolder().toString(), "--lake", sparkLake.toString()),
                Stream.of(narrowing)).toArray(String[]::new);
        assertEquals(1, SparkIngest.run(spark, args), "the truncated object is in scope: exit 1");

        List<String> events = Lakes.lakeRows(cliLake, EVENTS);
        assertFalse(events.isEmpty());
        assertEquals(events, Lakes.lakeRows(sparkLake, EVENTS));
        assertEquals(List.of("123456789012"), Lakes.lakeRows(sparkLake,
                "SELECT DISTINCT coalesce(recipient_account_id, account_id) FROM events"), "the filter's account: recipient, else caller");
        assertEquals(List.of(), Lakes.lakeRows(sparkLake, "SELECT event_id FROM events WHERE event_time < TIMESTAMPTZ "
                + "'2026-05-21 12:00:00+00' OR aws_region NOT IN ('us-east-1', 'eu-west-1')"));
        assertEquals(Lakes.lakeRows(cliLake, OBJECTS), Lakes.lakeRows(sparkLake, OBJECTS), "same manifest, filter noted");
        assertTrue(cli.skippedObjects() > 0, "objects outside the days, account and regions are skipped: " + cli.toJson());
        assertSameRun(cli, SparkIngest.ingest(spark, List.of(sampleLogsFolder().toString()), tmp.resolve("again").toString(), scope));

        // the same run again adds nothing; one without the filter reads the narrowed objects again, as the CLI does
        assertEquals(0, SparkIngest.ingest(spark, List.of(sampleLogsFolder().toString()), sparkLake.toString(), scope).eventsStored());
        Path db = tmp.resolve("all.duckdb");
        Stores.ingest(db, SparkIngestTest::oneThread, sampleLogsFolder());
        SparkIngest.ingest(spark, List.of(sampleLogsFolder().toString()), sparkLake.toString());
        assertEquals(Lakes.storeRows(db, EVENT_CONTENT), Lakes.lakeRows(sparkLake, EVENT_CONTENT));
    }

    @Test
    void aLakeWithoutEventsHasTheClisEmptyLookupTables() throws Exception {
        Path input = tmp.resolve("no-events");
        Files.createDirectories(input);
        Files.writeString(input.resolve("notes.json"), "{\"not\": \"CloudTrail\"}");
        Lakes.ingest(tmp.resolve("empty-cli"), SparkIngestTest::oneThread, input);
        SparkIngest.ingest(spark, List.of(input.toString()), tmp.resolve("empty-spark").toString());
        assertEquals(List.of(), Lakes.lakeRows(tmp.resolve("empty-spark"), "SELECT * FROM behaviour"));
        assertSameLookupTables(tmp.resolve("empty-cli"), tmp.resolve("empty-spark"));
    }

    @Test
    void theLeastOfStructsIsDuckDbsWhenAFieldIsNull() {
        // session_origins keeps a credential's earliest call as min() of a struct; calls of the same second tie on the time
        spark.sql("SELECT * FROM VALUES (1, CAST(NULL AS STRING)), (1, 'a') AS v(t, x)").createOrReplaceTempView("tied");
        Row r = spark.sql(SparkDialect.translate("SELECT min({'t': t, 'x': x}).x AS least, max({'t': t, 'x': x}).x AS most FROM tied"))
                .first();
        assertEquals("a", r.getString(0), "DuckDB orders a NULL field after every value");
        assertTrue(r.isNullAt(1));
    }

    @Test
    void aUsageErrorExitsTwo() {
        assertEquals(2, SparkIngest.run(spark, new String[]{}));
        assertEquals(2, SparkIngest.run(spark, new String[]{tmp.toString()}));
        assertEquals(2, SparkIngest.run(spark, new String[]{tmp.resolve("no-such").toString(), "--lake", tmp.resolve("l").toString()}));
        assertEquals(2, SparkIngest.run(spark, new String[]{sampleLogsFolder().toString(), "--lake", tmp.resolve("l").toString(),
                "--account", "12345"}), "an account id that is not one");
        assertEquals(2, SparkIngest.run(spark, new String[]{sampleLogsFolder().toString(), "--lake", tmp.resolve("l").toString(),
                "--since", "yesterday"}), "a time that is not one");
        assertFalse(Files.exists(tmp.resolve("l")), "nothing written on a usage error");
    }

    /**
     * The lake's {@code derived/} is current (DuckDB's lake views read its files only then) and
     * holds the expected lake's lookup tables: the same columns and types as DuckDB reads them, and
     * the same rows. The tables hold no object ids, so two lakes of the same events compare.
     */
    private static void assertSameLookupTables(Path expected, Path lake) {
        String derivedViews = "SELECT view_name FROM duckdb_views() WHERE NOT internal";
        assertEquals(Lakes.lakeRows(expected, derivedViews), Lakes.lakeRows(lake, derivedViews));
        for (String table : DerivedTables.names()) {
            assertTrue(Lakes.lakeRows(lake, derivedViews).contains(table), table + " is read from derived/");
            String columns = "SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * FROM " + table + ")";
            assertEquals(Lakes.lakeRows(expected, columns), Lakes.lakeRows(lake, columns), table + "'s columns");
            List<String> rows = Lakes.lakeRows(expected, "SELECT * FROM " + table);
            assertEquals(rows, Lakes.lakeRows(lake, "SELECT * FROM " + table), table + "'s rows");
        }
    }

    /** The job's summary says what the CLI's says (but the time). */
    private static void assertSameRun(IngestSummary cli, IngestSummary job) {
        assertEquals(cli.objects(), job.objects(), "objects");
        assertEquals(cli.eventsRead(), job.eventsRead(), "events read");
        assertEquals(cli.eventsStored(), job.eventsStored(), "events stored");
        assertEquals(cli.damagedObjects(), job.damagedObjects(), "damaged objects");
        assertEquals(cli.notRead(), job.notRead(), "objects not read");
        assertEquals(cli.skippedObjects(), job.skippedObjects(), "objects skipped");
        assertEquals(cli.alreadyIngested(), job.alreadyIngested(), "objects already ingested");
        assertEquals(cli.conflicts().stream().map(ConflictingCopies::eventId).toList(),
                job.conflicts().stream().map(ConflictingCopies::eventId).toList(), "disputed ids");
    }

    private static IngestOptions oneThread(IngestOptions o) {
        return o.withParserThreads(1);
    }

    private static Path sampleLogsFolder() {
        return Path.of("").toAbsolutePath().getParent().resolve("sample-logs");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
