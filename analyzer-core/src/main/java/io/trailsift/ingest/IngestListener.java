package io.trailsift.ingest;

import java.util.function.Supplier;

/** Follows an ingest run: a display polls the live counters, a caller may act after each commit. */
public interface IngestListener {
    IngestListener NONE = new IngestListener() {
    };

    /** The run has started; {@code progress} gives its counters at any time, from any thread. */
    default void started(Supplier<IngestProgress> progress) {
    }

    /** A batch was committed (on the writing thread; the next batch waits until this returns). */
    default void committed(IngestProgress progress) {
    }
}
