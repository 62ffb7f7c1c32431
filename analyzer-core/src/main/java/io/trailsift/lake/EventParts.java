package io.trailsift.lake;

import io.trailsift.event.EventColumn;
import io.trailsift.event.RowBlock;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The events' Parquet files: the store's {@code events} columns in the store's order, with the
 * same types (text and JSON as UTF-8 strings, times as UTC-adjusted TIMESTAMP micros, booleans,
 * the object as INT64), minus {@code account_id}, which the partition folder holds as Hive and
 * Spark expect of a partition column.
 */
final class EventParts {
    static final List<EventColumn> COLUMNS = EventColumn.all().stream().filter(c -> c != EventColumn.ACCOUNT_ID).toList();

    static final MessageType SCHEMA = schema();

    /**
     * Dictionaries only where short values repeat within a file (sources, names, regions,
     * principals, agents, addresses): ids and times are one per event, and the JSON objects are
     * long (the identity about 560 bytes), so that each value's hash into the dictionary cost more
     * than zstd needs to find the repeats itself; a quarter of the lake writer's samples were the
     * dictionary's hash lookups with the identity in it (benchmarks/RESULTS.md, eleventh round).
     * Min and max only on times, the one column the query commands prune row groups by (a text
     * column's range in a file of many principals rules nothing out), yet each costs a
     * comparison of every value.
     */
    static final ParquetFiles.Columns SETTINGS = settings();

    private EventParts() {
    }

    private static ParquetFiles.Columns settings() {
        List<EventColumn> ids = List.of(EventColumn.EVENT_ID, EventColumn.REQUEST_ID, EventColumn.SHARED_EVENT_ID);
        List<EventColumn> text = COLUMNS.stream().filter(c -> c.type() == EventColumn.Type.TEXT
                || c.type() == EventColumn.Type.JSON).toList();
        Set<String> withoutDictionary = Stream.of(ids, COLUMNS.stream().filter(c -> c.type() == EventColumn.Type.JSON).toList(),
                        List.of(EventColumn.EVENT_TIME, EventColumn.SESSION_CREATED_AT))
                .flatMap(List::stream).map(EventColumn::sqlName).collect(Collectors.toUnmodifiableSet());
        Set<String> withoutStatistics = text.stream().map(EventColumn::sqlName).collect(Collectors.toUnmodifiableSet());
        return new ParquetFiles.Columns(withoutDictionary, withoutStatistics);
    }

    private static MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (EventColumn c : COLUMNS) {
            switch (c.type()) {
                case TEXT, JSON -> b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.sqlName());
                case TIMESTAMP -> b.optional(PrimitiveTypeName.INT64)
                        .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(c.sqlName());
                case BOOLEAN -> b.optional(PrimitiveTypeName.BOOLEAN).named(c.sqlName());
                case OBJECT_REF -> b.optional(PrimitiveTypeName.INT64).named(c.sqlName());
            }
        }
        return b.named("events");
    }

    /** One row of a block, as the writer is handed it (reused: the writer takes the values at once). */
    static final class Cursor {
        RowBlock block;
        int row;
    }

    /** A new part file at {@code temporary}. */
    static ParquetWriter<Cursor> open(Path temporary) throws IOException {
        return ParquetFiles.writer(temporary, SCHEMA, EventParts::write, Map.of(), SETTINGS);
    }

    private static void write(RecordConsumer c, Cursor at) {
        RowBlock b = at.block;
        int r = at.row;
        for (int i = 0; i < COLUMNS.size(); i++) {
            EventColumn col = COLUMNS.get(i);
            String name = col.sqlName();
            switch (col.type()) {
                case TEXT, JSON -> {
                    byte[] v = b.textColumn(col)[r];
                    if (v != null) {
                        c.startField(name, i);
                        c.addBinary(Binary.fromConstantByteArray(v));
                        c.endField(name, i);
                    }
                }
                case TIMESTAMP -> {
                    long v = b.timeColumn(col)[r];
                    if (v != RowBlock.NULL_TIME) {
                        c.startField(name, i);
                        c.addLong(v);
                        c.endField(name, i);
                    }
                }
                case BOOLEAN -> {
                    byte v = b.boolColumn(col)[r];
                    if (v != RowBlock.NULL_BOOL) {
                        c.startField(name, i);
                        c.addBoolean(v == 1);
                        c.endField(name, i);
                    }
                }
                case OBJECT_REF -> {
                    c.startField(name, i);
                    c.addLong(b.objectId(r));
                    c.endField(name, i);
                }
            }
        }
    }
}
