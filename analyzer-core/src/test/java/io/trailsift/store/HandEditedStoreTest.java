package io.trailsift.store;

import io.trailsift.testing.Stores;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Security review #27: a store whose tables were changed by hand is refused with a plain reason. */
class HandEditedStoreTest {
    private static Path store(Path dir) throws Exception {
        Path file = Records.write(dir.resolve("a.json.gz"), Records.gzip(Records.wrapper(Records.events("e", 3))));
        Path db = dir.resolve("case.duckdb");
        assertEquals(3, Stores.ingest(db, file).eventsStored());
        return db;
    }

    private static void edit(Path db, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    @DisplayName("review #27: a dropped column is named, for reading and for ingest, before any query runs")
    void droppedColumnIsRefused(@TempDir Path dir) throws Exception {
        Path db = store(dir);
        edit(db, "ALTER TABLE events DROP COLUMN user_agent");
        StoreException read = assertThrows(StoreException.class, () -> EventStore.openReadOnly(db).close());
        assertTrue(read.getMessage().contains("table events lacks [user_agent]"), read.getMessage());
        StoreException write = assertThrows(StoreException.class,
                () -> EventStore.open(db, StoreOptions.defaults()).close());
        assertEquals(read.getMessage(), write.getMessage());
    }

    @Test
    @DisplayName("review #27: an added column or a dropped table is refused too; an untouched store opens")
    void otherEditsAreRefused(@TempDir Path dir) throws Exception {
        Path db = store(dir);
        EventStore.openReadOnly(db).close();
        edit(db, "ALTER TABLE objects ADD COLUMN note VARCHAR");
        StoreException added = assertThrows(StoreException.class, () -> EventStore.openReadOnly(db).close());
        assertTrue(added.getMessage().contains("table objects lacks [], has [note]"), added.getMessage());
        edit(db, "ALTER TABLE objects DROP COLUMN note");
        edit(db, "DROP TABLE event_conflicts");
        StoreException dropped = assertThrows(StoreException.class, () -> EventStore.openReadOnly(db).close());
        assertTrue(dropped.getMessage().contains("table event_conflicts is missing"), dropped.getMessage());
    }
}
