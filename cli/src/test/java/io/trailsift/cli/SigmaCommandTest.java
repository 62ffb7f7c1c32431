package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --sigma PATH...} and {@code --pack sigmahq} on hunt and rules, next to the shipped and --rules rules. */
class SigmaCommandTest {
    @TempDir
    static Path tmp;
    static Path db;
    static Path sigma;
    static Path own;

    @BeforeAll
    static void setUp() throws Exception {
        Path logs = Files.writeString(tmp.resolve("trail.json"), HuntCommandTest.RECORDS);
        db = tmp.resolve("case.duckdb");
        assertEquals(0, CliRun.of("ingest", logs.toString(), "--db", db.toString()).exit());
        sigma = Files.createDirectories(tmp.resolve("sigma/nested"));
        Files.writeString(sigma.resolve("trail_deleted.yml"), """
                title: Trail deleted
                id: 2f8e1d4e-0000-4000-8000-000000000001
                description: A trail was deleted.
                references: [https://example.org/trail]
                tags: [attack.defense-evasion, attack.t1562.008]
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection:
                    eventSource: cloudtrail.amazonaws.com
                    eventName|startswith: 'delete'
                  condition: selection
                falsepositives: [Test trails removed by their owner]
                level: high
                """);
        Files.writeString(sigma.resolve("needs_status.yml"), """
                title: Needs a status
                logsource: {product: aws, service: cloudtrail}
                detection:
                  selection: {status: success}
                  condition: selection
                """);
        own = Files.createDirectories(tmp.resolve("own"));
        Files.writeString(own.resolve("any-trail-created.yml"), """
                id: any-trail-created
                title: A trail was created
                severity: low
                description: Any CreateTrail.
                sql: SELECT event_id FROM events WHERE event_name = 'CreateTrail'
                """);
    }

    @Test
    void huntRunsSigmaRulesNextToTheShippedAndOwnRulesAndReportsTheBrokenOne() throws Exception {
        CliRun r = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl", "--sigma", sigma.getParent().toString(),
                "--rules", own.toString());
        assertEquals(1, r.exit(), "a broken rule makes the run one to look at: " + r.err());
        assertTrue(r.err().contains("needs_status.yml: CloudTrail records have no field 'status'"), r.err());
        List<JsonNode> findings = HuntCommandTest.jsonLines(r.out());
        List<String> rules = findings.stream().map(n -> n.get("rule").asText()).toList();
        assertTrue(rules.containsAll(List.of("trail_deleted", "any-trail-created", "cloudtrail-tampering")), rules.toString());
        JsonNode mine = findings.stream().filter(n -> n.get("rule").asText().equals("trail_deleted")).findFirst().orElseThrow();
        assertEquals("Trail deleted", mine.get("title").asText());
        assertEquals("high", mine.get("severity").asText());
        assertEquals("[\"T1562.008\"]", mine.get("attack").toString());
        assertEquals("[\"ev-4\"]", mine.get("event_ids").toString());
        assertEquals("arn:aws:iam::111111111111:user/alice", mine.get("principal_arn").asText());
    }

    @Test
    void rulesListsSigmaRulesWithTheirSqlAndBoundValues() throws Exception {
        CliRun r = CliRun.of("rules", "--sigma", sigma.resolve("trail_deleted.yml").toString(), "--show-sql", "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        JsonNode mine = HuntCommandTest.jsonLines(r.out()).stream().filter(n -> n.get("id").asText().equals("trail_deleted"))
                .findFirst().orElseThrow();
        String sql = mine.get("sql").asText();
        assertTrue(sql.contains("starts_with(lower(event_name), lower(?::VARCHAR))") && !sql.contains("'delete'"), sql);
        assertTrue(sql.endsWith("-- ?1 = \"cloudtrail.amazonaws.com\"\n-- ?2 = \"delete\""), sql);
        CliRun shown = CliRun.of("rules", "show", "trail_deleted", "--sigma", sigma.toString(), "--format", "table");
        assertTrue(shown.out().contains("Known false positives: Test trails removed by their owner."), shown.out());
    }

    @Test
    void theSigmaHqPackLoadsAllButTheRuleNamingAFieldCloudTrailLacks() throws Exception {
        CliRun r = CliRun.of("rules", "--pack", "sigmahq", "--format", "jsonl");
        assertEquals(1, r.exit());
        long sigmaRules = HuntCommandTest.jsonLines(r.out()).stream()
                .filter(n -> n.get("source").asText().startsWith("sigma/sigmahq/")).count();
        assertEquals(56, sigmaRules);
        assertTrue(r.err().contains("aws_delete_saml_provider.yml: CloudTrail records have no field 'status'"), r.err());
        CliRun unknown = CliRun.of("rules", "--pack", "nope");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no rule pack named 'nope'"), unknown.err());
    }
}
