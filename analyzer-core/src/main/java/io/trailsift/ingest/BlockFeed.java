package io.trailsift.ingest;

import io.trailsift.parse.RowBlock;
import io.trailsift.store.EventColumn;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Collectors;

/**
 * The bounded queue between parser threads and the store, exposed to DuckDB as the table function
 * {@code trailsift_feed_N()}: DuckDB pulls parsed blocks straight into its vectors (two of its
 * threads at a time), which measured about twice as fast as the Appender (LIBRARY-NOTES). Each
 * {@code INSERT ... SELECT FROM trailsift_feed()} takes one batch: blocks until the batch holds
 * {@code batchRows} rows or the input is exhausted. Parsers also queue an "object done" marker
 * after an object's last block, so the writer knows which objects the batch completed.
 */
final class BlockFeed {
    private static final Object END = new Object();
    /** Registered functions outlive a run on their connection: each feed gets a name of its own. */
    private static final java.util.concurrent.atomic.AtomicLong FEEDS = new java.util.concurrent.atomic.AtomicLong();

    private final BlockingQueue<Object> queue;
    private final long batchRows;
    private final List<Object> completed = new ArrayList<>();
    private long rowsInBatch;
    private long minObjectId = Long.MAX_VALUE;
    private boolean batchClosed;
    private boolean exhausted;
    private EventIdSet ids;

    private final String function = "trailsift_feed_" + FEEDS.incrementAndGet();

    BlockFeed(int capacityBlocks, long batchRows) {
        this.queue = new ArrayBlockingQueue<>(capacityBlocks);
        this.batchRows = batchRows;
    }

    /** Parser side: blocks when the writer is behind, which is what bounds memory. */
    void put(RowBlock block) throws InterruptedException {
        queue.put(block);
    }

    void objectDone(Object marker) throws InterruptedException {
        queue.put(marker);
    }

    void end() throws InterruptedException {
        queue.put(END);
    }

    /** {@code watchIds}: note whether the batch repeats an eventID ({@link #batchMayRepeatIds()}). */
    synchronized void startBatch(boolean watchIds) {
        rowsInBatch = 0;
        minObjectId = Long.MAX_VALUE;
        batchClosed = exhausted;
        completed.clear();
        ids = watchIds ? new EventIdSet() : null;
    }

    /** False only when the batch was watched and no eventID in it came twice. */
    synchronized boolean batchMayRepeatIds() {
        return ids == null || ids.repeated();
    }

    synchronized boolean exhausted() {
        return exhausted;
    }

    /** Markers of objects whose every block went into the current batch. */
    synchronized List<Object> completed() {
        return List.copyOf(completed);
    }

    synchronized long minObjectId() {
        return minObjectId;
    }

    /** The next block for DuckDB, or null when the batch is over. */
    synchronized RowBlock next() throws InterruptedException {
        while (!batchClosed) {
            if (rowsInBatch >= batchRows) {
                batchClosed = true;
                break;
            }
            Object item = queue.take();
            if (item == END) {
                exhausted = true;
                batchClosed = true;
            } else if (item instanceof RowBlock block) {
                fill(block);
                if (ids != null) {
                    byte[][] eventIds = block.textColumn(EventColumn.EVENT_ID);
                    for (int r = 0; r < block.size(); r++) {
                        ids.add(eventIds[r]);
                    }
                }
                rowsInBatch += block.size();
                minObjectId = Math.min(minObjectId, block.minObjectId());
                return block;
            } else {
                completed.add(item);
            }
        }
        return null;
    }

    /**
     * Tops up a block with the blocks already waiting behind it. Readers end a block with each
     * object (most CloudTrail objects hold a few hundred records), and DuckDB's cost per chunk
     * does not shrink with the chunk: on the 1M-event corpus, 489 full chunks instead of at least 1,367 (one or more per object).
     * Markers passed on the way belong to objects whose rows are all in this block or before it.
     * It stops where the batch reaches its row limit, so batches end where they did before
     * blocks were merged.
     */
    private void fill(RowBlock block) {
        while (!block.isFull() && rowsInBatch + block.size() < batchRows) {
            Object next = queue.peek();
            if (next instanceof RowBlock more && block.absorb(more)) {
                queue.poll();
            } else if (next != null && next != END && !(next instanceof RowBlock)) {
                completed.add(queue.poll());
            } else {
                return;
            }
        }
    }

    /** Rows the current batch took. */
    synchronized long rowsInBatch() {
        return rowsInBatch;
    }

    /**
     * {@code INSERT INTO events SELECT ... FROM trailsift_feed_N()}: built from the fixed column
     * list and the feed's own generated name, never from input.
     */
    String insertSql() {
        String select = EventColumn.all().stream()
                .map(c -> c.type() == EventColumn.Type.TIMESTAMP ? "make_timestamp(" + c.sqlName() + ")" : c.sqlName())
                .collect(Collectors.joining(", "));
        return "INSERT INTO events SELECT " + select + " FROM " + function + "()";
    }

    void register(Connection conn) throws SQLException {
        DuckDBFunctions.tableFunction().withName(function).withFunction(new Function()).register(conn);
    }

    private final class Function implements DuckDBTableFunction<Object, Object, Object> {
        @Override
        public Object bind(DuckDBTableFunctionBindInfo info) {
            for (EventColumn c : EventColumn.all()) {
                info.addResultColumn(c.sqlName(), switch (c.type()) {
                    case TEXT, JSON -> DuckDBColumnType.VARCHAR;
                    case TIMESTAMP, OBJECT_REF -> DuckDBColumnType.BIGINT;
                    case BOOLEAN -> DuckDBColumnType.BOOLEAN;
                });
            }
            return null;
        }

        @Override
        public Object init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(2);
            return null;
        }

        /*
         * One small method per column type: a single method with all the loops was compiled by C2
         * up to four times per run (three on-stack replacements, one per loop that got hot, then
         * the whole method), about 0.5-1 s of compiler time at the start of every ingest (JFR).
         */
        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter out) throws InterruptedException {
            RowBlock block = next();
            if (block == null) {
                return 0;
            }
            int n = block.size();
            List<EventColumn> columns = EventColumn.all();
            for (int i = 0; i < columns.size(); i++) {
                EventColumn c = columns.get(i);
                DuckDBWritableVector v = out.vector(i);
                switch (c.type()) {
                    case TEXT, JSON -> writeText(v, block.textColumn(c), n);
                    case TIMESTAMP -> writeTimes(v, block.timeColumn(c), n);
                    case BOOLEAN -> writeBools(v, block.boolColumn(c), n);
                    case OBJECT_REF -> writeObjectIds(v, block, n);
                }
            }
            return n;
        }
    }

    private static void writeText(DuckDBWritableVector v, byte[][] values, int n) {
        v.setStringUtf8Batch(0, n == values.length ? values : Arrays.copyOf(values, n));
    }

    private static void writeTimes(DuckDBWritableVector v, long[] values, int n) {
        for (int r = 0; r < n; r++) {
            if (values[r] == RowBlock.NULL_TIME) {
                v.setNull(r);
            } else {
                v.setLong(r, values[r]);
            }
        }
    }

    private static void writeBools(DuckDBWritableVector v, byte[] values, int n) {
        for (int r = 0; r < n; r++) {
            if (values[r] == RowBlock.NULL_BOOL) {
                v.setNull(r);
            } else {
                v.setBoolean(r, values[r] == 1);
            }
        }
    }

    private static void writeObjectIds(DuckDBWritableVector v, RowBlock block, int n) {
        for (int r = 0; r < n; r++) {
            v.setLong(r, block.objectId(r));
        }
    }
}
