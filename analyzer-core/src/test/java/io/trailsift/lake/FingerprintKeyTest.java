package io.trailsift.lake;

import io.trailsift.ingest.IngestOptions;
import io.trailsift.testing.Lakes;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lake's content hashes are keyed with a secret of the lake's own, so that a copy forged in
 * the evidence cannot be shaped to hash like the real event it would erase.
 */
class FingerprintKeyTest {
    @TempDir
    Path tmp;

    @Test
    void aNewLakeGetsARandomKeyThatItsRerunsKeep() throws Exception {
        Path input = evidence();
        Path first = tmp.resolve("first");
        Path second = tmp.resolve("second");
        Lakes.ingest(first, o -> o, input);
        Lakes.ingest(second, o -> o, input);
        String key = Files.readString(first.resolve(FingerprintKey.FILE));
        assertTrue(FingerprintKey.parse(key).isPresent(), key);
        assertNotEquals(key, Files.readString(second.resolve(FingerprintKey.FILE)), "each lake its own key");
        assertNotEquals(pairs(first), pairs(second), "the same events hash apart under two keys");

        assertEquals(0, Lakes.ingest(first, o -> o, input).eventsStored(), "a rerun recognises every copy");
        assertEquals(key, Files.readString(first.resolve(FingerprintKey.FILE)));
    }

    @Test
    void aLakeFromBeforeKeysStaysUnkeyedAndADamagedKeyStopsTheRun() throws Exception {
        Path input = evidence();
        Path lake = tmp.resolve("lake");
        Lakes.ingest(lake, o -> o, input);
        Files.delete(lake.resolve(FingerprintKey.FILE));
        LakeLayout layout = new LakeLayout(lake);
        assertEquals(FingerprintKey.UNKEYED, FingerprintKey.of(layout, true));
        assertTrue(Files.notExists(lake.resolve(FingerprintKey.FILE)), "an unkeyed lake is not given a key its files lack");

        Files.writeString(lake.resolve(FingerprintKey.FILE), "not a key\n");
        LakeException e = assertThrows(LakeException.class, () -> Lakes.ingest(lake, o -> o, input));
        assertTrue(e.getMessage().contains("is not a key"), e.getMessage());
        assertEquals(Optional.empty(), FingerprintKey.parse("0123456789abcdeg"));
    }

    private Path evidence() throws Exception {
        Path input = tmp.resolve("in");
        Records.write(input.resolve("AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/a.json.gz"),
                Records.gzip(Records.wrapper(Records.events("e", 20))));
        return input;
    }

    /** Every fingerprint pair the lake committed, as text. */
    private static List<String> pairs(Path lake) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(lake.resolve("fingerprints"))) {
            for (Path f : files.sorted().toList()) {
                try (var in = Files.newInputStream(f)) {
                    Fingerprints.readPairs(in, Files.size(f), (id, content) -> out.append(id).append(' ').append(content).append('\n'));
                }
            }
        }
        return out.toString().lines().sorted().toList();
    }
}
