package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailsift.Case;
import io.trailsift.detect.Finding;
import io.trailsift.render.FindingTables;
import io.trailsift.render.Screen;
import io.trailsift.render.TableFormat;
import io.trailsift.testkit.CallLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hunt} for people ranks principals and credentials, for programs it adds each finding's
 * entity and score. The store: alice's backdoor user and short-lived trail of {@link HuntCommandTest}
 * (persistence, then defense evasion), and two sessions of the role Deploy deregistering an image
 * three times, in bursts hours apart (three low findings of one impact rule).
 */
class HuntRankingTest {
    private static final String A = "111111111111";
    private static final String ALICE = "arn:aws:iam::" + A + ":user/alice";
    private static final String DEPLOY = "arn:aws:iam::" + A + ":role/Deploy";

    @TempDir
    static Path tmp;
    static Path db;

    @BeforeAll
    static void ingest() throws Exception {
        Path alice = Files.writeString(tmp.resolve("alice.json"), HuntCommandTest.RECORDS);
        CallLog deploy = new CallLog();
        deploy.call("d-1", "2026-05-20T09:00:00Z", "ec2", "DeregisterImage").session("Deploy", "s1", A, "ASIADEPLOYSESSION001");
        deploy.call("d-2", "2026-05-20T09:30:00Z", "ec2", "DeregisterImage").session("Deploy", "s1", A, "ASIADEPLOYSESSION001");
        deploy.call("d-3", "2026-05-20T13:00:00Z", "ec2", "DeregisterImage").session("Deploy", "s2", A, "ASIADEPLOYSESSION002");
        Path role = deploy.write(tmp.resolve("deploy.json"));
        db = tmp.resolve("case.duckdb");
        assertEquals(0, CliRun.of("ingest", alice.toString(), role.toString(), "--db", db.toString()).exit());
    }

    /** The cells of a table line (cells hold no double space here). */
    private static List<String> cells(String line) {
        return List.of(line.strip().split(" {2,}"));
    }

