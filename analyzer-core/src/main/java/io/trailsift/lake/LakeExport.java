package io.trailsift.lake;

import io.trailsift.event.RowBlock;
import io.trailsift.store.EventScan;
import io.trailsift.store.EventStore;
import io.trailsift.store.ObjectRecord;

/**
 * A store written out as a lake: its events go through the same writer as an ingest's, object by
 * object with the objects' own ids and manifest rows, so the lake holds what an ingest of the
 * same evidence into it would hold (disputed copies included, listed again as disputed).
 */
public final class LakeExport {
    private LakeExport() {
    }

    /** Returns the events written. */
    public static long run(EventStore store, LakeLoad load) {
        store.scan(new EventScan.Visitor() {
            @Override
            public void block(RowBlock block) {
                load.put(block);
            }

            @Override
            public void objectDone(ObjectRecord record) {
                load.objectDone(record);
            }
        });
        load.end();
        return load.write(rows -> { }).eventsStored();
    }
}
