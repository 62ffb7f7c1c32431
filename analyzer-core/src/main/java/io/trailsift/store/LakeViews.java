package io.trailsift.store;

import io.trailsift.event.EventColumn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Parquet lake seen as a store: on a DuckDB database in memory, {@code events} and
 * {@code objects} are views over the lake's files (DuckDB skips the partitions a filter on
 * {@code account_id} rules out, and row groups by their statistics), {@code event_conflicts} is
 * worked out from the disputed ids the lake lists, the derived lookup tables are views over their
 * files when they were taken at the lake's present state, and the tables a store keeps for
 * findings and verify runs exist empty. Every query of the house then runs unchanged.
 *
 * <p>Paths are the only text put into this SQL, and they come from the user's command line, not
 * from logs; they are quoted as SQL strings all the same.
 */
final class LakeViews {
    /** The lake's state: which manifest files are committed. Derived tables note the state they were taken at. */
    private static final String GENERATION_FILE = LakePaths.GENERATION_FILE;

    private LakeViews() {
    }

    /** Creates the views and tables on {@code sql}, a fresh in-memory database. */
    static void create(Sql sql, LakePaths lake) {
        // Every rule and pivot reads `events` again, and each read opened the footer of every file:
        // the footers are kept once read (the lake's files never change under a session: an
        // ingest adds new ones, which this session's views do not list anyway).
        sql.execute("SET parquet_metadata_cache = true");
        // DDL binds no parameters: the SELECTs are fixed text around the lake's own file paths,
        // which come from the command line (never from logs) and are quoted as SQL strings.
        sql.execute("CREATE VIEW events AS " + eventsSelect(lake));
        sql.execute("CREATE VIEW objects AS " + objectsSelect(lake));
        sql.execute("CREATE TABLE event_conflicts (event_id VARCHAR NOT NULL, object_id BIGINT NOT NULL)");
        if (hasFiles(lake.conflicts())) {
            // the same rows the store's dedupe records: one per distinct content of a disputed id
            sql.execute("INSERT INTO event_conflicts SELECT event_id, min(object_id) FROM ("
                    + "SELECT event_id, object_id, " + Dedupe.CONTENT + " AS content FROM events WHERE event_id IN ("
                    + "SELECT event_id FROM read_parquet(" + quoted(lake.conflicts().resolve("*.parquet")) + "))) "
                    + "GROUP BY event_id, content QUALIFY count(*) OVER (PARTITION BY event_id) > 1");
        }
        Schema.createBeside(sql);
        String generation = generation(lake);
        sql.update("INSERT INTO store_info VALUES ('events_generation', ?)", generation);
        if (derivedAreCurrent(lake, generation)) {
            for (String table : DerivedTables.names()) {
                sql.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet("
                        + quoted(lake.derived().resolve(table + ".parquet")) + ")");
            }
            DerivedTables.markCurrent(sql);
        }
    }

    /** The lake's events with the store's columns and types (no rows when it has none). */
    static String eventsSelect(LakePaths lake) {
        return hasFiles(lake.events())
                ? "SELECT " + EventColumn.all().stream().map(LakeViews::column).collect(Collectors.joining(", "))
                + " FROM read_parquet(" + quoted(lake.events().resolve("*/*/*.parquet"))
                + ", hive_partitioning = true, hive_types = {'account_id': VARCHAR, 'event_date': DATE})"
                : "SELECT " + EventColumn.all().stream().map(c -> "CAST(NULL AS " + c.type().sqlType() + ") AS " + c.sqlName())
                .collect(Collectors.joining(", ")) + " WHERE false";
    }

    /** The lake's manifest with the store's {@code objects} columns. */
    static String objectsSelect(LakePaths lake) {
        return hasFiles(lake.objects())
                ? "SELECT * REPLACE (CAST(ingested_at AS TIMESTAMP) AS ingested_at) FROM read_parquet("
                + quoted(lake.objects().resolve("*.parquet")) + ")"
                : "SELECT CAST(NULL AS BIGINT) AS object_id, '' AS path, CAST(NULL AS BIGINT) AS size_bytes, "
                + "CAST(NULL AS VARCHAR) AS sha256, '' AS kind, CAST(0 AS BIGINT) AS records, '' AS status, "
                + "CAST(NULL AS VARCHAR) AS error, '' AS filter, CAST(NULL AS TIMESTAMP) AS ingested_at WHERE false";
    }