    @Test
    void theTableRanksPrincipalsWithTheirFindingsFoldedByRule() {
        CliRun r = CliRun.of("hunt", "--db", db.toString(), "--format", "table");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("rank", "score", "entity / rule", "severity", "findings", "first_seen", "last_seen", "summary"),
                cells(lines.get(0)));
        assertEquals(List.of(
                List.of("1", "65", ALICE, "high", "3", "2026-05-20T10:00:00Z", "2026-05-20T11:02:00Z",
                        "3 rules in 2 stages (persistence, defense-evasion)"),
                List.of("iam-access-key-for-other-user", "high", "1", "2026-05-20T10:00:05Z", "2026-05-20T10:00:05Z",
                        "created access key AKIAEXAMPLEBACKDOOR1 for IAM user backup-svc"),
                List.of("iam-user-created", "medium", "1", "2026-05-20T10:00:00Z", "2026-05-20T10:00:05Z",
                        "created IAM user backup-svc (CreateUser, CreateAccessKey)"),
                List.of("cloudtrail-tampering", "low", "1", "2026-05-20T11:02:00Z", "2026-05-20T11:02:00Z"),
                List.of("2", "10", DEPLOY, "low", "3", "2026-05-20T09:00:00Z", "2026-05-20T13:00:00Z",
                        "1 rule in 1 stage (impact)"),
                List.of("ec2-ami-deregistered", "low", "3", "2026-05-20T09:00:00Z", "2026-05-20T13:00:00Z",
                        "ASIADEPLOYSESSION001 deregistered AMI(s) ?")),
                lines.subList(2, 8).stream().map(l -> l.contains("cloudtrail-tampering") ? cells(l).subList(0, 5) : cells(l)).toList());
        assertTrue(lines.get(3).startsWith(" ".repeat(13) + "  iam-access-key-for-other-user"), "rules indented under their entity");
        assertEquals("(2 principals and credentials, 6 findings)", lines.get(8));
        assertEquals(9, lines.size(), r.out());
        assertFalse(r.out().contains("assumed-role/Deploy"), "both sessions of the role rank as the role");
    }

    @Test
    void allListsEveryFindingAsTheFlatTable() {
        CliRun r = CliRun.of("hunt", "--db", db.toString(), "--format", "table", "--all");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("severity", "rule", "first_seen", "last_seen", "principal_arn", "source_ips", "events", "summary"),
                cells(lines.get(0)));
        List<List<String>> rows = lines.subList(2, 8).stream().map(HuntRankingTest::cells).toList();
        assertEquals(List.of("iam-access-key-for-other-user", "iam-user-created", "ec2-ami-deregistered",
                        "ec2-ami-deregistered", "cloudtrail-tampering", "ec2-ami-deregistered"),
                rows.stream().map(c -> c.get(1)).toList(), "most severe first, then earliest, as before triage");
        assertTrue(rows.stream().noneMatch(c -> c.get(c.size() - 1).startsWith("arn:")),
                "a summary does not repeat the principal of the column beside it: " + rows);
        assertEquals(List.of("arn:aws:sts::111111111111:assumed-role/Deploy/s1", "arn:aws:sts::111111111111:assumed-role/Deploy/s1",
                "arn:aws:sts::111111111111:assumed-role/Deploy/s2"),
                rows.stream().filter(c -> c.get(1).equals("ec2-ami-deregistered")).map(c -> c.get(4)).toList());
        assertEquals("(6 rows)", lines.get(8));
    }

    @Test
    void markdownRanksToo() {
        CliRun r = CliRun.of("hunt", "--db", db.toString(), "--format", "md");
        List<String> lines = r.out().lines().toList();
        assertEquals("| rank | score | entity / rule | severity | findings | first\\_seen | last\\_seen | summary |", lines.get(0));
        assertTrue(lines.get(6).startsWith("| 2 | 10 | arn:aws:iam::111111111111:role/Deploy | low | 3 |"), r.out());
    }

    @Test
    void jsonFindingsAreTheRawFindingsWithTheirEntityAndScoreAdded() throws Exception {
        List<JsonNode> lines = HuntCommandTest.jsonLines(CliRun.of("hunt", "--db", db.toString(), "--format", "jsonl").out());
        List<JsonNode> raw = HuntCommandTest.jsonLines(rawFindings());
        assertEquals(6, lines.size());
        assertEquals(raw.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode f = lines.get(i);
            List<String> fields = new ArrayList<>();
            f.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("rule", "title", "severity", "attack", "first_seen", "last_seen", "account_id", "principal_arn",
                    "access_key_id", "source_ips", "event_ids", "summary", "score", "entity"), fields);
            boolean role = f.get("principal_arn").asText().contains(":assumed-role/Deploy/");
            assertEquals(role ? DEPLOY : ALICE, f.get("entity").asText(), f.toString());
            assertTrue(f.get("score").isInt());
            assertEquals(role ? 10 : 65, f.get("score").asInt(), f.toString());
            ObjectNode without = ((ObjectNode) f.deepCopy());
            without.remove(List.of("score", "entity"));
            assertEquals(raw.get(i), without, "every other field as hunt printed it before triage");
        }
        JsonNode array = CliRun.of("hunt", "--db", db.toString(), "--format", "json").json();
        assertEquals(lines, List.copyOf(toList(array)));
    }

    @Test
    void investigateRanksWhatElseLooksCompromisedOutsideTheLineage() throws Exception {
        Path report = tmp.resolve("alice-report.txt");
        CliRun r = CliRun.of("investigate", tmp.resolve("alice.json").toString(), "--key", "AKIAEXAMPLEALICE0001",
                "--db", db.toString(), "--out", report.toString());
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(report);
        List<String> lines = text.lines().toList();
        int at = lines.indexOf("WHAT ELSE LOOKS COMPROMISED (1 PRINCIPAL OR CREDENTIAL OUTSIDE THE LINEAGE)");
        assertTrue(at > lines.indexOf("FINDINGS TOUCHING THE LINEAGE (3), RANKED"), text);
        assertEquals(List.of("rank", "score", "entity / rule", "severity", "findings", "first_seen", "last_seen", "summary"),
                cells(lines.get(at + 2)));
        assertEquals(List.of("1", "10", DEPLOY, "low", "3"), cells(lines.get(at + 4)).subList(0, 5));
        assertEquals(List.of("ec2-ami-deregistered", "low", "3"), cells(lines.get(at + 5)).subList(0, 3));
        assertEquals("", lines.get(at + 7), "the section ends; alice's own findings are not in it");
        assertTrue(lines.get(at + 8).startsWith("TIMELINE OF THE ATTACKER PERIOD"), lines.get(at + 8));
    }

    /** The findings as the Finding shape alone, as {@code hunt --format jsonl} printed them before triage. */
    private static String rawFindings() {
        List<Finding> findings;
        try (Case c = Case.openReadOnly(db)) {
            findings = c.hunt(Case.rules(Optional.empty()).rules()).findings();
        }
        StringWriter out = new StringWriter();
        FindingTables.write(findings, TableFormat.JSONL, Screen.UNLIMITED, out);
        return out.toString();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
