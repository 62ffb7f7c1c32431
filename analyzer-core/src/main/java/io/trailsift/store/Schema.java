package io.trailsift.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * DDL of the trailsift store. Identifiers come from {@link EventColumn} and fixed text only,
 * never from input, which is why building these statements as strings is safe.
 */
public final class Schema {
    /** Bumped when a change needs a new store; opening an older store then fails clearly. */
    public static final int VERSION = 1;

    private Schema() {
    }

    public static void create(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)");
            st.execute("INSERT OR IGNORE INTO store_info VALUES ('schema_version', '" + VERSION + "')");
            st.execute("""
                    CREATE TABLE IF NOT EXISTS objects (
                      object_id   BIGINT PRIMARY KEY,
                      path        VARCHAR NOT NULL,
                      size_bytes  BIGINT,
                      sha256      VARCHAR,
                      kind        VARCHAR NOT NULL,
                      records     BIGINT NOT NULL,
                      status      VARCHAR NOT NULL,
                      error       VARCHAR,
                      filter      VARCHAR NOT NULL,
                      ingested_at TIMESTAMP NOT NULL
                    )""");
            // column names and types come from EventColumn, a fixed list: no input reaches this DDL
            st.execute("CREATE TABLE IF NOT EXISTS events (" + columnDefinitions() + ")");
        }
    }

    public static String columnDefinitions() {
        return EventColumn.all().stream()
                .map(c -> c.sqlName() + " " + c.type().sqlType()
                        + (c.compression() == EventColumn.Compression.ZSTD ? " USING COMPRESSION zstd" : ""))
                .collect(Collectors.joining(",\n  "));
    }
}
