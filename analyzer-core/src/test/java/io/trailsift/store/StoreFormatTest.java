package io.trailsift.store;

import io.trailsift.event.EventColumn;
import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The file format a store is created in, and stores created by builds before it. */
class StoreFormatTest {
    private static final String PREFIX = "AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/";

    @TempDir
    Path tmp;

    private Path input() throws Exception {
        Path in = tmp.resolve("in");
        Records.write(in.resolve(PREFIX + "a.json.gz"), Records.gzip(Records.wrapper(Records.events("a", 3000))));
        return in;
    }

    private static String storageVersion(Path db) throws SQLException {
        return Stores.column(db, "SELECT tags['storage_version'] FROM duckdb_databases() "
                + "WHERE database_name = current_database()").get(0);
    }

    @Test
    void newStoresUseTheFormatWithZstdForTheLargeObjectColumns() throws Exception {
        Path db = tmp.resolve("new.duckdb");
        Stores.ingest(db, input());

        assertEquals(EventStore.STORAGE_VERSION + "+", storageVersion(db));
        for (EventColumn c : EventColumn.all()) {
            if (c.compression() == EventColumn.Compression.ZSTD) {
                // every data segment of the column, once checkpointed (validity segments aside)
                List<String> kinds = Stores.column(db, "SELECT DISTINCT compression FROM pragma_storage_info('events') "
                        + "WHERE column_name = '" + c.sqlName() + "' AND segment_type = 'VARCHAR'");
                assertEquals(List.of("ZSTD"), kinds, c.sqlName());
            }
        }
        assertEquals(3000, Stores.count(db, "SELECT count(*) FROM events "
                + "WHERE request_parameters->>'$.userName' = 'target-user'"));
    }

    @Test
    void aStoreInTheOlderFormatStillOpensAndKeepsItsFormat() throws Exception {
        Path db = tmp.resolve("old.duckdb");
        // what a build before the format change created: DuckDB's default format
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath())) {
            Schema.create(new Sql(c.unwrap(DuckDBConnection.class), false));
        }
        String before = storageVersion(db);
        assertTrue(!before.startsWith(EventStore.STORAGE_VERSION), before);

        Stores.ingest(db, input());

        assertEquals(before, storageVersion(db));
        assertEquals(3000, Stores.count(db, "SELECT count(*) FROM events"));
    }
}
