package io.trailsift.store;

import io.trailsift.event.RowBlock;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * One ingest run's writes into the store. Parser threads {@link #put} row blocks and mark each
 * object {@link #objectDone done}; the calling thread {@link #write}s batches, each one
 * transaction holding its events, the manifest rows of the objects it completed and the removal
 * of repeated eventIDs. A killed run therefore leaves only rows of objects without a manifest
 * row, which the next load removes first and reads again.
 */
public final class EventLoad implements EventSink {
    private final EventStore store;
    private final Sql sql;
    private final Manifest manifest;
    private final EventFeed feed;
    private final boolean derivedWereCurrent;
    private final Map<String, List<ObjectRecord>> known;
    private final long firstObjectId;
    private final long eventsBefore;

    /**
     * @param batchRows   rows per transaction: large commits are faster and keep the file small
     * @param queueBlocks row blocks the parsers may be ahead of the writer: what bounds memory
     */
    EventLoad(EventStore store, long batchRows, int queueBlocks) {
        this.store = store;
        this.sql = store.sql();
        this.manifest = new Manifest(sql);
        this.derivedWereCurrent = DerivedTables.isCurrent(sql);
        manifest.removeUnfinishedObjects();
        this.known = manifest.known();
        this.firstObjectId = manifest.nextObjectId();
        this.eventsBefore = store.eventCount();
        this.feed = new EventFeed(queueBlocks, batchRows);
        feed.register(sql);
    }

    /** Objects already in the store, by the SHA-256 of their bytes. */
    @Override
    public Map<String, List<ObjectRecord>> knownObjects() {
        return known;
    }

    /** The id for the first object this run reads; later ones follow. */
    @Override
    public long firstObjectId() {
        return firstObjectId;
    }

    /** Parser side: blocks while the writer is behind. */
    @Override
    public void put(RowBlock block) throws InterruptedException {
        feed.put(block);
    }

    /** Parser side, before the object's first block. */
    @Override
    public void objectStarted(long objectId, String path) throws InterruptedException {
        feed.objectStarted(objectId, path);
    }

    /** Parser side, after the object's last block. */
    @Override
    public void objectDone(ObjectRecord record) throws InterruptedException {
        feed.objectDone(record);
    }

    /** No more objects: the last batch ends here. */
    @Override
    public void end() throws InterruptedException {
        feed.end();
    }

    /**
     * Writes batches until {@link #end}; {@code committed} gets each committed batch's row count.
     * Returns once the tables derived from events are current again.
     */
    @Override
    public Result write(LongConsumer committed) {
        String insert = feed.insertSql();
        boolean firstBatch = true;
        boolean storeWasEmpty = eventsBefore == 0;
        while (!feed.exhausted()) {
            // the first batch into an empty store is the whole table: if no eventID in it comes
            // twice, there is nothing to dedupe, so the feed watches its ids
            boolean wholeTable = storeWasEmpty && firstBatch;
            feed.startBatch(wholeTable);
            sql.inTransaction(tx -> {
                tx.execute(insert);
                manifest.inProgress(feed.started());
                manifest.append(feed.completed());
                if (feed.rowsInBatch() > 0) {
                    if (feed.batchMayRepeatIds()) {
                        Dedupe.batch(tx, wholeTable, feed.minObjectId());
                    }
                    DerivedTables.eventsChanged(tx);
                }
            });
            firstBatch = false;
            committed.accept(feed.rowsInBatch());
        }
        DerivedTables.refresh(sql, derivedWereCurrent ? OptionalLong.of(firstObjectId) : OptionalLong.empty());
        return new Result(store.eventCount() - eventsBefore, conflictsFrom(sql, firstObjectId));
    }

    /** Disputed eventIDs with a copy in an object numbered from {@code objectId} on. */
    static List<ConflictingCopies> conflictsFrom(Sql sql, long objectId) {
        return sql.query("""
                SELECT c.event_id, list(o.path ORDER BY c.object_id) AS objects
                FROM event_conflicts c JOIN objects o USING (object_id)
                WHERE c.event_id IN (SELECT event_id FROM event_conflicts WHERE object_id >= ?)
                GROUP BY c.event_id ORDER BY c.event_id""",
                r -> new ConflictingCopies(r.text("event_id"), r.texts("objects")), objectId);
    }
}
