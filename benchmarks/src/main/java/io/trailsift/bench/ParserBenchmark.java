package io.trailsift.bench;

import io.trailsift.parse.CloudTrailReader;
import io.trailsift.parse.RecordFilter;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The streaming reader alone: one decompressed CloudTrail object, in memory, into row blocks.
 * Set {@code -Dtrailsift.bench.object=PATH.json.gz} to a corpus object; the score is per object,
 * divide by its record count for per-record cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    private byte[] json;
    private final CloudTrailReader reader = new CloudTrailReader(RecordFilter.ALL);

    @Setup
    public void load() throws IOException {
        json = BenchObjects.decompressed();
    }

    @Benchmark
    public long parseObject(Blackhole sink) {
        return reader.read(new ByteArrayInputStream(json), 1, sink::consume).recordsStored();
    }

    /** Shared by the microbenchmarks: the object named by the system property, decompressed. */
    static final class BenchObjects {
        private BenchObjects() {
        }

        static byte[] decompressed() throws IOException {
            String path = System.getProperty("trailsift.bench.object");
            if (path == null) {
                throw new IllegalStateException("set -Dtrailsift.bench.object=<corpus object .json.gz>");
            }
            try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(Path.of(path)))) {
                return in.readAllBytes();
            }
        }
    }
}
