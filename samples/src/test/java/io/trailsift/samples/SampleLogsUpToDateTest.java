package io.trailsift.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed sample-logs/ is exactly what the generator writes now: the two cannot drift.
 * Byte equality of the .gz files assumes the JDK's deflate gives the same output as where the
 * sample was generated (the same zlib); a JDK built against a different zlib would fail here
 * although the records are identical.
 */
class SampleLogsUpToDateTest {
    @TempDir
    Path tmp;

    @Test
    void committedSampleEqualsAFreshGenerationByteForByte() throws IOException {
        Path committed = repoRoot().resolve("sample-logs");
        AnswerKey key = SampleLogs.generate(tmp);

        List<String> expected = files(tmp);
        assertEquals(expected, files(committed), "file list differs: regenerate sample-logs (see its README)");
        long bytes = 0;
        for (String f : expected) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve(f)), Files.readAllBytes(committed.resolve(f)),
                    f + " differs: regenerate sample-logs (see its README)");
            bytes += Files.size(tmp.resolve(f));
        }
        assertEquals(key.files(), expected.size());
        assertTrue(bytes < 3_000_000, "sample-logs must stay under 3 MB, is " + bytes);

        // the story's shape, as the answer key states it
        assertEquals("AKIA1234567890ABCDEF", key.credentials().get(0).credential().key());
        assertEquals(List.of("long-term", "session", "session", "long-term", "session"),
                key.credentials().stream().map(c -> c.credential().kind()).toList());
        assertTrue(key.eventsGenerated() > 9000 && key.eventsGenerated() < 11000, "about 10,000 events");
        assertEquals(72, key.digests().size());
        assertTrue(key.unrecoverable().size() > 0 && key.recovered() > 0);
        assertTrue(Files.readString(tmp.resolve("README.md"))
                .contains("| unique events recoverable from the files | " + key.eventsStored() + " |"));
    }

    @Test
    void theJsonAnswerKeyStatesTheGeneratorsNumbers() throws IOException {
        AnswerKey key = SampleLogs.generate(tmp);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve(AnswerKeyJson.FILE).toFile());
        assertEquals(key.eventsStored(), json.get("events_stored").asInt());
        assertEquals(key.eventsRead(), json.get("events_read").asInt());
        assertEquals(key.files(), json.get("files").asInt());
        assertEquals(key.truncatedKey(), json.get("truncated_object").get("key").asText());
        assertEquals(key.recovered(), json.get("truncated_object").get("records_recovered").asInt());
        assertEquals(key.credentials().size(), json.get("lineage").size());
        for (int i = 0; i < key.credentials().size(); i++) {
            AnswerKey.CredentialCount c = key.credentials().get(i);
            JsonNode n = json.get("lineage").get(i);
            assertEquals(c.credential().key(), n.get("access_key_id").asText());
            assertEquals(c.stored(), n.get("events_recoverable").asInt());
            assertEquals(c.credential().parent() == null, n.get("parent").isNull());
        }
        assertEquals(key.backdoors().size(), json.get("left_behind").size());
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** Surefire runs in the module folder; the sample lives at the repository root. */
    static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-logs")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no sample-logs/ above " + Path.of("").toAbsolutePath());
    }
}
