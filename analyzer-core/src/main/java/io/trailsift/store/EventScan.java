package io.trailsift.store;

import io.trailsift.event.EventColumn;
import io.trailsift.event.RowBlock;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A store's events handed out object by object, in row blocks as the parsers make them, each
 * object's blocks followed by its manifest row: what writing a store out as a lake reads.
 * Objects without events (damaged, skipped) come with their manifest row alone.
 */
public final class EventScan {
    /** What a scan hands out, in object id order. */
    public interface Visitor {
        void block(RowBlock block);

        void objectDone(ObjectRecord record);
    }

    private EventScan() {
    }

    static void run(Sql sql, Visitor visitor) {
        List<ObjectRecord> objects = sql.query("SELECT object_id, path, size_bytes, sha256, kind, records, status, error, filter "
                + "FROM objects ORDER BY object_id", Manifest::record);
        // times as epoch micros, the row block's form; the column list is the fixed enum
        String select = "SELECT " + EventColumn.all().stream()
                .map(c -> c.type() == EventColumn.Type.TIMESTAMP ? "epoch_us(" + c.sqlName() + ")" : c.sqlName())
                .collect(Collectors.joining(", ")) + " FROM events ORDER BY object_id";
        List<EventColumn> columns = EventColumn.all();
        Iterator<ObjectRecord> next = objects.iterator();
        ObjectRecord current = null;
        RowBlock block = null;
        try (PreparedStatement ps = sql.connection().prepareStatement(select); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long objectId = rs.getLong(columns.size());
                while (current == null || current.objectId() != objectId) {
                    if (block != null && block.size() > 0) {
                        visitor.block(block);
                    }
                    block = null;
                    if (current != null) {
                        visitor.objectDone(current);
                    }
                    if (!next.hasNext()) {
                        throw new StoreException("the store holds events of object " + objectId + ", which its manifest lacks");
                    }
                    current = next.next();
                }
                if (block == null || block.isFull()) {
                    if (block != null) {
                        visitor.block(block);
                    }
                    block = new RowBlock(objectId);
                }
                for (int i = 0; i < columns.size() - 1; i++) {
                    EventColumn c = columns.get(i);
                    switch (c.type()) {
                        case TEXT, JSON -> {
                            String v = rs.getString(i + 1);
                            if (v != null) {
                                block.setText(c, v.getBytes(StandardCharsets.UTF_8));
                            }
                        }
                        case TIMESTAMP -> {
                            long v = rs.getLong(i + 1);
                            if (!rs.wasNull()) {
                                block.setTime(c, v);
                            }
                        }
                        case BOOLEAN -> {
                            boolean v = rs.getBoolean(i + 1);
                            if (!rs.wasNull()) {
                                block.setBool(c, v);
                            }
                        }
                        case OBJECT_REF -> { }
                    }
                }
                block.commitRow();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the store's events", e);
        }
        if (block != null && block.size() > 0) {
            visitor.block(block);
        }
        if (current != null) {
            visitor.objectDone(current);
        }
        next.forEachRemaining(visitor::objectDone);
    }
}
