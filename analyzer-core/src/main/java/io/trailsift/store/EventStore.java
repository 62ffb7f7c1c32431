package io.trailsift.store;

import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Collectors;

/** The DuckDB file of one case: events, the manifest of objects read, findings and verify results. */
public final class EventStore implements AutoCloseable {
    /**
     * Storage format of stores this build creates. DuckDB writes the old v1.0 format unless asked,
     * and that format lacks zstd for text and the combined dictionary-FSST encoding (the store
     * takes about half the space in this one: benchmarks/RESULTS.md). A store created by an older
     * trailsift keeps its format and still opens. DuckDB releases before 1.5 cannot open these files.
     */
    public static final String STORAGE_VERSION = "v1.5.0";

    private final DuckDBConnection connection;
    private final Sql sql;
    private final Path path;
    private final boolean readOnly;
    private final UserAgents userAgents;

    private EventStore(DuckDBConnection connection, Path path, boolean readOnly, UserAgents userAgents) {
        this.connection = connection;
        this.sql = new Sql(connection, false);
        this.path = path;
        this.readOnly = readOnly;
        this.userAgents = userAgents;
    }

    /** Opens (creating if needed) a store for writing. */
    public static EventStore open(Path path, StoreOptions options) {
        EventStore store = connect(path, false, options);
        try {
            store.refuseForeignDatabase();
            Schema.create(store.sql);
            store.checkVersion();
            store.checkColumns();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Opens an existing store read-only, and seals it: nothing done through it can change the
     * evidence or reach anything but the store. DuckDB may then neither read nor write other files
     * (no COPY ... TO, EXPORT, ATTACH, read_text, extensions) and its settings are locked, so a
     * query or a rule file from someone else is safe to run on it.
     */
    public static EventStore openReadOnly(Path path) {
        return openReadOnly(path, StoreOptions.defaults());
    }

    /**
     * {@link #openReadOnly(Path)} with DuckDB's settings (its memory limit) from {@code options}:
     * a hunt over millions of events otherwise lets DuckDB keep up to 80% of RAM (4.2 GB on a
     * 10M-event store); capped, it evicts and spills to its temporary folder instead.
     */
    public static EventStore openReadOnly(Path path, StoreOptions options) {
        if (!Files.isRegularFile(path)) {
            throw new StoreException("no trailsift store at " + path + " (run `trailsift ingest` first, or pass --db)");
        }
        EventStore store = connect(path, true, options);
        try {
            store.refuseForeignDatabase();
            store.checkVersion();
            store.checkColumns();
            store.sql.execute("SET enable_external_access = false");
            store.sql.execute("SET lock_configuration = true");
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * A Parquet lake seen as a store (see {@link LakeViews}), sealed as {@link #openReadOnly(Path)}
     * seals a store except that DuckDB may read the lake's folder: any query and rule runs on it.
     */
    public static EventStore openLake(LakePaths lake, StoreOptions options) {
        EventStore store = connectLake(lake, options);
        try {
            LakeViews.create(store.sql, lake);
            LakeViews.seal(store.sql, lake);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * DuckDB's memory while an ingest takes a lake's lookup tables, past which it spills into
     * {@code derived/.spill}. The ingest's own heap is still resident then (the parallel collector
     * keeps what the writers had, up to the launcher's 640 MB), so DuckDB gets less than a store's
     * 640 MB. On the 10M-event organisation corpus the summary of calls needed 200-300 MB; held to
     * 256 MB it took about 0.6 s longer, and the run's peak RSS (sampled each second) fell from
     * 1,390 MB to 1,180 MB (benchmarks/RESULTS.md, fourteenth round). Without a temporary
     * directory an in-memory DuckDB cannot spill and fails at its limit instead.
     */
    static final String LAKE_TABLES_MEMORY = "256MB";

    /**
     * After an ingest into the lake: takes its derived tables again unless they are current, and
     * returns the disputed eventIDs with a copy in an object numbered from {@code firstObjectId} on.
     */
    public static List<ConflictingCopies> lakeIngested(LakePaths lake, long firstObjectId, StoreOptions options) {
        Properties spill = new Properties();
        spill.setProperty("temp_directory", lake.derived().resolve(".spill").toAbsolutePath().toString());
        try (EventStore store = connect("", lake.root(), true, spill, options.withMemoryLimit(LAKE_TABLES_MEMORY))) {
            LakeViews.create(store.sql, lake);
            LakeViews.refreshDerived(store.sql, lake);
            return EventLoad.conflictsFrom(store.sql, firstObjectId);
        }
    }

    /** The manifest rows a lake has committed. */
    public static List<ObjectRecord> lakeObjects(LakePaths lake) {
        try (EventStore store = connectLake(lake, StoreOptions.defaults())) {
            return store.sql.query("SELECT object_id, path, size_bytes, sha256, kind, records, status, error, filter FROM ("
                    + LakeViews.objectsSelect(lake) + ") ORDER BY object_id", Manifest::record);
        }
    }

    /** A DuckDB database in memory whose views read the lake (see {@link LakeViews}). */
    private static EventStore connectLake(LakePaths lake, StoreOptions options) {
        return connect("", lake.root(), true, new Properties(), options);
    }

    private static EventStore connect(Path path, boolean readOnly, StoreOptions options) {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        } else {
            // applies only when the file is created here; an existing file keeps its format
            props.setProperty("storage_compatibility_version", STORAGE_VERSION);
        }
        return connect(path.toAbsolutePath().toString(), path, readOnly, props, options);
    }

    /** {@code database}: the file, or "" for one in memory. */
    private static EventStore connect(String database, Path path, boolean readOnly, Properties props, StoreOptions options) {
        // Offline tool: never try to download an extension (json and parquet are built in).
        props.setProperty("autoinstall_known_extensions", "false");
        // Rows need no particular order in the table; without it DuckDB loads and scans in parallel.
        props.setProperty("preserve_insertion_order", "false");
        options.memoryLimit().ifPresent(limit -> props.setProperty("memory_limit", limit));
        EventStore store;
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, props);
            store = new EventStore(c.unwrap(DuckDBConnection.class), path, readOnly, options.userAgents());
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + path, e);
        }
        try {
            // Stored times are UTC; so is every time DuckDB computes, whatever the machine's zone.
            // (ICU, which owns this setting, loads only after the database is open.)
            store.sql.execute("SET GLOBAL TimeZone = 'UTC'");
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Another program's DuckDB file is not ours to add tables to, nor to read as evidence. */
    private void refuseForeignDatabase() {
        long tables = sql.first("SELECT count(*) AS n FROM duckdb_tables() WHERE NOT temporary", r -> r.number("n"))
                .orElseThrow();
        long info = sql.first("SELECT count(*) AS n FROM duckdb_tables() WHERE NOT temporary AND table_name = 'store_info'",
                r -> r.number("n")).orElseThrow();
        if (info == 0 && (tables > 0 || readOnly)) {
            throw new StoreException(path + " is a DuckDB file but not a trailsift store"
                    + (tables > 0 ? " (it holds tables of its own)" : "") + ": give another --db");
        }
    }

    private void checkVersion() {
        String v = sql.first("SELECT value FROM store_info WHERE key = 'schema_version'", r -> r.text("value"))
                .orElse(null);
        if (!String.valueOf(Schema.VERSION).equals(v)) {
            throw new StoreException(path + " has store schema version " + v + ", this trailsift needs "
                    + Schema.VERSION + ": ingest into a new --db");
        }
    }

    /** A store whose tables lack a column, or have others, was changed outside trailsift: its answers cannot be trusted. */
    private void checkColumns() {
        Map<String, List<String>> found = sql.query("SELECT table_name, list(column_name ORDER BY column_index) AS names"
                        + " FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal GROUP BY table_name",
                r -> Map.entry(r.text("table_name"), r.texts("names"))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (Map.Entry<String, List<String>> table : Schema.columns().entrySet()) {
            List<String> actual = found.getOrDefault(table.getKey(), List.of());
            if (!actual.equals(table.getValue())) {
                List<String> missing = new ArrayList<>(table.getValue());
                missing.removeAll(actual);
                List<String> extra = new ArrayList<>(actual);
                extra.removeAll(table.getValue());
                throw new StoreException(path + " is not a store as this trailsift writes it: table " + table.getKey()
                        + (actual.isEmpty() ? " is missing" : " lacks " + missing + ", has " + extra
                        + " in addition or its columns in another order")
                        + "; it was changed outside trailsift or is damaged: ingest into a new --db");
            }
        }
    }

    /** SQL on the store's own connection, for one caller at a time. */
    public Sql sql() {
        return sql;
    }

    /**
     * A private connection to the same store, for work that creates temporary tables or macros or
     * runs beside other work: what it creates is gone when it is closed.
     */
    public Sql session() {
        try {
            return new Sql(connection.duplicate(), true);
        } catch (SQLException e) {
            throw new StoreException("cannot open a session on " + path, e);
        }
    }

    /** SQL showing the user agent in {@code column} as whoever opened the store asked (see {@link UserAgents}). */
    public String shownAgent(String column) {
        return userAgents.shown(column);
    }

    public Path path() {
        return path;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Starts an ingest run's writes (see {@link EventLoad}); first removes what a killed run left.
     *
     * @param batchRows   rows per transaction
     * @param queueBlocks row blocks parsers may queue ahead of the writer
     */
    public EventLoad load(long batchRows, int queueBlocks) {
        if (readOnly) {
            throw new IllegalStateException("the store is open read-only");
        }
        return new EventLoad(this, batchRows, queueBlocks);
    }

    /**
     * The objects an interrupted ingest left partly stored (empty when every run finished): what
     * the store holds of them is incomplete until an ingest of the same inputs completes it.
     */
    public List<String> unfinishedObjects() {
        return Manifest.unfinished(sql);
    }

    /** Hands out every event and manifest row, object by object (see {@link EventScan}). */
    public void scan(EventScan.Visitor visitor) {
        EventScan.run(sql, visitor);
    }

    /**
     * Copies a lake's events of one slice into this store, with their objects' manifest rows (new
     * ids, the slice as their filter), in one transaction with the store's dedupe; objects copied
     * for the same slice before are skipped. Returns the events the store gained.
     */
    public long copyFromLake(LakePaths lake, Optional<String> account, Optional<Instant> since, Optional<Instant> until) {
        if (readOnly) {
            throw new IllegalStateException("the store is open read-only");
        }
        String slice = "lake slice: account=" + account.orElse("*") + " since=" + since.map(Instant::toString).orElse("*")
                + " until=" + until.map(Instant::toString).orElse("*");
        Manifest manifest = new Manifest(sql);
        manifest.removeUnfinishedObjects();
        boolean derivedWereCurrent = DerivedTables.isCurrent(sql);
        long offset = manifest.nextObjectId();
        long before = eventCount();
        // the slice's rows, the lake's object ids moved past the store's; only the slice is bound
        String rows = "SELECT * REPLACE (object_id + ? AS object_id) FROM (" + LakeViews.eventsSelect(lake) + ") "
                + "WHERE (? IS NULL OR account_id = ?) AND (? IS NULL OR event_time >= ?) AND (? IS NULL OR event_time < ?) "
                + "AND object_id NOT IN (SELECT l.object_id FROM (" + LakeViews.objectsSelect(lake) + ") l "
                + "JOIN objects o ON o.sha256 = l.sha256 AND o.filter = ?)";
        Object[] params = {offset, account, account, since, since, until, until, slice};
        sql.inTransaction(tx -> {
            tx.execute("CREATE TEMP TABLE lake_slice AS SELECT * FROM events WHERE false");
            tx.update("INSERT INTO lake_slice " + rows, params);
            tx.update("INSERT INTO objects SELECT l.object_id + ?, l.path, l.size_bytes, l.sha256, l.kind, s.n, l.status, "
                    + "l.error, ?, now()::TIMESTAMP FROM (" + LakeViews.objectsSelect(lake) + ") l "
                    + "JOIN (SELECT object_id - ? AS object_id, count(*) AS n FROM lake_slice GROUP BY ALL) s USING (object_id)",
                    offset, slice, offset);
            tx.execute("INSERT INTO events SELECT * FROM lake_slice");
            tx.execute("DROP TABLE lake_slice");
            Dedupe.batch(tx, false, offset);
            DerivedTables.eventsChanged(tx);
        });
        DerivedTables.refresh(sql, derivedWereCurrent ? OptionalLong.of(offset) : OptionalLong.empty());
        return eventCount() - before;
    }

    /** The time of the newest event, if the store holds any with a time. */
    public Optional<Instant> newestEventTime() {
        return sql.first("SELECT max(event_time) AS t FROM events", r -> r.time("t")).flatMap(t -> t);
    }

    public long eventCount() {
        return sql.first("SELECT count(*) AS n FROM events", r -> r.number("n")).orElseThrow();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("closing " + path, e);
        }
    }
}
