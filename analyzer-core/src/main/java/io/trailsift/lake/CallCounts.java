package io.trailsift.lake;

import io.trailsift.event.EventColumn;
import io.trailsift.event.Hash64;
import io.trailsift.event.RowBlock;
import io.trailsift.store.DerivedTables;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One writer's rows of one commit counted per combination of the values the lake's lookup tables
 * are taken from ({@link DerivedTables#SUMMARY_READS}), with the first and last event time: the
 * commit's {@code call_counts/part-W-S.parquet}. Why: an ingest into a lake used to read every
 * event of the lake back at its end to take the lookup tables (78 s and half its peak memory on
 * 100M events, benchmarks/RESULTS.md, fourteenth and fifteenth rounds); the calls of automation
 * repeat, so the counts are a few percent of the rows (449,824 rows for the 10M-event organisation
 * corpus, 2.7 million for 100M) and are made as the rows go by. No meaning is given to any value here: the
 * lookup tables' SQL applies its filters and groupings to the counts as it does to the events.
 *
 * <p>Bounded: once {@link #full()} (a forged log can make every row a group of its own, with
 * values of any length), the groups counted so far go into the file and counting starts again. A
 * group then has several rows in the file, which the readers add up.
 */
final class CallCounts {
    private static final List<EventColumn> COLUMNS = DerivedTables.SUMMARY_READS;
    /**
     * Bounds on what one writer's counts hold: a few MB, since the 640 MB heap of a 100M-event
     * lake ingest has little to spare by its end (benchmarks/RESULTS.md, sixteenth round). An
     * organisation's commit of a million events has some tens of thousands of groups, so a commit
     * may write out its counts a few times: on the 10M corpus a group has 1.6 rows of counts,
     * still a few percent of the events.
     */
    static final int MAX_GROUPS = 1 << 14;
    static final int MAX_VALUE_BYTES = 4 << 20;
    private static final long NULL_VALUE = 0x6a09e667f3bcc908L;
    private static final VarHandle LENGTHS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static final MessageType SCHEMA = schema();

    private final int maxGroups;
    private final int maxValueBytes;
    /** Open addressing over twice the most groups, so that probes stay short: a slot's hash and its group + 1 (0: free). */
    private final int mask;
    private final long[] hashes;
    private final int[] groupAt;
    /**
     * Each group's values one after the other, a length (-1 for none) before each, so that telling
     * a row from a group reads a few cache lines rather than one array per value: with the rows'
     * own arrays kept instead, counting cost more than the events' read-back it replaces.
     */
    private byte[] arena = new byte[1 << 16];
    private int arenaUsed;
    private final int[] start;
    private final long[] events;
    private final long[] first;
    private final long[] last;
    private int groups;
    private final byte[][][] columns = new byte[COLUMNS.size()][][];
    private long[] times;
    private ParquetWriter<Integer> out;

    CallCounts() {
        this(MAX_GROUPS, MAX_VALUE_BYTES);
    }

    /** With other bounds: tests make the counts go into the file after a few groups. */
    CallCounts(int maxGroups, int maxValueBytes) {
        this.maxGroups = maxGroups;
        this.maxValueBytes = maxValueBytes;
        int slots = Integer.highestOneBit(Math.max(2, maxGroups) * 2 - 1) << 1;
        this.mask = slots - 1;
        this.hashes = new long[slots];
        this.groupAt = new int[slots];
        this.start = new int[maxGroups];
        this.events = new long[maxGroups];
        this.first = new long[maxGroups];
        this.last = new long[maxGroups];
    }

    private static MessageType schema() {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (EventColumn c : COLUMNS) {
            b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.sqlName());
        }
        LogicalTypeAnnotation micros = LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS);
        return b.required(PrimitiveTypeName.INT64).named("events")
                .optional(PrimitiveTypeName.INT64).as(micros).named("first_seen")
                .optional(PrimitiveTypeName.INT64).as(micros).named("last_seen")
                .named("call_counts");
    }

    /** The block whose rows {@link #add} counts next. */
    void rowsOf(RowBlock block) {
        for (int i = 0; i < columns.length; i++) {
            columns[i] = block.textColumn(COLUMNS.get(i));
        }
        times = block.timeColumn(EventColumn.EVENT_TIME);
    }

    /** Counts row {@code r} of the block. */
    void add(int r) {
        long h = 0;
        for (byte[][] column : columns) {
            byte[] v = column[r];
            h = v == null ? Hash64.mix(h ^ NULL_VALUE) : Hash64.of(v, 0, v.length, h);
        }
        int slot = (int) h & mask;
        int g;
        while ((g = groupAt[slot] - 1) >= 0 && !(hashes[slot] == h && sameValues(start[g], r))) {
            slot = (slot + 1) & mask;
        }
        if (g < 0) {
            g = groups++;
            hashes[slot] = h;
            groupAt[slot] = g + 1;
            start[g] = keep(r);
            first[g] = Long.MAX_VALUE;
            last[g] = Long.MIN_VALUE;
        }
        events[g]++;
        long time = times[r];
        if (time != RowBlock.NULL_TIME) {
            first[g] = Math.min(first[g], time);
            last[g] = Math.max(last[g], time);
        }
    }

    private boolean sameValues(int at, int r) {
        for (byte[][] column : columns) {
            byte[] v = column[r];
            int length = (int) LENGTHS.get(arena, at);
            at += Integer.BYTES;
            if (v == null ? length >= 0 : length != v.length || !Arrays.equals(arena, at, at + length, v, 0, length)) {
                return false;
            }
            at += Math.max(length, 0);
        }
        return true;
    }

    /** Copies row {@code r}'s values to the arena; where they start. */
    private int keep(int r) {
        int bytes = 0;
        for (byte[][] column : columns) {
            bytes += Integer.BYTES + (column[r] == null ? 0 : column[r].length);
        }
        if (arenaUsed + bytes > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arenaUsed + bytes, arena.length * 2));
        }
        int at = arenaUsed;
        for (byte[][] column : columns) {
            byte[] v = column[r];
            LENGTHS.set(arena, arenaUsed, v == null ? -1 : v.length);
            arenaUsed += Integer.BYTES;
            if (v != null) {
                System.arraycopy(v, 0, arena, arenaUsed, v.length);
                arenaUsed += v.length;
            }
        }
        return at;
    }

    /** Whether the groups reached a bound: {@link #spill} them before the next row. */
    boolean full() {
        return groups >= maxGroups || arenaUsed >= maxValueBytes;
    }

    /** Writes the groups counted so far into the commit's file, opened at {@code temporary} if it is not yet. */
    void spill(Path temporary) throws IOException {
        if (out == null) {
            out = ParquetFiles.writer(temporary, SCHEMA, this::write, Map.of());
        }
        for (int g = 0; g < groups; g++) {
            out.write(g);
            events[g] = 0;
        }
        Arrays.fill(groupAt, 0);
        groups = 0;
        arenaUsed = 0;
    }

    /** Writes what is left and closes the commit's file at {@code temporary} (an empty file when nothing was counted). */
    void finish(Path temporary) throws IOException {
        spill(temporary);
        try {
            out.close();
        } finally {
            out = null;
        }
    }

    private void write(RecordConsumer c, Integer group) {
        int at = start[group];
        for (int i = 0; i < COLUMNS.size(); i++) {
            int length = (int) LENGTHS.get(arena, at);
            at += Integer.BYTES;
            if (length >= 0) {
                String name = COLUMNS.get(i).sqlName();
                c.startField(name, i);
                // the arena is written over after a spill: Parquet copies what it keeps of a reused array
                c.addBinary(Binary.fromReusedByteArray(arena, at, length));
                c.endField(name, i);
                at += length;
            }
        }
        int i = COLUMNS.size();
        c.startField("events", i);
        c.addLong(events[group]);
        c.endField("events", i);
        if (first[group] <= last[group]) {
            c.startField("first_seen", i + 1);
            c.addLong(first[group]);
            c.endField("first_seen", i + 1);
            c.startField("last_seen", i + 2);
            c.addLong(last[group]);
            c.endField("last_seen", i + 2);
        }
    }
}
