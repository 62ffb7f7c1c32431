package io.trailsift.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A statement runs only with exactly the values its placeholders name: DuckDB would run it with the rest as NULL. */
class SqlTest {
    @Test
    void aStatementWithAnUnboundPlaceholderIsRefused(@TempDir Path dir) {
        try (EventStore store = EventStore.open(dir.resolve("store.duckdb"), StoreOptions.defaults())) {
            StoreException e = assertThrows(StoreException.class,
                    () -> store.sql().rows("SELECT ? AS a, ? AS b", "x"));
            assertTrue(e.getMessage().contains("takes 2 parameter(s) and 1 value(s) were bound"), e.getMessage());
            assertThrows(StoreException.class, () -> store.sql().rows("SELECT ? AS a", "x", "y"));
        }
    }

    @Test
    void aNumberedPlaceholderTakesOneValueWhereverItIsUsed(@TempDir Path dir) {
        try (EventStore store = EventStore.open(dir.resolve("store.duckdb"), StoreOptions.defaults())) {
            assertEquals(List.of(List.<Object>of("x", "x")), store.sql().rows("SELECT $1 AS a, $1 AS b", "x").rows());
        }
    }
}
