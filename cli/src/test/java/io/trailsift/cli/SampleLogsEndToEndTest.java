package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailsift.Case;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's acceptance fixture: {@code sample-logs/} ingested through the CLI entry point,
 * checked against {@code sample-logs/answer-key.json}. The generator writes the answer key with the
 * files, and {@code SampleLogsUpToDateTest} (samples) proves the two still agree, so the numbers are
 * read from it rather than copied here.
 */
class SampleLogsEndToEndTest {
    @TempDir
    static Path tmp;
    static Path sample;
    static Path db;
    static JsonNode summary;
    static int exit;
    static JsonNode answerKey;

    @BeforeAll
    static void ingestTheSample() throws IOException {
        sample = Evidence.sampleLogs();
        answerKey = new ObjectMapper().readTree(sample.resolve("answer-key.json").toFile());
        db = tmp.resolve("sample.duckdb");
        CliRun ingest = CliRun.of("ingest", sample.toString(), "--db", db.toString(), "--json");
        exit = ingest.exit();
        summary = ingest.json();
    }

    @Test
    void exitCodeSaysAnInputWasDamaged() {
        assertEquals(Main.DAMAGED_OR_FINDINGS, exit);
    }

    @Test
    void storesEveryRecoverableEventOnce() {
        assertEquals(answerKey.get("events_stored").asLong(), summary.get("events_stored").asLong());
        assertEquals(answerKey.get("events_read").asLong(), summary.get("events_read").asLong());
        assertEquals(answerKey.get("files").asLong(), summary.get("objects").asLong());
    }

    @Test
    void theTruncatedObjectIsTheOnlyDamageAndKeepsItsCompleteRecords() {
        JsonNode truncated = answerKey.get("truncated_object");
        JsonNode damaged = summary.get("damaged_objects");
        assertEquals(1, damaged.size());
        assertEquals(sample.resolve(truncated.get("key").asText()).toString(), damaged.get(0).get("path").asText());
        assertEquals(truncated.get("records_recovered").asLong(), damaged.get(0).get("records_recovered").asLong());
    }

    @Test
    void eachAttackerCredentialHasTheAnswerKeysEventCount() {
        JsonNode lineage = answerKey.get("lineage");
        assertEquals("AKIA1234567890ABCDEF", lineage.get(0).get("access_key_id").asText());
        assertEquals(5, lineage.size());
        for (JsonNode c : lineage) {
            assertEquals(c.get("events_recoverable").asLong(), eventsOf(c.get("access_key_id").asText()), c.toString());
        }
    }

    @Test
    void theCrossAccountAssumeRoleIsLoggedInBothAccountsUnderOneSharedEventId() {
        String crossAccount = answerKey.get("lineage").get(2).get("access_key_id").asText();
        assertEquals(List.of(List.of("123456789012", "AssumedRole", 1L), List.of("210987654321", "AWSAccount", 1L)),
                rows("SELECT recipient_account_id, identity_type, count(DISTINCT shared_event_id) OVER () FROM events "
                        + "WHERE issued_access_key_id = '" + crossAccount + "' ORDER BY recipient_account_id"));
    }

    @Test
    void lineageFromTheStolenKeyIsTheAnswerKeysLineage() throws IOException {
        CliRun key = CliRun.of("key", "AKIA1234567890ABCDEF", "--db", db.toString(), "--format", "json");
        assertEquals(Main.OK, key.exit());
        JsonNode tree = key.json();
        assertEquals("AKIA1234567890ABCDEF", tree.get("root").asText());
        java.util.Map<String, JsonNode> nodes = new java.util.HashMap<>();
        tree.get("nodes").forEach(n -> nodes.put(n.get("access_key_id").asText(), n));
        JsonNode lineage = answerKey.get("lineage");
        assertEquals(lineage.size(), nodes.size());
        for (JsonNode c : lineage) {
            String id = c.get("access_key_id").asText();
            JsonNode n = nodes.get(id);
            assertEquals(c.get("events_recoverable").asLong(), n.get("events").asLong(), id);
            assertEquals(c.get("kind").asText(), n.get("kind").asText(), id);
            assertEquals(c.get("parent"), n.get("parent"), id);
            assertEquals(c.get("via"), n.get("via"), id);
            if (!n.get("via").isNull()) {
                List<String> viaIds = new ArrayList<>();
                c.get("via_event_ids").forEach(v -> viaIds.add(v.asText()));
                assertTrue(viaIds.contains(n.get("via_event_id").asText()), id + " via event " + n.get("via_event_id"));
            }
        }
    }

