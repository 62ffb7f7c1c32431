package io.trailsift.store;

import io.trailsift.event.RowBlock;

import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Where an ingest run's parsed events go: the store ({@link EventLoad}) or a Parquet lake. Parser
 * threads {@link #put} an object's row blocks between {@link #objectStarted} and
 * {@link #objectDone}; the calling thread {@link #write}s until {@link #end}. Both keep the same
 * rules: an object's events count only once its manifest row is committed, a rerun reads again
 * exactly the objects a killed run did not commit, identical copies of an eventID are kept once
 * and differing copies all kept and listed.
 */
public interface EventSink {
    /** Objects already held, by the SHA-256 of their bytes. */
    Map<String, List<ObjectRecord>> knownObjects();

    /** The id for the first object this run reads; later ones follow. */
    long firstObjectId();

    /** Parser side, before the object's first block. */
    void objectStarted(long objectId, String path) throws InterruptedException;

    /** Parser side. */
    void put(RowBlock block) throws InterruptedException;

    /** Parser side, after the object's last block. */
    void objectDone(ObjectRecord record) throws InterruptedException;

    /** No more objects. */
    void end() throws InterruptedException;

    /**
     * Writes until {@link #end}; {@code committed} gets each commit's row count. Returns what the
     * run added.
     */
    Result write(LongConsumer committed);

    /** What a load did: the events it added, and the disputed eventIDs among those it read. */
    record Result(long eventsStored, List<ConflictingCopies> conflicts) {
    }
}
