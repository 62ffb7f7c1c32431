package io.trailsift.store;

import io.trailsift.bench.BenchObjects;
import io.trailsift.event.EventFilter;
import io.trailsift.event.RowBlock;
import io.trailsift.format.cloudtrail.CloudTrailReader;
import io.trailsift.store.EventStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The write path alone: already-parsed blocks (one corpus object, repeated to 100k rows) pulled
 * by DuckDB through the feed's table function into a fresh file store, in one transaction.
 * Lives in the store package because the feed is internal to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class EventFeedBenchmark {
    private static final int ROWS = 100_000;
    private final List<RowBlock> blocks = new ArrayList<>();
    private long rows;
    private Path dir;
    private EventStore store;

    @Setup(Level.Trial)
    public void parse() throws IOException {
        byte[] json = BenchObjects.decompressed();
        CloudTrailReader reader = new CloudTrailReader(EventFilter.ALL);
        while (rows < ROWS) {
            List<RowBlock> some = new ArrayList<>();
            reader.read(new ByteArrayInputStream(json), 1, some::add);
            for (RowBlock b : some) {
                // merged here as the feed merges them (EventFeed.fill): the feed would otherwise
                // merge these very blocks in place, and the next iteration would write them twice
                if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).absorb(b)) {
                    blocks.add(b);
                }
                rows += b.size();
            }
        }
    }

    @Setup(Level.Iteration)
    public void freshStore() throws IOException {
        dir = Files.createTempDirectory("trailsift-writer");
        store = EventStore.open(dir.resolve("w.duckdb"), StoreOptions.defaults());
    }

    @TearDown(Level.Iteration)
    public void dropStore() throws IOException {
        store.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Benchmark
    public long writeBlocks() throws Exception {
        EventFeed feed = new EventFeed(blocks.size() + 1, Long.MAX_VALUE);
        for (RowBlock b : blocks) {
            feed.put(b);
        }
        feed.end();
        feed.register(store.sql());
        feed.startBatch(false);
        store.sql().inTransaction(tx -> tx.execute(feed.insertSql()));
        if (feed.rowsInBatch() != rows) {
            throw new IllegalStateException("wrote " + feed.rowsInBatch() + " rows, not the " + rows + " parsed");
        }
        return rows;
    }
}