    @Test
    void verifyFindsTheTruncatedObjectModifiedAndTheSignedChainIntact() throws IOException {
        CliRun verify = CliRun.of("verify", sample.toString(), "--public-keys", sample.resolve("list-public-keys.json").toString(),
                "--db", db.toString(), "--format", "json");
        assertEquals(Main.DAMAGED_OR_FINDINGS, verify.exit());
        JsonNode v = verify.json();
        JsonNode modified = v.get("log_objects").get("modified");
        assertEquals(1, modified.size());
        assertEquals(answerKey.get("truncated_object").get("key").asText(), modified.get(0).get("key").asText());
        assertEquals(0, v.get("log_objects").get("missing").size());
        JsonNode digests = answerKey.get("digests");
        assertEquals(digests.get("log_objects_listed").asLong() - 1, v.get("log_objects").get("verified").asLong());
        assertEquals(digests.get("count").asInt(), v.get("digests").get("count").asInt());
        assertEquals(0, v.get("digests").get("chain_breaks").size());
        assertEquals("verified", v.get("signatures").asText());
    }

    @Test
    void huntCoversEveryAttackerStepAndNothingHighFiresOnTheNoise() throws IOException {
        CliRun hunt = CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl");
        java.util.Set<String> covered = new java.util.HashSet<>();
        List<JsonNode> severe = new ArrayList<>();
        for (String line : hunt.out().split("\n")) {
            JsonNode f = new ObjectMapper().readTree(line);
            f.get("event_ids").forEach(id -> covered.add(id.asText()));
            if (f.get("severity").asText().matches("high|critical")) {
                severe.add(f);
            }
        }
        JsonNode leftBehind = answerKey.get("left_behind");
        for (JsonNode step : leftBehind) {
            assertTrue(covered.contains(step.get("event_id").asText()), "no finding covers attacker step " + step);
        }
        assertEquals(11, leftBehind.size(), "the answer key lists what the attacker left behind");
        assertTrue(covered.contains(single("SELECT event_id FROM events WHERE access_key_id = 'AKIA1234567890ABCDEF' "
                + "AND event_name = 'GetCallerIdentity' AND source_ip = '198.51.100.50'")), "the recon is a finding");
        java.util.Set<String> attacker = new java.util.HashSet<>(column("""
                SELECT event_id FROM events
                WHERE source_ip IN ('198.51.100.50', '192.0.2.199')
                   OR access_key_id IN (SELECT issued_access_key_id FROM events WHERE source_ip IN ('198.51.100.50', '192.0.2.199'))
                   OR user_name = 'svc-backup-admin' OR recipient_account_id = '210987654321' AND identity_type = 'AWSAccount'"""));
        for (JsonNode f : severe) {
            f.get("event_ids").forEach(id -> assertTrue(attacker.contains(id.asText()),
                    "high finding on background noise: " + f.get("rule") + " " + id));
        }
        assertTrue(severe.size() >= 5, "the attack itself is rated high: " + severe.size());
    }

