package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.testkit.Records;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestCommandTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private String stdout() {
        String s = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return s;
    }

    @Test
    void jsonSummaryHasTheArchitectureShapeAndExitCodesSayWhatHappened() throws Exception {
        Path in = tmp.resolve("in");
        Records.write(in.resolve("a.json.gz"), Records.gzip(Records.wrapper(Records.events("a", 5))));
        String db = tmp.resolve("t.duckdb").toString();

        assertEquals(0, Main.run("ingest", in.toString(), "--db", db, "--json"));
        JsonNode s = new ObjectMapper().readTree(stdout());
        assertEquals(List.of("objects", "events_read", "events_stored", "duplicates", "conflicts", "damaged_objects", "skipped_objects", "not_read", "seconds"),
                iterable(s.fieldNames()));
        assertEquals(1, s.get("objects").asLong());
        assertEquals(5, s.get("events_stored").asLong());
        assertTrue(s.get("seconds").isNumber());

        String full = Records.wrapper(Records.events("b", 4));
        Records.write(in.resolve("cut.json"), full.substring(0, full.indexOf("\"b-2\"")));
        assertEquals(1, Main.run("ingest", in.toString(), "--db", db, "--json"));
        JsonNode damaged = new ObjectMapper().readTree(stdout()).get("damaged_objects").get(0);
        assertTrue(damaged.get("path").asText().endsWith("cut.json"));
        assertEquals(2, damaged.get("records_recovered").asLong());
        assertTrue(damaged.get("reason").asText().contains("byte"));

        assertEquals(2, Main.run("ingest", tmp.resolve("missing").toString(), "--db", db));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing"));
        assertEquals(2, Main.run("ingest", in.toString(), "--db", db, "--since", "last tuesday"));
        assertEquals(2, Main.run("frobnicate"));
    }

    @Test
    void sqlIsReadOnlyAndStatsCountsWhatIsThere() throws Exception {
        Path in = tmp.resolve("in");
        Records.write(in.resolve("AWSLogs/123456789012/CloudTrail/us-east-1/2026/05/21/a.json.gz"),
                Records.gzip(Records.wrapper(Records.events("a", 3))));
        String db = tmp.resolve("t.duckdb").toString();
        assertEquals(0, Main.run("ingest", in.toString(), "--db", db));
        stdout();

        assertEquals(0, Main.run("sql", "SELECT event_id, event_time FROM events ORDER BY 1", "--db", db, "--format", "csv"));
        assertEquals("event_id,event_time\r\na-0,2026-05-21T00:00:00Z\r\na-1,2026-05-21T00:00:01Z\r\na-2,2026-05-21T00:00:02Z\r\n", stdout());

        assertEquals(Main.QUERY_FAILED, Main.run("sql", "DELETE FROM events", "--db", db));
        assertTrue(err.toString(StandardCharsets.UTF_8).toLowerCase().contains("read-only"), err.toString(StandardCharsets.UTF_8));

        assertEquals(0, Main.run("stats", "--db", db, "--format", "json"));
        JsonNode stats = new ObjectMapper().readTree(stdout());
        assertEquals(3, stats.get("overview").get(0).get("events").asLong());
        assertEquals("2026-05-21T00:00:00Z", stats.get("overview").get(0).get("first_event").asText());
        assertEquals("123456789012", stats.get("accounts").get(0).get("account_id").asText());
        assertEquals("2026-05-21", stats.get("days").get(0).get("day").asText());

        assertEquals(2, Main.run("stats", "--db", tmp.resolve("none.duckdb").toString()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
