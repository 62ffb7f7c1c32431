package io.trailsift.format.cloudtrail;

import io.trailsift.bench.BenchObjects;
import io.trailsift.event.EventFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The readers alone: one decompressed CloudTrail object, in memory, into row blocks, by the path
 * the ingest takes ({@code read}: the byte scanner for objects in the standard layout) and by the
 * Jackson streaming reader it falls back to ({@code stream}). Set
 * {@code -Dtrailsift.bench.object=PATH.json.gz} to a corpus object; the score is per object,
 * divide by its record count for per-record cost. Lives in the reader's package because the
 * streaming path is internal to it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    private byte[] json;
    private final CloudTrailReader reader = new CloudTrailReader(EventFilter.ALL);

    @Setup
    public void load() throws IOException {
        json = BenchObjects.decompressed();
    }

    @Benchmark
    public long scanner(Blackhole sink) {
        return reader.read(new ByteArrayInputStream(json), 1, sink::consume).recordsStored();
    }

    @Benchmark
    public long jacksonStreaming(Blackhole sink) {
        return reader.stream(new ByteArrayInputStream(json), 1, sink::consume).recordsStored();
    }
}
