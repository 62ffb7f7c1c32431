package io.trailsift.store;

import org.duckdb.DuckDBAppender;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code objects} table: which objects (by SHA-256 of their stored bytes) were read, under
 * which filter, and how it went. A row is written in the same transaction as the object's last
 * events, so a row present means the object's events are all in.
 */
public final class Manifest {
    private final EventStore store;

    public Manifest(EventStore store) {
        this.store = store;
    }

    /** Objects already read, by SHA-256. */
    public Map<String, List<ObjectRecord>> known() throws SQLException {
        Map<String, List<ObjectRecord>> out = new HashMap<>();
        try (Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT object_id, path, size_bytes, sha256, kind, records, status, error, filter "
                     + "FROM objects WHERE sha256 IS NOT NULL ORDER BY object_id")) {
            while (rs.next()) {
                ObjectRecord r = new ObjectRecord(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), ObjectRecord.Status.of(rs.getString(7)),
                        Optional.ofNullable(rs.getString(8)), rs.getString(9));
                out.computeIfAbsent(r.sha256(), k -> new java.util.ArrayList<>()).add(r);
            }
        }
        return out;
    }

    public long nextObjectId() throws SQLException {
        try (Statement st = store.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(object_id), 0) + 1 FROM objects")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Drops events of objects whose manifest row never committed: what a killed run left behind.
     * Those objects are not in the manifest, so this run reads them again in full.
     */
    public long removeUnfinishedObjects() throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(
                "DELETE FROM events WHERE object_id NOT IN (SELECT object_id FROM objects)")) {
            int removed = ps.executeUpdate();
            // The killed run that left these rows already made the derived tables stale; the bump
            // keeps "every change to events bumps the generation" true here too.
            if (removed > 0) {
                DerivedTables.eventsChanged(store.connection());
            }
            return removed;
        }
    }

    /** Appends rows inside the caller's transaction (the Appender does not flush on its own: see LIBRARY-NOTES). */
    public void append(Collection<ObjectRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (DuckDBAppender a = store.connection().createAppender("main", "objects")) {
            for (ObjectRecord r : records) {
                a.beginRow();
                a.append(r.objectId());
                a.append(r.path());
                a.append(r.sizeBytes());
                appendNullable(a, r.sha256());
                a.append(r.kind());
                a.append(r.records());
                a.append(r.status().sql());
                appendNullable(a, r.error().orElse(null));
                a.append(r.filter());
                a.append(now);
                a.endRow();
            }
            a.flush();
        }
    }

    private static void appendNullable(DuckDBAppender a, String v) throws SQLException {
        if (v == null) {
            a.appendNull();
        } else {
            a.append(v);
        }
    }
}
