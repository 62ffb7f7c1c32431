package io.trailsift.store;

import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The DuckDB file that holds events, objects and (later) findings. */
public final class EventStore implements AutoCloseable {
    public static final Path DEFAULT_PATH = Path.of("trailsift.duckdb");
    /**
     * Storage format of stores this build creates. DuckDB writes the old v1.0 format unless asked,
     * and that format lacks zstd for text and the combined dictionary-FSST encoding: the 1M-event
     * corpus takes 285 MB in it and 149 MB in this one. A store created by an older trailsift
     * keeps its format and still opens. DuckDB releases before 1.5 cannot open these files.
     */
    public static final String STORAGE_VERSION = "v1.5.0";

    private final DuckDBConnection connection;
    private final Path path;

    private EventStore(DuckDBConnection connection, Path path) {
        this.connection = connection;
        this.path = path;
    }

    /** Opens (creating if needed) a store for writing. */
    public static EventStore open(Path path) throws SQLException {
        EventStore store = connect(path, false);
        try {
            Schema.create(store.connection);
            store.checkVersion();
        } catch (SQLException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /** Opens an existing store read-only: queries can never change the evidence. */
    public static EventStore openReadOnly(Path path) throws SQLException {
        if (!Files.isRegularFile(path)) {
            throw new SQLException("no trailsift store at " + path + " (run `trailsift ingest` first, or pass --db)");
        }
        EventStore store = connect(path, true);
        try {
            store.checkVersion();
        } catch (SQLException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static EventStore connect(Path path, boolean readOnly) throws SQLException {
        Properties props = new Properties();
        if (readOnly) {
            props.setProperty("duckdb.read_only", "true");
        } else {
            // applies only when the file is created here; an existing file keeps its format
            props.setProperty("storage_compatibility_version", STORAGE_VERSION);
        }
        // Offline tool: never try to download an extension (json and parquet are built in).
        props.setProperty("autoinstall_known_extensions", "false");
        Connection c = DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath(), props);
        try (Statement st = c.createStatement()) {
            st.execute("SET preserve_insertion_order = false");
            st.execute("SET TimeZone = 'UTC'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new EventStore(c.unwrap(DuckDBConnection.class), path);
    }

    private void checkVersion() throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM store_info WHERE key = 'schema_version'")) {
            String v = rs.next() ? rs.getString(1) : null;
            if (!String.valueOf(Schema.VERSION).equals(v)) {
                throw new SQLException(path + " has store schema version " + v + ", this trailsift needs "
                        + Schema.VERSION + ": ingest into a new --db");
            }
        }
    }

    public DuckDBConnection connection() {
        return connection;
    }

    public Path path() {
        return path;
    }

    public long eventCount() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
