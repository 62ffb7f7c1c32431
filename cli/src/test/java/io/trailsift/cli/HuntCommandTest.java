package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuntCommandTest {
    /** A backdoor user (high: key for another user; medium: user created) and a new trail deleted right away (low). */
    static final String RECORDS = """
            {"Records":[
             {"eventVersion":"1.09","eventID":"ev-1","eventTime":"2026-05-20T10:00:00Z","eventSource":"iam.amazonaws.com",
              "eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0",
              "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111",
                              "accessKeyId":"AKIAEXAMPLEALICE0001","userName":"alice"},
              "requestParameters":{"userName":"backup-svc"},"recipientAccountId":"111111111111"},
             {"eventVersion":"1.09","eventID":"ev-2","eventTime":"2026-05-20T10:00:05Z","eventSource":"iam.amazonaws.com",
              "eventName":"CreateAccessKey","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0",
              "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111",
                              "accessKeyId":"AKIAEXAMPLEALICE0001","userName":"alice"},
              "requestParameters":{"userName":"backup-svc"},
              "responseElements":{"accessKey":{"accessKeyId":"AKIAEXAMPLEBACKDOOR1","userName":"backup-svc"}},
              "recipientAccountId":"111111111111"},
             {"eventVersion":"1.09","eventID":"ev-3","eventTime":"2026-05-20T11:00:00Z","eventSource":"cloudtrail.amazonaws.com",
              "eventName":"CreateTrail","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0",
              "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111",
                              "accessKeyId":"AKIAEXAMPLEALICE0001","userName":"alice"},
              "requestParameters":{"name":"scratch","s3BucketName":"scratch-bucket"},"recipientAccountId":"111111111111"},
             {"eventVersion":"1.09","eventID":"ev-4","eventTime":"2026-05-20T11:02:00Z","eventSource":"cloudtrail.amazonaws.com",
              "eventName":"DeleteTrail","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0",
              "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111111111111:user/alice","accountId":"111111111111",
                              "accessKeyId":"AKIAEXAMPLEALICE0001","userName":"alice"},
              "requestParameters":{"name":"arn:aws:cloudtrail:us-east-1:111111111111:trail/scratch"},"recipientAccountId":"111111111111"}
            ]}""";

    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void ingest() throws Exception {
        Path logs = Files.writeString(tmp.resolve("trail.json"), RECORDS);
        db = tmp.resolve("case.duckdb");
        assertEquals(0, CliRun.of("ingest", logs.toString(), "--db", db.toString()).exit());
    }

    static List<JsonNode> jsonLines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(new ObjectMapper().readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void huntPrintsFindingsAsJsonLinesMostSevereFirstAndStoresThem() throws Exception {
        CliRun r = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> findings = jsonLines(r.out());
        assertEquals(List.of("iam-access-key-for-other-user", "iam-user-created", "cloudtrail-tampering"),
                findings.stream().map(n -> n.get("rule").asText()).toList());
        JsonNode key = findings.get(0);
        assertEquals("high", key.get("severity").asText());
        assertEquals("[\"T1098.001\"]", key.get("attack").toString());
        assertEquals("2026-05-20T10:00:05Z", key.get("first_seen").asText());
        assertEquals("arn:aws:iam::111111111111:user/alice", key.get("principal_arn").asText());
        assertEquals("AKIAEXAMPLEALICE0001", key.get("access_key_id").asText());
        assertEquals("[\"198.51.100.7\"]", key.get("source_ips").toString());
        assertEquals("[\"ev-2\"]", key.get("event_ids").toString());
        assertEquals("arn:aws:iam::111111111111:user/alice created access key AKIAEXAMPLEBACKDOOR1 for IAM user backup-svc",
                key.get("summary").asText());
        assertEquals("[\"ev-1\",\"ev-2\"]", findings.get(1).get("event_ids").toString(), "the backdoor user is one finding");
        assertEquals("low", findings.get(2).get("severity").asText(), "a trail created and deleted in the logs");

        CliRun stored = CliRun.of("sql", "--db", db.toString(), "--format", "csv",
                "SELECT rule, severity, len(event_ids) AS n FROM findings ORDER BY finding_id");
        assertEquals("rule,severity,n\r\niam-access-key-for-other-user,high,1\r\niam-user-created,medium,2\r\n"
                + "cloudtrail-tampering,low,1\r\n", stored.out());
    }

    @Test
    void severityFiltersAndFailOn() throws Exception {
        CliRun high = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl", "--min-severity", "high", "--fail-on", "high");
        assertEquals(1, high.exit());
        assertEquals(1, jsonLines(high.out()).size());
        CliRun critical = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl", "--fail-on", "critical");
        assertEquals(0, critical.exit());
        assertEquals(3, jsonLines(critical.out()).size());
        assertEquals(2, CliRun.of("hunt", "--db", db.toString(), "--min-severity", "urgent").exit());
    }

    @Test
    void onlyRunsTheNamedRulesAndRefusesUnknownOnes() throws Exception {
        CliRun only = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl", "--only", "iam-user-created");
        assertEquals(List.of("iam-user-created"), jsonLines(only.out()).stream().map(n -> n.get("rule").asText()).toList());
        CliRun typo = CliRun.of("hunt", "--db", db.toString(), "--only", "iam-user-creatd");
        assertEquals(2, typo.exit());
        assertTrue(typo.err().contains("no loaded rule has id iam-user-creatd"), typo.err());
    }

    @Test
    void userRulesRunBesideTheShippedOnesAndABrokenFileIsNamed() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("my-rules"));
        Files.writeString(rules.resolve("trail-created.yml"), """
                id: trail-created
                title: Trail created
                severity: info
                attack: [T1562.008]
                description: Our own rule.
                sql: SELECT event_id FROM events WHERE event_name = 'CreateTrail'
                summary: "{principal_arn} created a trail"
                """);
        Files.writeString(rules.resolve("broken.yml"), "id: broken\ntitle: [\n");
        Path own = Files.copy(db, tmp.resolve("own.duckdb"));
        CliRun r = CliRun.of("hunt", "--db", own.toString(), "--format", "csv", "--rules", rules.toString());
        assertEquals(1, r.exit(), "a rule file that did not load makes the run incomplete");
        assertTrue(r.err().contains("broken.yml: not valid YAML"), r.err());
        assertTrue(r.out().contains("trail-created,Trail created,info"), r.out());
        assertTrue(r.out().contains("iam-access-key-for-other-user"), r.out());

        CliRun list = CliRun.of("rules", "--format", "csv", "--rules", rules.toString());
        assertEquals(1, list.exit());
        List<String> lines = list.out().lines().toList();
        assertEquals("id,severity,attack,title,source,tactic", lines.get(0));
        assertEquals(Case.rules(Optional.empty()).rules().size() + 2, lines.size(), "header, the shipped rules, 1 of the user's");
        assertTrue(lines.contains("root-account-used,high,T1078.004,Root user activity,rules/initial-access/root-account-used.yml,initial-access"),
                list.out());
    }

    @Test
    void tableAndMarkdownShowACompactView() {
        CliRun md = CliRun.of("hunt", "--db", db.toString(), "--format", "md", "--only", "iam-user-created", "--all");
        assertTrue(md.out().startsWith("| severity | rule | first\\_seen | last\\_seen | principal\\_arn | source\\_ips | events | summary |"),
                md.out());
        assertTrue(md.out().contains("| medium | iam-user-created | 2026-05-20T10:00:00Z |"), md.out());
    }
}
