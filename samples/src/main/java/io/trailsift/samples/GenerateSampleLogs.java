package io.trailsift.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code java -cp samples/target/classes:testkit/target/classes io.trailsift.samples.GenerateSampleLogs [DIR]}:
 * rewrites {@code DIR} (default {@code sample-logs}) and prints the answer key's numbers.
 */
public final class GenerateSampleLogs {
    private GenerateSampleLogs() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "sample-logs");
        clear(out);
        System.out.print(SampleLogs.generate(out).summary());
    }

    /** Empties a previous sample; refuses a folder that does not look like one. */
    private static void clear(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> top = Files.list(out)) {
            if (top.findAny().isPresent() && !Files.isDirectory(out.resolve("AWSLogs"))) {
                throw new IllegalArgumentException(out + " is not empty and holds no AWSLogs/: not a sample to replace");
            }
        }
        try (Stream<Path> all = Files.walk(out)) {
            all.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(out)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
