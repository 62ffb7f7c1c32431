package io.trailsift.event;

import java.util.Arrays;
import java.util.List;

/**
 * Up to {@link #CAPACITY} parsed events of one object, column by column, in the form the store
 * takes them without conversion: text and JSON as UTF-8 bytes, times as epoch microseconds,
 * booleans as bytes. One block fills exactly one DuckDB data chunk. Readers fill a pending row
 * with the setters, then commit or clear it; values are never changed once a row is committed.
 */
public final class RowBlock {
    /** DuckDB's standard vector size: a block maps onto one data chunk. */
    public static final int CAPACITY = 2048;
    public static final long NULL_TIME = Long.MIN_VALUE;
    public static final byte NULL_BOOL = -1;

    private static final List<EventColumn> COLUMNS = EventColumn.all();
    private static final int[] SLOT = new int[COLUMNS.size()];
    private static final int TEXT_SLOTS;
    private static final int TIME_SLOTS;
    private static final int BOOL_SLOTS;

    static {
        int text = 0;
        int time = 0;
        int bool = 0;
        for (EventColumn c : COLUMNS) {
            SLOT[c.ordinal()] = switch (c.type()) {
                case TEXT, JSON -> text++;
                case TIMESTAMP -> time++;
                case BOOLEAN -> bool++;
                case OBJECT_REF -> -1;
            };
        }
        TEXT_SLOTS = text;
        TIME_SLOTS = time;
        BOOL_SLOTS = bool;
    }

    /** The object the reader fills this block from. */
    private final long objectId;
    /**
     * Rows a new block has room for before it grows. Most objects hold a few dozen records (an
     * organisation trail's five-minute files): blocks of the full {@link #CAPACITY} for them
     * allocated over 300 KB per object, two thirds of all an ingest allocated.
     */
    private static final int FIRST_ROOM = 64;

    /** Each row's object: a block the feed merged holds rows of several objects. */
    private long[] rowObjectIds;
    private final byte[][][] text = new byte[TEXT_SLOTS][][];
    private final long[][] times = new long[TIME_SLOTS][];
    private final byte[][] bools = new byte[BOOL_SLOTS][];
    private int size;

    public RowBlock(long objectId) {
        this.objectId = objectId;
        rowObjectIds = new long[FIRST_ROOM];
        for (int c = 0; c < TEXT_SLOTS; c++) {
            text[c] = new byte[FIRST_ROOM][];
        }
        for (int c = 0; c < TIME_SLOTS; c++) {
            times[c] = new long[FIRST_ROOM];
            Arrays.fill(times[c], NULL_TIME);
        }
        for (int c = 0; c < BOOL_SLOTS; c++) {
            bools[c] = new byte[FIRST_ROOM];
            Arrays.fill(bools[c], NULL_BOOL);
        }
    }

    /** Makes room for row {@code row} (the arrays double, up to {@link #CAPACITY}). */
    private void roomFor(int row) {
        int room = rowObjectIds.length;
        if (row < room) {
            return;
        }
        int grown = room;
        while (grown <= row) {
            grown *= 2;
        }
        grown = Math.min(grown, CAPACITY);
        rowObjectIds = Arrays.copyOf(rowObjectIds, grown);
        for (int c = 0; c < TEXT_SLOTS; c++) {
            text[c] = Arrays.copyOf(text[c], grown);
        }
        for (int c = 0; c < TIME_SLOTS; c++) {
            times[c] = Arrays.copyOf(times[c], grown);
            Arrays.fill(times[c], room, grown, NULL_TIME);
        }
        for (int c = 0; c < BOOL_SLOTS; c++) {
            bools[c] = Arrays.copyOf(bools[c], grown);
            Arrays.fill(bools[c], room, grown, NULL_BOOL);
        }
    }

    /** The object of row {@code row}. */
    public long objectId(int row) {
        return rowObjectIds[row];
    }

    /** The lowest object id among the rows. */
    public long minObjectId() {
        long min = Long.MAX_VALUE;
        for (int r = 0; r < size; r++) {
            min = Math.min(min, rowObjectIds[r]);
        }
        return min;
    }

    /**
     * Appends all of {@code other}'s rows when they fit; returns whether they did. Only references
     * are copied: the values themselves are never changed once a row is committed.
     */
    public boolean absorb(RowBlock other) {
        if (size + other.size > CAPACITY) {
            return false;
        }
        // room for the rows and, below CAPACITY, for the row a reader may fill next
        roomFor(Math.min(size + other.size, CAPACITY - 1));
        for (int c = 0; c < text.length; c++) {
            System.arraycopy(other.text[c], 0, text[c], size, other.size);
        }
        for (int c = 0; c < times.length; c++) {
            System.arraycopy(other.times[c], 0, times[c], size, other.size);
        }
        for (int c = 0; c < bools.length; c++) {
            System.arraycopy(other.bools[c], 0, bools[c], size, other.size);
        }
        System.arraycopy(other.rowObjectIds, 0, rowObjectIds, size, other.size);
        size += other.size;
        return true;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == CAPACITY;
    }

    /** Keeps the row being filled (index {@link #size()}) and moves to the next one. */
    public void commitRow() {
        rowObjectIds[size] = objectId;
        size++;
        if (size < CAPACITY) {
            roomFor(size);
        }
    }

    /** Forgets what was set on the row being filled, e.g. when the record turns out to be unusable. */
    public void clearRow() {
        int row = size;
        for (byte[][] col : text) {
            col[row] = null;
        }
        for (long[] col : times) {
            col[row] = NULL_TIME;
        }
        for (byte[] col : bools) {
            col[row] = NULL_BOOL;
        }
    }

    public void setText(EventColumn column, byte[] utf8) {
        text[SLOT[column.ordinal()]][size] = utf8;
    }

    public void setTime(EventColumn column, long epochMicros) {
        times[SLOT[column.ordinal()]][size] = epochMicros;
    }

    public void setBool(EventColumn column, boolean value) {
        bools[SLOT[column.ordinal()]][size] = (byte) (value ? 1 : 0);
    }

    /** Value of the row being filled, for checks the parser makes before committing it. */
    public byte[] pendingText(EventColumn column) {
        return text[SLOT[column.ordinal()]][size];
    }

    public long pendingTime(EventColumn column) {
        return times[SLOT[column.ordinal()]][size];
    }

    public byte[][] textColumn(EventColumn column) {
        return text[SLOT[column.ordinal()]];
    }

    public long[] timeColumn(EventColumn column) {
        return times[SLOT[column.ordinal()]];
    }

    public byte[] boolColumn(EventColumn column) {
        return bools[SLOT[column.ordinal()]];
    }
}
