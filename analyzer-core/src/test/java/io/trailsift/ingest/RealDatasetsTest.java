package io.trailsift.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.testing.SharedData;
import io.trailsift.testing.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real dataset: the store holds exactly the unique eventIDs that an independent reader
 * (Jackson databind trees, a different code path from the streaming reader under test) finds.
 */
class RealDatasetsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"aws-attack-chain-lab", "stratus-red-team-detonations", "otrf-mordor-ec2-proxy-s3-exfil",
            "permiso-console-sessions", "datadog-export-stratus-2022"})
    void storedEventsEqualUniqueEventIds(String name) throws Exception {
        Path dataset = SharedData.dataset(name);
        Set<String> ids = new HashSet<>();
        long records = 0;
        try (Stream<Path> files = Files.walk(dataset)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".json.gz")).toList()) {
                records += collectIds(f, ids);
            }
        }
        assertTrue(records > 0);
        Path db = tmp.resolve(name + ".duckdb");
        IngestSummary s = Stores.ingest(db, dataset);
        assertEquals(records, s.eventsRead(), name + ": every readable record is read");
        assertEquals(ids.size(), s.eventsStored(), name);
        assertEquals(ids.size(), Stores.count(db, "SELECT count(DISTINCT event_id) FROM events"));
        assertEquals(0, Stores.count(db, "SELECT count(*) FROM events WHERE event_time IS NULL"), name);
    }

    /** Record count and ids of one file; stops quietly at the first syntax error, like a careful human would. */
    private static long collectIds(Path file, Set<String> ids) throws IOException {
        byte[] bytes;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            bytes = in.readAllBytes();
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("");
        if (firstLine.startsWith("{") && !firstLine.startsWith("{\"Records\"") && firstLine.contains("\"eventID\"")) {
            // NDJSON: one record per line
            return text.lines().filter(l -> !l.isBlank()).mapToLong(l -> add(readTree(l), ids)).sum();
        }
        try (JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                p.nextToken(); // "Records"
                p.nextToken();
            }
            return readArray(p, ids);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long readArray(JsonParser p, Set<String> ids) throws IOException {
        long n = 0;
        try {
            for (JsonToken t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
                JsonNode record = MAPPER.readTree(p);
                n += add(record, ids);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException damaged) {
            // the malformed datadog file: records before the error count, as they do for ingest
        }
        return n;
    }

    private static long add(JsonNode record, Set<String> ids) {
        ids.add(record.path("eventID").asText());
        return 1;
    }
}
