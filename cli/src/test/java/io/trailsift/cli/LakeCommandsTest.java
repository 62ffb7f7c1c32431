package io.trailsift.cli;

import io.trailsift.lineage.LineageScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands on a Parquet lake: ingest --lake, --lake on a query, export, ingest --from-lake, and their refusals. */
class LakeCommandsTest {
    @TempDir
    Path dir;

    @Test
    void aLakeIsWrittenQueriedExportedAndSliced() throws Exception {
        Path logs = dir.resolve("logs.json");
        LineageScenario.records().write(logs);
        String lake = dir.resolve("lake").toString();
        CliRun ingest = CliRun.of("ingest", logs.toString(), "--lake", lake, "--json");
        assertEquals(0, ingest.exit(), ingest.err());
        long stored = Long.parseLong(ingest.out().replaceAll("(?s).*\"events_stored\":(\\d+).*", "$1"));
        assertTrue(stored > 0, ingest.out());
        try (Stream<Path> files = Files.walk(dir.resolve("lake").resolve("events"))) {
            assertTrue(files.anyMatch(p -> p.toString().matches(".*/account_id=\\d{12}/event_date=\\d{4}-\\d\\d-\\d\\d/part-[^/]+\\.parquet")));
        }
        assertTrue(Files.notExists(dir.resolve("trailsift.duckdb")), "--lake writes no store");

        CliRun count = CliRun.of("sql", "--lake", lake, "--format", "csv", "SELECT count(*) AS n FROM events");
        assertEquals("n\n" + stored + "\n", count.out().replace("\r", ""), count.err());
        CliRun outside = CliRun.of("sql", "--lake", lake, "SELECT * FROM read_text('/etc/hostname')");
        assertEquals(Main.QUERY_FAILED, outside.exit());
        assertTrue(outside.err().contains("refused"), outside.err());
        CliRun key = CliRun.of("key", LineageScenario.ALICE, "--lake", lake, "--format", "json");
        assertEquals(0, key.exit(), key.err());
        assertTrue(key.out().startsWith("{\"root\":\"" + LineageScenario.ALICE + "\""), key.out());

        String db = dir.resolve("store.duckdb").toString();
        assertEquals(0, CliRun.of("ingest", logs.toString(), "--db", db).exit());
        CliRun export = CliRun.of("export", "--db", db, "--lake", dir.resolve("exported").toString());
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().startsWith(stored + " events written"), export.out());
        CliRun again = CliRun.of("export", "--db", db, "--lake", dir.resolve("exported").toString());
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already holds a lake"), again.err());

        String pulled = dir.resolve("pulled.duckdb").toString();
        CliRun slice = CliRun.of("ingest", "--from-lake", lake, "--db", pulled, "--json");
        assertEquals(0, slice.exit(), slice.err());
        assertEquals("{\"events_stored\":" + stored + "}", slice.out().trim());
        CliRun withPath = CliRun.of("ingest", logs.toString(), "--from-lake", lake, "--db", pulled);
        assertEquals(2, withPath.exit());
        assertTrue(withPath.err().contains("--from-lake takes no PATH"), withPath.err());
        CliRun noLake = CliRun.of("stats", "--lake", dir.resolve("nothing").toString());
        assertEquals(2, noLake.exit());
        assertTrue(noLake.err().contains("no trailsift lake at"), noLake.err());
    }
}
