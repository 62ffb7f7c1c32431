package io.trailsift.ingest;

import io.trailsift.event.EventFilter;
import io.trailsift.source.ReadLimits;

import java.nio.file.Path;
import java.util.List;

/**
 * How to ingest.
 *
 * @param parserThreads threads that decompress and parse (one object each)
 * @param limits        what reading one object, and the archives' temporary files, may cost
 * @param batchRows     rows per store transaction: large commits are faster and keep the file small
 */
public record IngestOptions(List<Path> inputs, int parserThreads, ReadLimits limits, EventFilter eventFilter,
                            PathFilter pathFilter, long batchRows) {
    public static final long DEFAULT_BATCH_ROWS = 1_000_000;

    public static IngestOptions defaults(List<Path> inputs) {
        return new IngestOptions(inputs, Runtime.getRuntime().availableProcessors(), ReadLimits.DEFAULTS,
                EventFilter.ALL, PathFilter.ALL, DEFAULT_BATCH_ROWS);
    }

    /** Options narrowed to the events {@code events} keeps, and to the objects whose paths can hold them. */
    public IngestOptions narrowedTo(EventFilter events) {
        return new IngestOptions(inputs, parserThreads, limits, events, PathFilter.covering(events), batchRows);
    }

    public IngestOptions withParserThreads(int n) {
        return new IngestOptions(inputs, n, limits, eventFilter, pathFilter, batchRows);
    }

    public IngestOptions withLimits(ReadLimits l) {
        return new IngestOptions(inputs, parserThreads, l, eventFilter, pathFilter, batchRows);
    }

    public IngestOptions withBatchRows(long n) {
        return new IngestOptions(inputs, parserThreads, limits, eventFilter, pathFilter, n);
    }
}
