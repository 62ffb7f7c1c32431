package io.trailsift.ingest;

import io.trailsift.event.EventFilter;
import io.trailsift.source.ReadLimits;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** Options narrowed to a time window, accounts and regions (each optional). */
    public IngestOptions narrowedTo(Optional<Instant> since, Optional<Instant> until, Set<String> accounts,
                                    Set<String> regions) {
        EventFilter events = new EventFilter(
                since.map(IngestOptions::micros).orElse(Long.MIN_VALUE),
                until.map(IngestOptions::micros).orElse(Long.MAX_VALUE), Set.copyOf(accounts), Set.copyOf(regions));
        PathFilter paths = new PathFilter(since.map(IngestOptions::day), until.map(IngestOptions::day),
                Set.copyOf(accounts), Set.copyOf(regions));
        return new IngestOptions(inputs, parserThreads, limits, events, paths, batchRows);
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

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
