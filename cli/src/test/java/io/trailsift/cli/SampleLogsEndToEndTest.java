package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.store.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's acceptance fixture: {@code sample-logs/} ingested through the CLI entry point,
 * checked against the answer key in {@code sample-logs/README.md}. The generator writes that README
 * with the files, and {@code SampleLogsUpToDateTest} (benchmarks) proves the two still agree, so the
 * numbers are read from it rather than copied here.
 */
class SampleLogsEndToEndTest {
    @TempDir
    static Path tmp;
    static Path db;
    static JsonNode summary;
    static int exit;
    static String answerKey;

    @BeforeAll
    static void ingestTheSample() throws IOException {
        Path sample = repoRoot().resolve("sample-logs");
        answerKey = Files.readString(sample.resolve("README.md"));
        db = tmp.resolve("sample.duckdb");
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = Main.run("ingest", sample.toString(), "--db", db.toString(), "--json");
        } finally {
            System.setOut(stdout);
        }
        summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exitCodeSaysAnInputWasDamaged() {
        assertEquals(Main.DAMAGED_OR_FINDINGS, exit);
    }

    @Test
    void storesEveryRecoverableEventOnce() {
        assertEquals(keyNumber("unique events recoverable from the files"), summary.get("events_stored").asLong());
        assertEquals(keyNumber("records read: each readable record once per file, duplicates included "
                + "(the byte-identical second-download objects skipped unread)"), summary.get("events_read").asLong());
        assertEquals(keyNumber("files in this folder"), summary.get("objects").asLong());
    }

    @Test
    void theTruncatedObjectIsTheOnlyDamageAndKeepsItsCompleteRecords() {
        Matcher m = Pattern.compile("`([^`]+)` held (\\d+) records; a reader that keeps every complete record "
                + "recovers the first \\*\\*(\\d+)\\*\\*").matcher(answerKey);
        assertTrue(m.find(), "answer key names the truncated object");
        JsonNode damaged = summary.get("damaged_objects");
        assertEquals(1, damaged.size());
        assertTrue(damaged.get(0).get("path").asText().replace('\\', '/').endsWith(m.group(1)));
        assertEquals(Long.parseLong(m.group(3)), damaged.get(0).get("records_recovered").asLong());
    }

    @Test
    void eachAttackerCredentialHasTheAnswerKeysEventCount() throws SQLException {
        List<String[]> rows = lineageRows();
        assertEquals("AKIA1234567890ABCDEF", rows.get(0)[0]);
        assertEquals(5, rows.size());
        for (String[] row : rows) {
            assertEquals(Long.parseLong(row[1]), eventsOf(row[0]), row[0]);
        }
    }

    @Test
    void theCrossAccountAssumeRoleIsLoggedInBothAccountsUnderOneSharedEventId() throws SQLException {
        String[] crossAccount = lineageRows().get(2);
        try (EventStore store = EventStore.openReadOnly(db);
             PreparedStatement st = store.connection().prepareStatement(
                     "SELECT recipient_account_id, identity_type, count(DISTINCT shared_event_id) OVER () FROM events "
                             + "WHERE issued_access_key_id = ? ORDER BY recipient_account_id")) {
            st.setString(1, crossAccount[0]);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("123456789012", rs.getString(1));
                assertEquals("AssumedRole", rs.getString(2));
                assertEquals(1, rs.getInt(3));
                assertTrue(rs.next());
                assertEquals("210987654321", rs.getString(1));
                assertEquals("AWSAccount", rs.getString(2));
            }
        }
    }

    private static long eventsOf(String accessKeyId) throws SQLException {
        try (EventStore store = EventStore.openReadOnly(db);
             PreparedStatement st = store.connection().prepareStatement(
                     "SELECT count(*) FROM events WHERE access_key_id = ?")) {
            st.setString(1, accessKeyId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Lineage table rows of the answer key: access key and its recoverable event count. */
    private static List<String[]> lineageRows() {
        List<String[]> rows = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `(A[KS]IA[A-Z0-9]{16})` \\|.*\\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$")
                .matcher(answerKey);
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(3)});
        }
        return rows;
    }

    private static long keyNumber(String label) {
        Matcher m = Pattern.compile("(?m)^\\| " + Pattern.quote(label) + " \\| (\\d+) \\|$").matcher(answerKey);
        assertTrue(m.find(), "answer key has " + label);
        return Long.parseLong(m.group(1));
    }

    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sample-logs")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no sample-logs/ above " + Path.of("").toAbsolutePath());
    }
}
