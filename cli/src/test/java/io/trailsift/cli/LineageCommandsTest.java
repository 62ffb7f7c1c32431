package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.lineage.LineageScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.trailsift.lineage.LineageScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineageCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String db;

    @BeforeAll
    static void ingest() throws Exception {
        Path file = dir.resolve("records.json");
        LineageScenario.records().write(file);
        db = dir.resolve("case.duckdb").toString();
        assertEquals(0, CliRun.of("ingest", file.toString(), "--db", db).exit());
    }

    @Test
    void keyJsonIsTheLineageShape() throws Exception {
        CliRun r = CliRun.of("key", ALICE, "--db", db, "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(ALICE, json.get("root").asText());
        List<String> keys = new ArrayList<>();
        json.get("nodes").forEach(n -> keys.add(n.get("access_key_id").asText()));
        assertEquals(List.of(ALICE, OPS, ADMIN, BACKDOOR, BD_SESSION, AUDIT, FED), keys);
        List<String> fields = new ArrayList<>();
        json.get("nodes").get(1).fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("access_key_id", "kind", "principal_arn", "account_ids", "parent", "via", "via_event_id", "via_disputed",
                "first_seen", "last_seen", "events", "source_ips", "user_agents"), fields);
    }

    @Test
    void keyUpTextShowsTheChainToTheLeakedKey() {
        CliRun r = CliRun.of("key", BD_SESSION, "--up", "--db", db);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith(ALICE + "  long-term"), r.out());
        assertTrue(r.out().contains("└── " + BD_SESSION + "  session"), r.out());
    }

    @Test
    void keyDiagramsAndBadFormat() {
        assertTrue(CliRun.of("key", ALICE, "--db", db, "--format", "dot").out().startsWith("digraph lineage {"));
        assertTrue(CliRun.of("key", ALICE, "--db", db, "--format", "mermaid").out().startsWith("flowchart LR"));
        // the format names of the other commands work too
        assertEquals(CliRun.of("key", ALICE, "--db", db, "--format", "text").out(),
                CliRun.of("key", ALICE, "--db", db, "--format", "table").out());
        assertEquals(CliRun.of("key", ALICE, "--db", db, "--format", "json").out(),
                CliRun.of("key", ALICE, "--db", db, "--format", "jsonl").out());
        CliRun bad = CliRun.of("key", ALICE, "--db", db, "--format", "svg");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("unknown format 'svg'"), bad.err());
    }

    @Test
    void unknownKeySaysSoWithTheNearestKeysAndExitsOne() {
        CliRun r = CliRun.of("key", "AKIAALICE00000000002", "--db", db);
        assertEquals(1, r.exit());
        assertEquals("", r.out(), "no made-up one-node lineage");
        assertTrue(r.err().contains("AKIAALICE00000000002 does not appear in " + db + "; did you mean " + ALICE + "?"), r.err());
        CliRun far = CliRun.of("key", "AKIANOPE000000000001", "--db", db);
        assertEquals(1, far.exit());
        assertTrue(far.err().contains("does not appear") && !far.err().contains("did you mean"), far.err());
    }

    @Test
    void keysAreUpperCasedAndWhatCannotBeAKeyIsAUsageError() {
        assertEquals(0, CliRun.of("key", ALICE.toLowerCase(java.util.Locale.ROOT), "--db", db).exit());
        CliRun arn = CliRun.of("key", "arn:aws:iam::" + A + ":user/alice", "--db", db);
        assertEquals(2, arn.exit());
        assertTrue(arn.err().contains("is an ARN, not an access key id; for a user, role or session use `trailsift principal"),
                arn.err());
        CliRun shortKey = CliRun.of("timeline", "--key", "AKIA123", "--db", db);
        assertEquals(2, shortKey.exit());
        assertTrue(shortKey.err().contains("'AKIA123' is not an access key id"), shortKey.err());
    }

    @Test
    void principalsAndEventNamesThatMatchNothingSaySoWithTheNearestNames() {
        CliRun principal = CliRun.of("principal", "alicee", "--db", db);
        assertEquals(1, principal.exit());
        assertTrue(principal.err().contains("no user, role or session named alicee in " + db + "; did you mean alice?"),
                principal.err());
        CliRun lower = CliRun.of("timeline", "--event", "assumerole", "--db", db, "--format", "jsonl");
        assertEquals(0, lower.exit(), lower.err());
        assertTrue(lower.out().contains("\"event_name\":\"AssumeRole\""), lower.out());
        CliRun typo = CliRun.of("timeline", "--event", "AssumeRol", "--db", db);
        assertEquals(1, typo.exit());
        assertTrue(typo.err().contains("no event named AssumeRol in " + db + "; did you mean AssumeRole?"), typo.err());
        // relative times count back from the store's newest event (2026-05 here), not from today
        CliRun lastDay = CliRun.of("timeline", "--since", "1d", "--db", db, "--format", "jsonl");
        assertEquals(0, lastDay.exit(), lastDay.err());
        assertTrue(!lastDay.out().isEmpty(), "the logs' last day, months ago");
        CliRun inverted = CliRun.of("timeline", "--since", "2026-05-22", "--until", "2026-05-21", "--db", db);
        assertEquals(2, inverted.exit());
        assertTrue(inverted.err().contains("--since 2026-05-22 is not before --until 2026-05-21"), inverted.err());
    }

    @Test
    void addressesAndRangesAreMatchedAndAnAddressTheStoreLacksSaysSo() {
        CliRun range = CliRun.of("ip", "203.0.113.0/24", "--db", db, "--format", "jsonl");
        assertEquals(0, range.exit(), range.err());
        assertTrue(range.out().contains(ALICE), range.out());
        CliRun near = CliRun.of("ip", "203.0.113.11", "--db", db);
        assertEquals(1, near.exit());
        assertTrue(near.err().contains("no call from 203.0.113.11 in " + db + "; did you mean 203.0.113.10"), near.err());
        CliRun bad = CliRun.of("timeline", "--ip", "203.0.113.0/40", "--db", db);
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--ip: '203.0.113.0/40': a prefix is at most /32"), bad.err());
    }

    @Test
    void timelineFollowJsonlRowsHaveTheTimelineShape() throws Exception {
        CliRun r = CliRun.of("timeline", "--key", ALICE, "--follow", "--db", db, "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(10, lines.length);
        JsonNode row = JSON.readTree(lines[6]);
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("event_time", "event_id", "account_id", "aws_region", "event_source", "event_name",
                "principal_arn", "access_key_id", "source_ip", "user_agent", "error_code", "read_only", "depth",
                "via_key"), fields);
        assertEquals("a8", row.get("event_id").asText());
        assertEquals("2026-05-01T10:07:00Z", row.get("event_time").asText());
        assertEquals(4, row.get("depth").asInt());
        assertEquals(BACKDOOR, row.get("via_key").asText());
        assertTrue(row.get("read_only").asBoolean());
        assertTrue(row.get("error_code").isNull());
    }

    @Test
    void timelineFiltersAndUsageErrors() {
        CliRun r = CliRun.of("timeline", "--errors-only", "--since", "2026-05-01", "--until", "2026-05-02T00:00:00Z",
                "--db", db, "--format", "csv");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.out().split("\r\n").length, r.out());
        assertTrue(r.out().contains(",a10,"), r.out());
        CliRun limited = CliRun.of("timeline", "--event", "CreateAccessKey,GetSessionToken", "--limit", "2", "--db", db,
                "--format", "jsonl");
        assertEquals(2, limited.out().split("\n").length);
        assertTrue(limited.err().contains("showing the first 2 of 7 events: --limit 7 for all of them"), limited.err());
        assertEquals(2, CliRun.of("timeline", "--follow", "--db", db).exit());
    }

    @Test
    void principalSectionsAsOneJsonObject() throws Exception {
        CliRun r = CliRun.of("principal", "alice", "--window-start", "2026-05-01T10:05:00Z", "--db", db, "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(4, json.get("overview").get(0).get("events").asInt());
        assertEquals(NEW_IP, json.get("new_in_window").get(2).get("value").asText());
        assertEquals(2, CliRun.of("principal", "alice", "--window-end", "2026-05-02", "--db", db).exit());
    }

    @Test
    void ipListsPrincipalsAndKeys() throws Exception {
        CliRun r = CliRun.of("ip", "198.51.100.7", "--db", db, "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        JsonNode row = JSON.readTree(r.out());
        assertEquals(BD_SESSION, row.get("access_key_id").asText());
        assertEquals("arn:aws:iam::" + B + ":user/backdoor", row.get("principal_arn").asText());
        assertEquals(1, row.get("events").asInt());
    }
}
