package io.trailsift.bench.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCorpusTest {
    @TempDir
    Path tmp;

    @Test
    void writesExactlyNEventsInTheS3LayoutWhateverTheThreadCount() throws Exception {
        GenerateCorpus.Result one = GenerateCorpus.write(tmp.resolve("one"), 6_000, 7, 1);
        GenerateCorpus.write(tmp.resolve("two"), 6_000, 7, 2);

        List<String> files = files(tmp.resolve("one"));
        assertEquals(files, files(tmp.resolve("two")));
        assertEquals(one.objects(), files.size());
        long records = 0;
        for (String f : files) {
            assertTrue(f.matches("AWSLogs/o-b2c3d4e5f6/\\d{12}/CloudTrail/[a-z0-9-]+/\\d{4}/\\d{2}/\\d{2}/"
                    + "\\d{12}_CloudTrail_[a-z0-9-]+_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz"), f);
            byte[] a = Files.readAllBytes(tmp.resolve("one").resolve(f));
            assertArrayEquals(a, Files.readAllBytes(tmp.resolve("two").resolve(f)), f);
            String json = gunzip(tmp.resolve("one").resolve(f));
            assertTrue(json.startsWith("{\"Records\":[{\"eventVersion\":\"1."));
            records += json.split("\"eventVersion\":", -1).length - 1;
        }
        assertEquals(6_000, records);
        double perEvent = (double) one.jsonBytes() / one.events();
        assertTrue(perEvent > 1_200 && perEvent < 2_000, "about 1.5 KB per record: " + perEvent);
        assertTrue(one.jsonBytes() > 6 * one.gzipBytes(), "gzip ratio near 8-10x");
    }

    @Test
    void objectSizesAreHundredsToThousandsAndSumToN() {
        int[] sizes = GenerateCorpus.objectSizes(1_000_000, 1);
        assertEquals(1_000_000, Arrays.stream(sizes).asLongStream().sum());
        assertTrue(Arrays.stream(sizes).limit(sizes.length - 1).allMatch(n -> n >= 150 && n < 4_100));
        assertTrue(Arrays.stream(sizes).anyMatch(n -> n > 1_100), "some objects hold thousands");
    }

    private static String gunzip(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
