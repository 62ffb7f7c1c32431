package io.trailsift.ingest;

import io.trailsift.parse.CloudTrailReader;
import io.trailsift.parse.RecordFilter;
import io.trailsift.parse.RowBlock;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The write path alone: already-parsed blocks (one corpus object, repeated to 100k rows) pulled
 * by DuckDB through the feed's table function into a fresh file store, in one transaction.
 * Lives in the ingest package because the feed is internal to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class RowWriterBenchmark {
    private static final int ROWS = 100_000;
    private final List<RowBlock> blocks = new ArrayList<>();
    private Path dir;
    private EventStore store;

    @Setup(Level.Trial)
    public void parse() throws IOException {
        String path = System.getProperty("trailsift.bench.object");
        if (path == null) {
            throw new IllegalStateException("set -Dtrailsift.bench.object=<corpus object .json.gz>");
        }
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(Path.of(path)))) {
            json = in.readAllBytes();
        }
        CloudTrailReader reader = new CloudTrailReader(RecordFilter.ALL);
        int rows = 0;
        while (rows < ROWS) {
            List<RowBlock> some = new ArrayList<>();
            reader.read(new ByteArrayInputStream(json), 1, some::add);
            for (RowBlock b : some) {
                blocks.add(b);
                rows += b.size();
            }
        }
    }

    @Setup(Level.Iteration)
    public void freshStore() throws IOException, SQLException {
        dir = Files.createTempDirectory("trailsift-writer");
        store = EventStore.open(dir.resolve("w.duckdb"));
    }

    @TearDown(Level.Iteration)
    public void dropStore() throws IOException, SQLException {
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
        BlockFeed feed = new BlockFeed(blocks.size() + 1, Long.MAX_VALUE);
        for (RowBlock b : blocks) {
            feed.put(b);
        }
        feed.end();
        feed.register(store.connection());
        feed.startBatch();
        try (Statement st = store.connection().createStatement()) {
            st.execute("BEGIN TRANSACTION");
            st.execute(feed.insertSql());
            st.execute("COMMIT");
        }
        return feed.rowsInBatch();
    }
}
