package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static io.trailsift.cli.Evidence.KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --format timesketch} read back line by line as Timesketch's JSONL importer reads it
 * ({@code read_and_validate_jsonl}): every line one JSON object with {@code message},
 * {@code datetime} (ISO 8601) and {@code timestamp_desc}, {@code tag} a list of strings, and no
 * field the importer would drop (a leading underscore).
 */
class TimesketchExportTest {
    private static final Set<String> MANDATORY = Set.of("message", "datetime", "timestamp_desc");

    @TempDir
    static Path tmp;
    static String db;

    @BeforeAll
    static void ingestTheSample() {
        db = tmp.resolve("sample.duckdb").toString();
        CliRun.of("ingest", Evidence.sampleLogs().toString(), "--db", db);
    }

    /** Each line checked as the importer checks it; returns them parsed. */
    private static List<JsonNode> importable(String jsonl) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonl.lines().toList()) {
            JsonNode o = Evidence.JSON.readTree(line);
            assertTrue(o.isObject(), line);
            for (String field : MANDATORY) {
                assertTrue(o.path(field).isTextual() && !o.get(field).asText().isBlank(), field + " in " + line);
            }
            Instant at = OffsetDateTime.parse(o.get("datetime").asText()).toInstant();
            assertEquals(ChronoUnit.MICROS.between(Instant.EPOCH, at), o.get("timestamp").asLong(), line);
            assertTrue(o.get("tag").isArray(), line);
            o.get("tag").forEach(t -> assertTrue(t.isTextual() && !t.asText().isEmpty() && !t.asText().contains(","), line));
            for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                assertFalse(name.startsWith("_"), name);
                JsonNode v = o.get(name);
                assertFalse(v.isObject(), name + " is an object: Timesketch shows attributes flat");
            }
            lines.add(o);
        }
        return lines;
    }

    @Test
    void theLineageTimelineImportsWithItsPathAsATag() throws Exception {
        CliRun ts = CliRun.of("timeline", "--db", db, "--key", KEY, "--follow", "--format", "timesketch");
        assertEquals(Main.OK, ts.exit(), ts.err());
        CliRun rows = CliRun.of("timeline", "--db", db, "--key", KEY, "--follow", "--format", "jsonl");
        List<JsonNode> lines = importable(ts.out());
        assertEquals(rows.out().lines().count(), lines.size(), "one line per event");
        JsonNode answerKey = Evidence.JSON.readTree(Evidence.sampleLogs().resolve("answer-key.json").toFile());
        for (JsonNode c : answerKey.get("lineage")) {
            String key = c.get("access_key_id").asText();
            List<String> path = new ArrayList<>(List.of(key));
            for (JsonNode p = c; !p.get("parent").isNull(); ) {
                String parent = p.get("parent").asText();
                path.add(0, parent);
                p = find(answerKey.get("lineage"), parent);
            }
            String tag = "lineage:" + String.join(">", path);
            assertEquals(c.get("events_recoverable").asLong(), lines.stream()
                    .filter(l -> l.get("access_key_id").asText().equals(key))
                    .filter(l -> l.get("tag").toString().contains("\"" + tag + "\"")).count(), tag);
        }
    }

    private static JsonNode find(JsonNode lineage, String key) {
        for (JsonNode c : lineage) {
            if (c.get("access_key_id").asText().equals(key)) {
                return c;
            }
        }
        throw new AssertionError("no " + key + " in the answer key");
    }

    @Test
    void findingsImportTaggedWithRuleAndSeverity() throws Exception {
        CliRun ts = CliRun.of("hunt", "--db", db, "--format", "timesketch");
        CliRun jsonl = CliRun.of("hunt", "--db", db, "--format", "jsonl");
        List<JsonNode> lines = importable(ts.out());
        assertEquals(jsonl.out().lines().count(), lines.size(), "one line per finding");
        for (JsonNode l : lines) {
            String tags = l.get("tag").toString();
            assertTrue(tags.contains("\"rule:" + l.get("rule").asText() + "\""), tags);
            assertTrue(tags.contains("\"severity:" + l.get("severity").asText() + "\""), tags);
        }
        assertTrue(lines.stream().anyMatch(l -> l.get("rule").asText().equals("console-login-without-mfa")));
    }
}