    @Test
    void followingTheStolenKeyGivesExactlyItsLineagesEvents() throws IOException {
        CliRun timeline = CliRun.of("timeline", "--key", "AKIA1234567890ABCDEF", "--follow", "--db", db.toString(), "--format", "jsonl");
        assertEquals(Main.OK, timeline.exit());
        List<String> ids = new ArrayList<>();
        String previous = "";
        for (String line : timeline.out().split("\n")) {
            JsonNode row = new ObjectMapper().readTree(line);
            ids.add(row.get("event_id").asText());
            assertTrue(row.get("event_time").asText().compareTo(previous) >= 0, "time order");
            previous = row.get("event_time").asText();
        }
        long expected = 0;
        List<String> keys = new ArrayList<>();
        for (JsonNode c : answerKey.get("lineage")) {
            expected += c.get("events_recoverable").asLong();
            keys.add("'" + c.get("access_key_id").asText() + "'");
        }
        assertEquals(expected, ids.size());
        assertEquals(new java.util.TreeSet<>(column("SELECT event_id FROM events WHERE access_key_id IN ("
                + String.join(",", keys) + ")")), new java.util.TreeSet<>(ids));
    }

    @Test
    void investigateGivesTheChecklistOfTheAnswerKey() throws IOException {
        Path report = tmp.resolve("report.md");
        CliRun inv = CliRun.of("investigate", sample.toString(), "--key", "AKIA1234567890ABCDEF", "--db", db.toString(),
                "--out", report.toString());
        assertEquals(Main.DAMAGED_OR_FINDINGS, inv.exit(), "the truncated object is still reported");
        String screen = inv.out();
        for (String expected : List.of("First call from a new IP: 2026-05-21T12:11:58Z from 198.51.100.50",
                "Credentials in the lineage: 5", "[ ] Delete backdoor user svc-backup-admin", "Full report (commands, evidence, timeline): "
                        + report + " (timeline: " + report + ".timeline.csv)")) {
            assertTrue(screen.contains(expected), "investigate's screen lacks: " + expected);
        }
        assertTrue(screen.lines().count() < 60, "one screen, not " + screen.lines().count() + " lines");
        String md = Files.readString(report);
        for (String expected : List.of(
                "aws iam update-access-key --user-name 'app-integration-user' --access-key-id 'AKIA1234567890ABCDEF' --status Inactive",
                "aws iam update-access-key --user-name 'svc-backup-admin' --access-key-id 'AKIATRSGHP3FWQILJROY' --status Inactive",
                "aws iam put-role-policy --role-name 'DeployAutomationRole' --policy-name AWSRevokeOlderSessions",
                "aws iam put-role-policy --role-name 'SecurityToolingAdmin' --policy-name AWSRevokeOlderSessions",
                "aws iam put-user-policy --user-name 'svc-backup-admin'",
                "aws iam delete-user --user-name 'svc-backup-admin'",
                "aws iam detach-user-policy --user-name 'svc-backup-admin' --policy-arn 'arn:aws:iam::aws:policy/AdministratorAccess'",
                "aws iam delete-login-profile --user-name 'svc-backup-admin'",
                "aws iam set-default-policy-version --policy-arn 'arn:aws:iam::123456789012:policy/app-integration-ses-send'",
                "aws cloudtrail start-logging --name 'arn:aws:cloudtrail:eu-west-1:210987654321:trail/security-tooling-trail'",
                "- [ ] Delete backdoor user svc-backup-admin")) {
            assertTrue(md.contains(expected), "the report lacks: " + expected);
        }
        assertTrue(md.startsWith("# trailsift case report: AKIA1234567890ABCDEF"));
        assertTrue(md.length() < 50_000, "the Markdown report is " + md.length() + " characters");
    }

