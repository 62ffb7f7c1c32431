package io.trailsift.store;

import io.trailsift.event.EventColumn;
import io.trailsift.event.RowBlock;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The bounded queue between parser threads and the store, exposed to DuckDB as the table function
 * {@code trailsift_feed_N()}: DuckDB pulls parsed blocks straight into its vectors (two of its
 * threads at a time), which measured about twice as fast as DuckDB's Appender
 * (benchmarks/RESULTS.md). Each {@code INSERT ... SELECT FROM trailsift_feed_N()} takes one
 * batch: it blocks until the batch holds {@code batchRows} rows or the input is exhausted.
 * Parsers queue an {@link FeedItem.ObjectDone} after an object's last block, so the writer knows
 * which objects the batch completed.
 */
final class EventFeed {
    /** Registered functions outlive a run on their connection: each feed gets a name of its own. */
    private static final AtomicLong FEEDS = new AtomicLong();

    private final BlockingQueue<FeedItem> queue;
    private final long batchRows;
    private final List<ObjectRecord> completed = new ArrayList<>();
    private final List<FeedItem.ObjectStarted> started = new ArrayList<>();
    private long rowsInBatch;
    private long minObjectId = Long.MAX_VALUE;
    private boolean batchClosed;
    private boolean exhausted;
    private EventIdSet ids;

    private final String function = "trailsift_feed_" + FEEDS.incrementAndGet();

    EventFeed(int capacityBlocks, long batchRows) {
        this.queue = new ArrayBlockingQueue<>(capacityBlocks);
        this.batchRows = batchRows;
    }

    /** Parser side: blocks when the writer is behind, which is what bounds memory. */
    void put(RowBlock block) throws InterruptedException {
        queue.put(new FeedItem.Block(block));
    }

    /** Before the object's first block. */
    void objectStarted(long objectId, String path) throws InterruptedException {
        queue.put(new FeedItem.ObjectStarted(objectId, path));
    }

    /** After the object's last block: its manifest row goes in with the batch that holds that block. */
    void objectDone(ObjectRecord record) throws InterruptedException {
        queue.put(new FeedItem.ObjectDone(record));
    }

    void end() throws InterruptedException {
        queue.put(FeedItem.End.INSTANCE);
    }

    /** {@code watchIds}: note whether the batch repeats an eventID ({@link #batchMayRepeatIds()}). */
    synchronized void startBatch(boolean watchIds) {
        rowsInBatch = 0;
        minObjectId = Long.MAX_VALUE;
        batchClosed = exhausted;
        completed.clear();
        started.clear();
        ids = watchIds ? new EventIdSet() : null;
    }

    /** False only when the batch was watched and no eventID in it came twice. */
    synchronized boolean batchMayRepeatIds() {
        return ids == null || ids.repeated();
    }

    synchronized boolean exhausted() {
        return exhausted;
    }

    /** Objects whose first rows may be in the current batch. */
    synchronized List<FeedItem.ObjectStarted> started() {
        return List.copyOf(started);
    }

    /** Manifest rows of the objects whose every block went into the current batch. */
    synchronized List<ObjectRecord> completed() {
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
            FeedItem item = queue.take();
            if (item instanceof FeedItem.End) {
                exhausted = true;
                batchClosed = true;
            } else if (item instanceof FeedItem.Block b) {
                RowBlock block = b.rows();
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
            } else if (item instanceof FeedItem.ObjectDone done) {
                completed.add(done.record());
            } else if (item instanceof FeedItem.ObjectStarted s) {
                started.add(s);
            }
        }
        return null;
    }

    /**
     * Tops up a block with the blocks already waiting behind it. Readers end a block with each
     * object (most CloudTrail objects hold a few hundred records), and DuckDB's cost per chunk
     * does not shrink with the chunk: full chunks mean several times fewer of them. Objects done
     * on the way have all their rows in this block or before it. It stops where the batch reaches
     * its row limit, so a batch never takes more rows than it was given.
     */
    private void fill(RowBlock block) {
        while (!block.isFull() && rowsInBatch + block.size() < batchRows) {
            FeedItem next = queue.peek();
            if (next instanceof FeedItem.Block more && block.absorb(more.rows())) {
                queue.poll();
            } else if (next instanceof FeedItem.ObjectDone done) {
                queue.poll();
                completed.add(done.record());
            } else if (next instanceof FeedItem.ObjectStarted s) {
                queue.poll();
                started.add(s);
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

    void register(Sql sql) {
        try {
            DuckDBFunctions.tableFunction().withName(function).withFunction(new Function()).register(sql.connection());
        } catch (SQLException e) {
            throw new StoreException("registering the ingest feed", e);
        }
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
         * several times per run, once per loop that got hot and then as a whole
         * (benchmarks/RESULTS.md, fifth round).
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
