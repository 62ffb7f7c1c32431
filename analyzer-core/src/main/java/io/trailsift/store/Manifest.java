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
                + "FROM objects WHERE sha256 IS NOT NULL ORDER BY object_id", Manifest::record)
                .forEach(o -> out.computeIfAbsent(o.sha256(), k -> new ArrayList<>()).add(o));
        return out;
    }

    /** A manifest row from a query that selects the {@code objects} columns. */
    static ObjectRecord record(Row r) {
        return new ObjectRecord(r.number("object_id"), r.text("path"), r.number("size_bytes"), r.text("sha256"),
                r.text("kind"), r.number("records"), ObjectRecord.Status.of(r.text("status")), r.optionalText("error"),
                r.text("filter"));
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
        sql.update("DELETE FROM objects_in_progress");
        long removed = sql.update("DELETE FROM events WHERE object_id NOT IN (SELECT object_id FROM objects)");
        // The killed run that left these rows already made the derived tables stale; the bump
        // keeps "every change to events bumps the generation" true here too.
        if (removed > 0) {
            DerivedTables.eventsChanged(sql);
        }
        return removed;
    }

    /**
     * Lists objects whose rows start in this batch, inside its transaction: if the run is killed
     * before they are done, the store can say which objects it holds only part of.
     */
    void inProgress(Collection<FeedItem.ObjectStarted> started) {
        if (started.isEmpty()) {
            return;
        }
        try (TableAppender a = sql.appender("objects_in_progress")) {
            for (FeedItem.ObjectStarted s : started) {
                a.row(s.objectId(), s.path());
            }
        }
    }

    /** Objects whose events are in the store but not all of them: what a killed run left. */
    static List<String> unfinished(Sql sql) {
        return sql.query("SELECT path FROM objects_in_progress ORDER BY object_id", r -> r.text("path"));
    }

    /** Appends rows inside the caller's transaction; their objects are no longer in progress. */
    void append(Collection<ObjectRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        sql.update("DELETE FROM objects_in_progress WHERE list_contains(?, object_id::VARCHAR)",
                records.stream().map(r -> String.valueOf(r.objectId())).toList());
        Instant now = Instant.now();
        try (TableAppender a = sql.appender("objects")) {
            for (ObjectRecord r : records) {
                a.row(r.objectId(), r.path(), r.sizeBytes(), r.sha256(), r.kind(), r.records(), r.status().sql(),
                        r.error(), r.filter(), now);
            }
        }
    }
}
