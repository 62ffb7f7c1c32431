package io.trailsift.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code objects} table: which objects (by SHA-256 of their stored bytes) were read, under
 * which filter, and how it went. A row is written in the same transaction as the object's last
 * events, so a row present means the object's events are all in.
 */
final class Manifest {
    private final Sql sql;

    Manifest(Sql sql) {
        this.sql = sql;
    }

    /** Objects already read, by SHA-256. */
    Map<String, List<ObjectRecord>> known() {
        Map<String, List<ObjectRecord>> out = new HashMap<>();
        sql.query("SELECT object_id, path, size_bytes, sha256, kind, records, status, error, filter "
                + "FROM objects WHERE sha256 IS NOT NULL ORDER BY object_id", r -> new ObjectRecord(r.number("object_id"),
                r.text("path"), r.number("size_bytes"), r.text("sha256"), r.text("kind"), r.number("records"),
                ObjectRecord.Status.of(r.text("status")), r.optionalText("error"), r.text("filter")))
                .forEach(o -> out.computeIfAbsent(o.sha256(), k -> new ArrayList<>()).add(o));
        return out;
    }

    long nextObjectId() {
        return sql.first("SELECT coalesce(max(object_id), 0) + 1 AS next FROM objects", r -> r.number("next"))
                .orElseThrow();
    }

    /**
     * Drops events of objects whose manifest row never committed: what a killed run left behind.
     * Those objects are not in the manifest, so this run reads them again in full.
     */
    long removeUnfinishedObjects() {
        long removed = sql.update("DELETE FROM events WHERE object_id NOT IN (SELECT object_id FROM objects)");
        // The killed run that left these rows already made the derived tables stale; the bump
        // keeps "every change to events bumps the generation" true here too.
        if (removed > 0) {
            DerivedTables.eventsChanged(sql);
        }
        return removed;
    }

    /** Appends rows inside the caller's transaction. */
    void append(Collection<ObjectRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (TableAppender a = sql.appender("objects")) {
            for (ObjectRecord r : records) {
                a.row(r.objectId(), r.path(), r.sizeBytes(), r.sha256(), r.kind(), r.records(), r.status().sql(),
                        r.error(), r.filter(), now);
            }
        }
    }
}
