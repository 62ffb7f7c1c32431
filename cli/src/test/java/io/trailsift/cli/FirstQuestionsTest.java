package io.trailsift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first questions on the sample case answered without SQL (stats, hunt --summary, timeline
 * --detail), terminal-sized timelines, --now, and the exit codes and messages of SQL errors.
 */
class FirstQuestionsTest {
    @TempDir
    static Path tmp;
    static String db;

    @BeforeAll
    static void ingestTheSample() {
        db = Evidence.sampleStore(tmp);
    }

    private static final Environment TERMINAL = new Environment(Map.of("COLUMNS", "200"), true);

    @Test
    void statsNamesTheTopPrincipalsAddressesErrorsAndConsoleSignIns() throws Exception {
        JsonNode stats = CliRun.of("stats", "--db", db, "--format", "json").json();
        JsonNode top = stats.get("top_principals");
        // the scanner's hourly sessions are one role, not fifteen rows: the busiest principal
        assertEquals("arn:aws:iam::123456789012:role/SecurityAuditReadOnly", top.get(0).get("principal").asText());
        assertTrue(top.get(0).get("sessions").asInt() > 10, top.toString());
        assertTrue(stream(top).anyMatch(p -> p.get("principal").asText().equals(
                "arn:aws:iam::123456789012:user/app-integration-user") && p.get("source_ips").asInt() == 2), top.toString());
        assertEquals("203.0.113.61", stats.get("top_source_ips").get(0).get("source_ip").asText());
        // the backdoor user's key, first used on the sample's last day from an address never seen before
        assertTrue(stream(stats.get("first_seen_in_last_day")).anyMatch(n -> n.get("value").asText().equals("192.0.2.199")),
                stats.get("first_seen_in_last_day").toString());
        assertTrue(stream(stats.get("first_seen_in_last_day")).noneMatch(n -> n.get("value").asText().contains("cspm-")),
                "a role's new sessions are not new principals");
        assertTrue(stream(stats.get("top_error_codes")).anyMatch(e -> e.get("error_code").asText().equals("AccessDenied")),
                stats.get("top_error_codes").toString());
        assertTrue(stream(stats.get("console_logins")).anyMatch(l -> l.get("principal_arn").asText()
                .endsWith("user/svc-backup-admin") && l.get("source_ip").asText().equals("198.51.100.50")
                && l.get("mfa_used").asText().equals("No")), stats.get("console_logins").toString());
        for (String section : List.of("identity_types", "top_event_names", "event_sources")) {
            assertTrue(stats.has(section), section);
        }
    }

    @Test
    void huntSummaryCountsPerRuleAndPerPrincipal() throws Exception {
        JsonNode summary = CliRun.of("hunt", "--db", db, "--summary", "--format", "json").json();
        JsonNode ec2 = stream(summary.get("findings_per_rule")).filter(r -> r.get("rule").asText()
                .equals("ec2-unusual-compute-launch")).findFirst().orElseThrow();
        assertEquals(3, ec2.get("findings").asInt());
        assertEquals(1, ec2.get("principals").asInt());
        JsonNode first = summary.get("findings_per_entity").get(0);
        assertEquals("arn:aws:iam::123456789012:user/app-integration-user", first.get("entity").asText());
        assertEquals(7, first.get("findings").asInt());
        assertEquals(3, first.get("high_or_critical").asInt());
    }

    @Test
    void aTerminalTimelineStopsAtAScreenfulAndSaysHowToGetTheRest() {
        CliRun run = CliRun.in(TERMINAL, "timeline", "--key", "AKIA1234567890ABCDEF", "--db", db);
        assertTrue(run.out().contains("(200 rows)"), run.out());
        assertTrue(run.err().contains("showing the first 200 of 2713 events: --limit 2713 for all of them, "
                + "or --format csv > timeline.csv"), run.err());
        CliRun file = CliRun.of("timeline", "--key", "AKIA1234567890ABCDEF", "--db", db, "--format", "csv");
        assertEquals(2714, file.out().lines().count(), "a file gets every event");
    }

    @Test
    void theDetailColumnSaysWhatACallActedOn() {
        CliRun run = CliRun.of("timeline", "--key", "AKIA1234567890ABCDEF", "--follow", "--detail", "--db", db,
                "--event", "CreateUser,AttachUserPolicy", "--format", "csv");
        assertTrue(run.out().lines().findFirst().orElseThrow().endsWith(",via_key,detail"), run.out());
        assertTrue(run.out().contains("userName=svc-backup-admin"), run.out());
        assertTrue(run.out().contains("policyArn=arn:aws:iam::aws:policy/AdministratorAccess"), run.out());
    }

    @Test
    void relativeTimesCountFromTheNewestEventUnlessNow() {
        CliRun store = CliRun.of("timeline", "--since", "1d", "--db", db, "--format", "csv", "--limit", "1");
        assertEquals(2, store.out().lines().count(), "the sample's last day: " + store.out() + store.err());
        CliRun clock = CliRun.of("timeline", "--since", "1d", "--now", "--db", db, "--format", "csv");
        assertEquals(1, clock.out().lines().count(), "nothing in the day before today: " + clock.out());
        CliRun given = CliRun.of("timeline", "--since", "1h", "--now", "2026-05-21 12:15", "--db", db,
                "--principal", "app-integration-user", "--format", "csv");
        assertTrue(given.out().lines().skip(1).findFirst().orElseThrow().startsWith("2026-05-21T11:16:"), given.out());
    }

    @Test
    void aFailedQueryHasItsOwnExitCodeAndSaysWhy() throws Exception {
        CliRun typo = CliRun.of("sql", "SELECT event_nam FROM events", "--db", db);
        assertEquals(Main.QUERY_FAILED, typo.exit());
        assertTrue(typo.err().startsWith("trailsift: the query failed: Binder Error: Referenced column \"event_nam\" not found"),
                typo.err());
        assertTrue(typo.err().contains("exit 4: not done: the SQL query failed"), typo.err());
        CliRun copy = CliRun.of("sql", "COPY (SELECT 1) TO '" + tmp.resolve("out.csv") + "'", "--db", db);
        assertEquals(Main.QUERY_FAILED, copy.exit());
        assertTrue(copy.err().contains("without access to other files"), copy.err());
        assertFalse(Files.exists(tmp.resolve("out.csv")));
        Path query = tmp.resolve("q.sql");
        Files.writeString(query, "SELECT count(*) AS n FROM events");
        assertEquals("n\r\n9852\r\n", CliRun.of("sql", "--file", query.toString(), "--db", db, "--format", "csv").out());
    }

    @Test
    void aUsageErrorIsItsMessageNotTheWholeUsage() {
        CliRun run = CliRun.of("timeline", "--limt", "5", "--db", db);
        assertEquals(Main.USAGE, run.exit());
        assertTrue(run.err().contains("Unknown options: '--limt'"), run.err());
        assertTrue(run.err().contains("--limit"), "a suggestion: " + run.err());
        assertTrue(run.err().contains("`trailsift timeline --help` lists the options"), run.err());
        assertFalse(run.err().contains("Usage:"), run.err());
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