    /**
     * What the review found missing from the report (ux-review B 7, 8), each item from the answer
     * key: the backdoor user's console sign-in, the instances and the security groups it opened
     * with their undo commands, the key pairs and the secrets read, and what the truncated object
     * costs the deploy-role session.
     */
    @Test
    void theReportFollowsWhatTheLineageLeftBehind() throws IOException {
        Path report = tmp.resolve("left-behind.md");
        CliRun run = CliRun.of("report", "--key", "AKIA1234567890ABCDEF", "--db", db.toString(), "--out", report.toString());
        assertEquals(Main.DAMAGED_OR_FINDINGS, run.exit(), run.err());
        String md = Files.readString(report);
        for (JsonNode left : answerKey.get("left_behind")) {
            String eventId = left.get("event_id").asText();
            assertTrue(md.contains(eventId), "the report lacks " + left.get("what").asText() + " (" + eventId + ")");
            java.util.regex.Matcher sg = java.util.regex.Pattern.compile("security group (sg-[0-9a-f]+)")
                    .matcher(left.get("what").asText());
            if (sg.find()) {
                assertTrue(md.contains("aws ec2 revoke-security-group-ingress --region "), md);
                assertTrue(md.contains("--group-id '" + sg.group(1) + "'"), "no undo command for " + sg.group(1));
            }
        }
        String console = answerKey.get("left_behind").findValues("event_name").stream().map(JsonNode::asText).toList()
                .contains("ConsoleLogin") ? "signin:ConsoleLogin" : "";
        assertTrue(md.contains(console), "the backdoor user's console sign-in");
        assertEquals(6, md.lines().filter(l -> l.startsWith("aws ec2 terminate-instances --region "))
                .mapToLong(l -> l.split("'i-", -1).length - 1).sum(), "the 6 instances launched, each to terminate");
        List<String> keyPairs = answerKey.get("resources_made").findValues("what").stream().map(JsonNode::asText)
                .filter(w -> w.startsWith("key pair ")).toList();
        assertEquals(3, keyPairs.size(), keyPairs.toString());
        for (String keyPair : keyPairs) {
            String name = keyPair.split(" ")[2];
            String region = keyPair.substring(keyPair.lastIndexOf(' ') + 1);
            assertTrue(md.lines().anyMatch(l -> l.startsWith("aws ec2 delete-key-pair --region '" + region + "'")
                    && l.endsWith("--key-name '" + name + "'")), "no delete-key-pair for " + keyPair);
        }
        List<String> secrets = answerKey.get("data_read").findValues("what").stream().map(JsonNode::asText)
                .map(w -> w.split(" ")[1]).toList();
        assertEquals(List.of("prod/siem/splunk-hec-token", "prod/pagerduty/api-key"), secrets);
        for (String secret : secrets) {
            assertTrue(md.contains("aws secretsmanager put-secret-value --region 'eu-west-1' --secret-id '" + secret + "'"), secret);
            assertTrue(md.contains("- [ ] Rotate secret " + secret), "rotate item for " + secret);
        }
        assertFalse(md.contains("prod/vault/unseal-keys' "), "the refused GetSecretValue read nothing");
        JsonNode deploy = answerKey.get("lineage").get(1);
        String truncated = sample.resolve(answerKey.get("truncated_object").get("key").asText()).toString();
        // the path as Markdown shows it has its underscores and dots escaped: match its last part
        String name = truncated.substring(truncated.lastIndexOf('_') + 1, truncated.indexOf(".json"));
        String damaged = md.lines().filter(l -> l.startsWith("- Damaged object ") && l.contains(name)).findFirst().orElse("");
        assertTrue(damaged.contains(": " + answerKey.get("truncated_object").get("records_recovered").asLong()
                + " records recovered"), md);
        assertTrue(damaged.contains(deploy.get("access_key_id").asText() + "="), "the deploy-role session's events in "
                + "the damaged object: " + damaged);
    }

    private static String single(String sql) {
        List<String> values = column(sql);
        assertEquals(1, values.size(), sql);
        return values.get(0);
    }

    /** A query through the public door, as an embedder would run it (the values here come from the answer key). */
    private static List<List<Object>> rows(String sql) {
        try (Case c = Case.openReadOnly(db)) {
            return c.sql(sql).rows();
        }
    }

    private static List<String> column(String sql) {
        return rows(sql).stream().map(r -> String.valueOf(r.get(0))).toList();
    }

    private static long eventsOf(String accessKeyId) {
        return (Long) rows("SELECT count(*) FROM events WHERE access_key_id = '" + accessKeyId + "'").get(0).get(0);
    }
}
