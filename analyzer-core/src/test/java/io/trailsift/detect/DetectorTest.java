package io.trailsift.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.render.FindingTables;
import io.trailsift.render.Screen;
import io.trailsift.render.TableFormat;
import io.trailsift.store.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's contract, on the three events of the iam-user-created fixture (CreateUser, AttachUserPolicy, CreateAccessKey). */
class DetectorTest {
    @TempDir
    static Path tmp;
    static EventStore store;

    @BeforeAll
    static void ingest() throws Exception {
        store = DetectStores.ingest(tmp, "engine", List.of(DetectStores.fixture("iam-user-created", "fires")));
    }

    @AfterAll
    static void close() throws Exception {
        store.close();
    }

    static Rule rule(String id, String sql, String summary) throws Exception {
        return RuleLoader.parse("test/" + id + ".yml", "id: " + id + "\ntitle: T " + id + "\nseverity: medium\nattack: [T1098]\n"
                + "description: d\nsql: |\n  " + sql.replace("\n", "\n  ") + "\n"
                + (summary == null ? "" : "summary: \"" + summary + "\"\n"));
    }

    @Test
    void rowsWithTheSameGroupKeyBecomeOneFindingWithAllTheirEvidence() throws Exception {
        Rule r = rule("grouped", "SELECT event_id, 'all' AS group_key, event_name FROM events",
                "{principal_arn} did {event_name} ({event_count} events from {source_ips})");
        List<Finding> findings = Detector.run(store, List.of(r)).findings();
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(List.of("iam-user-created-fires-001", "iam-user-created-fires-002", "iam-user-created-fires-003"), f.eventIds());
        assertEquals(Instant.parse("2026-05-20T10:00:00Z"), f.firstSeen());
        assertEquals(Instant.parse("2026-05-20T10:00:01Z"), f.lastSeen());
        assertEquals(Optional.of("arn:aws:iam::111111111111:user/alice"), f.principalArn());
        assertEquals(Optional.of("111111111111"), f.accountId());
        assertEquals(Optional.of("AKIAEXAMPLEALICE0001"), f.accessKeyId());
        assertEquals(List.of("203.0.113.10"), f.sourceIps());
        assertEquals("arn:aws:iam::111111111111:user/alice did CreateUser, AttachUserPolicy, CreateAccessKey "
                + "(3 events from 203.0.113.10)", f.summary());
    }

    @Test
    void withoutAGroupKeyEachRowIsAFindingAndARowCanRaiseTheSeverity() throws Exception {
        Rule r = rule("single", """
                SELECT event_id, CASE WHEN event_name = 'AttachUserPolicy' THEN 'critical' END AS severity FROM events""", null);
        List<Finding> findings = Detector.run(store, List.of(r)).findings();
        assertEquals(3, findings.size());
        assertEquals(Severity.CRITICAL, findings.get(0).severity(), "most severe first");
        assertEquals(List.of("iam-user-created-fires-002"), findings.get(0).eventIds());
        assertEquals(Severity.MEDIUM, findings.get(1).severity());
        assertEquals("T single (1 event)", findings.get(1).summary());
    }

    @Test
    void aBrokenRuleIsReportedWithItsFileAndTheOthersStillRun() throws Exception {
        Rule good = rule("good", "SELECT event_id FROM events WHERE event_name = 'CreateUser'", null);
        Rule syntax = rule("syntax", "SELEKT event_id FROM events", null);
        Rule noId = rule("no-id", "SELECT event_name FROM events", null);
        Rule badPlaceholder = rule("placeholder", "SELECT event_id FROM events", "{nothing_like_this}");
        Rule badSeverity = rule("severity", "SELECT event_id, 'urgent' AS severity FROM events", null);
        HuntResult result = Detector.run(store, List.of(syntax, good, noId, badPlaceholder, badSeverity));
        assertEquals(List.of("good"), result.rulesRun());
        assertEquals(1, result.findings().size());
        List<String> problems = result.problems().stream().map(RuleProblem::toString).toList();
        assertEquals(4, problems.size());
        assertTrue(problems.get(0).startsWith("test/syntax.yml: rule 'syntax' failed: Parser Error"), problems.get(0));
        assertEquals("test/no-id.yml: rule 'no-id' failed: its SQL must return an event_id column", problems.get(1));
        assertTrue(problems.get(2).contains("summary placeholder {nothing_like_this} is not a column"), problems.get(2));
        assertTrue(problems.get(3).contains("unknown severity 'urgent'"), problems.get(3));
    }

    @Test
    void aRuleThatTriesToWriteIsRefusedAndTheEvidenceIsUntouched() throws Exception {
        Rule writer = rule("writer", "DELETE FROM events RETURNING event_id", null);
        HuntResult result = Detector.run(store, List.of(writer));
        assertEquals(1, result.problems().size());
        assertEquals(3, store.eventCount());
    }

    @Test
    void jsonLinesHaveExactlyTheArchitectureFindingShape() throws Exception {
        Rule r = rule("shape", "SELECT event_id, 'one' AS group_key FROM events", "x");
        List<Finding> findings = new ArrayList<>(Detector.run(store, List.of(r)).findings());
        StringWriter out = new StringWriter();
        FindingTables.write(findings, TableFormat.JSONL, Screen.UNLIMITED, out);
        JsonNode n = new ObjectMapper().readTree(out.toString().strip());
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("rule", "title", "severity", "attack", "first_seen", "last_seen", "account_id", "principal_arn",
                "access_key_id", "source_ips", "event_ids", "summary"), keys);
        assertEquals("shape", n.get("rule").asText());
        assertEquals("medium", n.get("severity").asText());
        assertEquals("[\"T1098\"]", n.get("attack").toString());
        assertEquals("2026-05-20T10:00:00Z", n.get("first_seen").asText());
        assertEquals("[\"203.0.113.10\"]", n.get("source_ips").toString());
        assertEquals(3, n.get("event_ids").size());
    }
}
