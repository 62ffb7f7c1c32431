package io.trailsift.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static io.trailsift.cli.Evidence.KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Security review #11, #14 and #22: SQL and rule files reach nothing but the store, a store tells
 * the truth about an unfinished ingest, and another program's DuckDB file is not taken over.
 */
class HostileStoreTest {
    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void ingestTheSample() {
        db = tmp.resolve("case.duckdb");
        CliRun.of("ingest", Evidence.sampleLogs().toString(), "--db", db.toString());
    }

    private static void jdbc(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static long events(Path store) {
        return Long.parseLong(CliRun.of("sql", "--db", store.toString(), "--format", "csv",
                "SELECT count(*) AS n FROM events").out().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    @DisplayName("review #11: sql can neither write, export, attach, load nor read a file, nor change a setting")
    void sqlIsSealed() throws Exception {
        Path other = tmp.resolve("other.duckdb");
        jdbc(other, "CREATE TABLE events (event_id VARCHAR)", "INSERT INTO events VALUES ('keep-me')");
        Path secret = Files.writeString(tmp.resolve("credentials"), "[default]\naws_secret_access_key = s3cr3t\n");
        Path written = tmp.resolve("written");
        for (String statement : List.of(
                "COPY events TO '" + written + ".csv'",
                "EXPORT DATABASE '" + written + "'",
                "ATTACH '" + other + "' AS o",
                "ATTACH '" + tmp.resolve("new.duckdb") + "' AS n",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SELECT content FROM read_text('" + secret + "')",
                "SELECT * FROM read_csv('" + secret + "')",
                "SET enable_external_access = true",
                "SET memory_limit = '1GB'")) {
            CliRun run = CliRun.of("sql", "--db", db.toString(), statement);
            assertEquals(Main.QUERY_FAILED, run.exit(), statement);
            assertTrue(run.err().contains("refused") || run.err().contains("read-only"), statement + ": " + run.err());
            assertFalse(run.out().contains("s3cr3t"), statement);
        }
        assertFalse(Files.exists(Path.of(written + ".csv")) || Files.exists(written) || Files.exists(tmp.resolve("new.duckdb")));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT event_id FROM events")) {
            assertTrue(r.next());
            assertEquals("keep-me", r.getString(1));
        }
    }

    @Test
    @DisplayName("review #11: a rule file that reads a file gets nothing, and its failure is reported")
    void rulesAreSealed() throws Exception {
        Path secret = Files.writeString(tmp.resolve("rule-secret"), "s3cr3t");
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("steal.yml"), """
                id: steal
                title: Reads a file of the analyst
                severity: low
                attack: [T1005]
                description: Tries to read a local file into a finding.
                response: Nothing.
                sql: |
                  SELECT content AS event_id, content AS group_key FROM read_text('%s')
                summary: "{event_id}"
                """.formatted(secret));
        CliRun hunt = CliRun.of("hunt", "--db", db.toString(), "--rules", rules.toString(), "--only", "steal",
                "--format", "jsonl");
        assertEquals(Main.DAMAGED_OR_FINDINGS, hunt.exit());
        assertFalse(hunt.out().contains("s3cr3t"));
        assertTrue(hunt.err().contains("steal") && hunt.err().contains("refused"), hunt.err());
    }

    @Test
    @DisplayName("review #14: every query command warns, naming the object, until an ingest completes the store")
    void unfinishedIngestIsAnnounced() throws Exception {
        Path store = tmp.resolve("interrupted.duckdb");
        CliRun.of("ingest", Evidence.sampleLogs().toString(), "--db", store.toString());
        long complete = events(store);
        // What a run killed mid-object leaves: some of the object's events, no manifest row, the object in progress.
        jdbc(store, "CREATE TEMP TABLE victim AS SELECT object_id, path FROM objects WHERE records > 10 AND status = 'ok'"
                        + " ORDER BY object_id LIMIT 1",
                "DELETE FROM events WHERE object_id = (SELECT object_id FROM victim) AND event_id IN "
                        + "(SELECT event_id FROM events WHERE object_id = (SELECT object_id FROM victim) ORDER BY event_id LIMIT 5)",
                "INSERT INTO objects_in_progress SELECT object_id, path FROM victim",
                "DELETE FROM objects WHERE object_id = (SELECT object_id FROM victim)");
        String path = CliRun.of("sql", "--db", store.toString(), "--format", "csv",
                "SELECT path FROM objects_in_progress").out().lines().skip(1).findFirst().orElseThrow();
        for (List<String> command : List.of(List.of("stats"), List.of("hunt"), List.of("timeline", "--key", KEY),
                List.of("key", KEY), List.of("principal", "arn:aws:iam::123456789012:user/app-integration-user"),
                List.of("ip", "198.51.100.50"), List.of("sql", "SELECT 1"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--db", store.toString()))
                    .toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertTrue(run.err().contains("did not finish") && run.err().contains(path), command + ": " + run.err());
        }
        CliRun.of("ingest", Evidence.sampleLogs().toString(), "--db", store.toString());
        CliRun after = CliRun.of("stats", "--db", store.toString());
        assertFalse(after.err().contains("did not finish"), after.err());
        assertEquals(complete, events(store));
    }

    @Test
    @DisplayName("review #22: a DuckDB file of another program is refused and left as it was; an empty one is used")
    void foreignDatabaseIsRefused() throws Exception {
        Path foreign = tmp.resolve("foreign.duckdb");
        jdbc(foreign, "CREATE TABLE customers (id INTEGER, name VARCHAR)", "INSERT INTO customers VALUES (1, 'x')");
        byte[] before = Files.readAllBytes(foreign);
        for (String command : List.of("ingest", "stats")) {
            CliRun run = command.equals("ingest")
                    ? CliRun.of("ingest", Evidence.sampleLogs().toString(), "--db", foreign.toString())
                    : CliRun.of("stats", "--db", foreign.toString());
            assertEquals(Main.USAGE, run.exit(), command);
            assertTrue(run.err().contains("not a trailsift store"), run.err());
        }
        assertArrayEquals(before, Files.readAllBytes(foreign));
        Path empty = tmp.resolve("empty.duckdb");
        jdbc(empty);
        CliRun ingest = CliRun.of("ingest", Evidence.sampleLogs().toString(), "--db", empty.toString());
        assertEquals(Main.DAMAGED_OR_FINDINGS, ingest.exit(), "the sample's one truncated object: " + ingest.err());
        assertTrue(events(empty) > 0);
    }
}