    /**
     * Events columns as the store types them: times as plain UTC TIMESTAMP (the files hold
     * UTC-adjusted ones, which DuckDB reads as TIMESTAMP WITH TIME ZONE). Taken from the epoch
     * microseconds, not CAST: the cast goes through the time-zone library for every value, and a
     * filter on the time, which pushes into the scan as an expression, evaluated it on every row
     * of the lake (100M rows: 9.2 s cast, 0.75 s this way, the same 100M values).
     */
    private static String column(EventColumn c) {
        return c.type() == EventColumn.Type.TIMESTAMP
                ? "make_timestamp(epoch_us(" + c.sqlName() + ")) AS " + c.sqlName() : c.sqlName();
    }

    /**
     * Takes the derived tables into Parquet files beside the lake's events, unless they are current:
     * run once an ingest into the lake has committed. The calls are summed from the commits' call
     * counts when every commit has them, a few rows per thousand events instead of every event;
     * a lake from an older writer is read whole.
     */
    static void refreshDerived(Sql sql, LakePaths lake) {
        String generation = generation(lake);
        if (derivedAreCurrent(lake, generation)) {
            return;
        }
        try {
            Files.createDirectories(lake.derived());
            Files.deleteIfExists(lake.derived().resolve(GENERATION_FILE));
            if (countsCoverEveryCommit(lake)) {
                // DDL binds no parameters: a fixed name and the lake's own path, quoted as a string
                sql.execute("CREATE OR REPLACE TEMP VIEW " + DerivedTables.CALL_COUNTS + " AS SELECT * REPLACE ("
                        + "CAST(first_seen AS TIMESTAMP) AS first_seen, CAST(last_seen AS TIMESTAMP) AS last_seen) FROM read_parquet("
                        + quoted(lake.callCounts().resolve("*.parquet")) + ")");
                DerivedTables.summariseCounts(sql);
                sql.execute("DROP VIEW " + DerivedTables.CALL_COUNTS);
            } else {
                DerivedTables.summarise(sql);
            }
            for (String table : DerivedTables.names()) {
                Path file = lake.derived().resolve(table + ".parquet");
                Path temporary = lake.derived().resolve("." + table + ".parquet.tmp");
                try {
                    sql.execute("COPY (" + DerivedTables.selectOverSummary(table) + ") TO " + quoted(temporary)
                            + " (FORMAT parquet, COMPRESSION zstd)");
                } catch (StoreException e) {
                    throw e.whileDoing("taking the lookup table " + table + " from the lake's events");
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            DerivedTables.dropSummary(sql);
            Files.writeString(lake.derived().resolve(GENERATION_FILE), generation);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the lake's derived tables in " + lake.derived(), e);
        }
    }

    /** Everything DuckDB may read: the lake's folder, nothing else. */
    static void seal(Sql sql, LakePaths lake) {
        sql.execute("SET allowed_directories = [" + quoted(lake.root()) + "]");
        sql.execute("SET enable_external_access = false");
        sql.execute("SET lock_configuration = true");
    }

    /**
     * Whether every committed manifest file has its commit's call counts beside it (a lake written
     * by an older trailsift has none): only then are they the whole lake's calls. Both are named
     * {@code part-W-S.parquet} after their commit.
     */
    private static boolean countsCoverEveryCommit(LakePaths lake) {
        List<String> commits = parquetNames(lake.objects());
        return !commits.isEmpty() && new HashSet<>(parquetNames(lake.callCounts())).containsAll(commits);
    }

    private static boolean derivedAreCurrent(LakePaths lake, String generation) {
        Path file = lake.derived().resolve(GENERATION_FILE);
        try {
            return Files.isRegularFile(file) && Files.readString(file).equals(generation);
        } catch (IOException e) {
            return false;
        }
    }

    /** A digest of the committed manifest files' names: it changes with every commit. */
    static String generation(LakePaths lake) {
        return LakePaths.generation(parquetNames(lake.objects()));
    }

    private static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> parquetNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet") && !n.startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
