package io.trailsift.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The corpus object the JMH microbenchmarks work on, named by {@code -Dtrailsift.bench.object}. */
public final class BenchObjects {
    private BenchObjects() {
    }

    /** The object's JSON, gunzipped (corpus objects are gzipped, as CloudTrail writes them). */
    public static byte[] decompressed() throws IOException {
        String path = System.getProperty("trailsift.bench.object");
        if (path == null) {
            throw new IllegalStateException("set -Dtrailsift.bench.object=<corpus object .json.gz>");
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(path)))) {
            return in.readAllBytes();
        }
    }
}
